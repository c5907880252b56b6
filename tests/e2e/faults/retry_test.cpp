// The recorder's retry policy (recorder/retry_policy.hpp) against the emulated drive.
#include "../recorder/rig.hpp"

#include <cstdio>
#include <fstream>
#include <unistd.h>

using namespace spindle;
using namespace spindle::test;
using namespace std::chrono_literals;

namespace {

std::size_t commands_with_opcode(Rig& rig, Opcode opcode) {
    std::size_t n = 0;
    for (const auto& e : rig.device->drive().faults().log().entries())
        n += e.cdb[0] == static_cast<std::uint8_t>(opcode) ? 1u : 0u;
    return n;
}
} // namespace

TEST_CASE("becoming ready, then ready: the command succeeds after the recorder has waited") {
    Rig rig;
    rig.settle();
    add_rule(rig, "{command: INQUIRY, once: true, state: becoming-ready, for: 5s}");
    rig.ex().get_device_descriptor();
    const auto before = rig.device->clock().now();
    auto di = rig.ex().get_disc_information();
    REQUIRE_MESSAGE(di, (di ? std::string() : di.error().to_string()));
    CHECK(rig.device->clock().now() - before == 6s); // three waits of 2 s
}

TEST_CASE("becoming ready that does not end: E_IMAPI_RECORDER_MEDIA_BECOMING_READY after ten retries") {
    Rig rig;
    rig.settle();
    add_rule(rig, "{command: INQUIRY, once: true, state: becoming-ready, for: 1min}");
    rig.ex().get_device_descriptor();
    rig.device->drive().faults().log().clear();
    auto di = rig.ex().get_disc_information();
    REQUIRE_FALSE(di);
    CHECK(di.error().hresult() == hr::media_becoming_ready);
    CHECK(commands_with_opcode(rig, Opcode::ReadDiscInformation) == 11);
    CHECK(di.error().detail() == "after 20000 ms of retries");
}

TEST_CASE("a unit attention is answered by one re-probe; the same one again is a failure") {
    Rig rig;
    rig.settle();
    rig.device->drive().faults().log().clear();
    add_rule(rig, "{command: MODE SENSE(10), once: true, sense: 6/29/00}");
    CHECK(rig.ex().get_mode_page(0x2A, ModePageRequestType::Current));
    CHECK(commands_with_opcode(rig, Opcode::ModeSense10) == 3); // header (refused, re-probed), then the whole page
    rig.device->drive().faults().clear();
    rig.device->drive().faults().log().clear();
    add_rule(rig, "{command: MODE SENSE(10), sense: 6/29/00}");
    auto r = rig.ex().get_mode_page(0x2A, ModePageRequestType::Current);
    REQUIRE_FALSE(r);
    CHECK(r.error().hresult() == hr::media_becoming_ready);
    CHECK(commands_with_opcode(rig, Opcode::ModeSense10) == 2);
}

TEST_CASE("a long write in progress is polled once a second until it ends") {
    Rig rig;
    rig.settle();
    add_rule(rig, "{command: INQUIRY, once: true, state: long-write, for: 4500ms}");
    rig.ex().get_device_descriptor();
    const auto before = rig.device->clock().now();
    CHECK(rig.ex().get_disc_information());
    CHECK(rig.device->clock().now() - before == 5s);
}

TEST_CASE("format in progress and no medium fail fast, without waiting") {
    Rig rig;
    rig.settle();
    add_rule(rig, "{command: READ DISC INFORMATION, condition: format-in-progress}");
    const auto before = rig.device->clock().now();
    CHECK(rig.ex().get_disc_information().error().hresult() == hr::media_format_in_progress);
    CHECK(rig.device->clock().now() == before);
}

TEST_CASE("the retry limits are the caller's to change") {
    Rig rig;
    rig.settle();
    add_rule(rig, "{command: MODE SENSE(10), condition: becoming-ready}");
    RetryLimits quick;
    quick.becoming_ready_attempts = 2;
    quick.becoming_ready_interval = 100ms;
    rig.ex().set_retry_limits(quick);
    const auto before = rig.device->clock().now();
    CHECK(rig.ex().get_mode_page(0x2A, ModePageRequestType::Current).error().hresult() == hr::media_becoming_ready);
    CHECK(rig.device->clock().now() - before == 200ms);
}

TEST_CASE("RetryPolicy decides from the sense alone") {
    RetryPolicy p;
    CHECK(p.on_sense({scsi::SenseKey::NotReady, 0x04, 0x04}).kind == RetryDecision::Kind::GiveUp);
    CHECK(p.on_sense({scsi::SenseKey::NotReady, 0x3A, 0x01}).kind == RetryDecision::Kind::GiveUp);
    CHECK(p.on_sense({scsi::SenseKey::MediumError, 0x0C, 0x09}).kind == RetryDecision::Kind::GiveUp);
    CHECK(p.on_sense({scsi::SenseKey::UnitAttention, 0x28, 0x00}).kind == RetryDecision::Kind::RetryNow);
    CHECK(p.on_sense({scsi::SenseKey::UnitAttention, 0x29, 0x00}).kind == RetryDecision::Kind::RetryNow);
    CHECK(p.on_sense({scsi::SenseKey::UnitAttention, 0x28, 0x00}).kind == RetryDecision::Kind::GiveUp);
    const auto d = p.on_sense({scsi::SenseKey::NotReady, 0x04, 0x08});
    CHECK(d.kind == RetryDecision::Kind::RetryAfter);
    CHECK(d.delay == 1s);
    CHECK(p.on_sense({scsi::SenseKey::NotReady, 0x04, 0x01}).delay == 2s);
}

TEST_CASE("a scenario file loads with the drive through the emu: name") {
    const auto path =
        std::filesystem::temp_directory_path() / ("spindle-faults-" + std::to_string(::getpid()) + ".yaml");
    std::ofstream(path) << "seed: 5\nrules:\n  - {command: MODE SENSE(10), condition: speed-mismatch}\n";
    auto r =
        DiscRecorder::open("emu:?media=blank%20dvd+r&faults=" + path.string(), OpenOptions{false, ClockKind::Virtual});
    REQUIRE_MESSAGE(r, (r ? std::string() : r.error().to_string()));
    CHECK((*r)->ex().get_mode_page(0x2A, ModePageRequestType::Current).error().hresult() == hr::media_speed_mismatch);
    std::ofstream(path) << "rules:\n  - {command: MODE SENSE(10), condition: sideways}\n";
    auto bad = DiscRecorder::open("emu:?faults=" + path.string(), OpenOptions{false, ClockKind::Virtual});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().hresult() == hr::invalid_data);
    CHECK(bad.error().detail().find(":2:42: rules[0].condition: expected one of:") != std::string::npos);
    std::filesystem::remove(path);
}
