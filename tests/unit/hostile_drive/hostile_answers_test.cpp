// The recorder against a drive with broken firmware: truncated, oversized and inconsistent
// answers give E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE, never a read past a buffer
// (this binary also runs under ASan+UBSan); one that does not answer in time, a timeout that
// says how long was waited. Each answer is scripted byte for byte.
#include "recorder/data_writer.hpp"
#include "recorder/disc_recorder.hpp"
#include "recorder/media_probe.hpp"
#include "recorder/medium_commands.hpp"
#include "support/scripted_transport.hpp"

#include <doctest/doctest.h>

using namespace spindle;
using namespace spindle::recorder;
using spindle::test::ScriptedAnswer;
using spindle::test::ScriptedTransport;

namespace {

using Bytes = std::vector<std::uint8_t>;

// A recorder over `script`, after the INQUIRY every attach reads.
struct Hostile {
    ScriptedTransport* script = nullptr;
    std::unique_ptr<DiscRecorder> recorder;

    Hostile() {
        auto t = std::make_unique<ScriptedTransport>();
        script = t.get();
        test::answer_attach(*t);
        auto r = DiscRecorder::attach(std::move(t));
        REQUIRE_MESSAGE(r, r.error().to_string());
        recorder = std::move(*r);
    }
    DiscRecorderEx& ex() { return recorder->ex(); }
    Hostile& then(Bytes data) {
        script->then_data(std::move(data));
        return *this;
    }
};

template <class R>
void check_invalid_response(const R& r) {
    REQUIRE_FALSE(r);
    CHECK_MESSAGE(r.error().hresult() == hr::invalid_response_from_device, r.error().to_string());
}

// A GET CONFIGURATION answer: the 8-byte header (data length from the descriptors) and them.
Bytes configuration(const Bytes& descriptors, std::uint16_t current = 0x001B) {
    const auto len = static_cast<std::uint32_t>(4 + descriptors.size());
    Bytes a{static_cast<std::uint8_t>(len >> 24),
            static_cast<std::uint8_t>(len >> 16),
            static_cast<std::uint8_t>(len >> 8),
            static_cast<std::uint8_t>(len),
            0,
            0,
            static_cast<std::uint8_t>(current >> 8),
            static_cast<std::uint8_t>(current)};
    for (auto b : descriptors) a.push_back(b);
    return a;
}

} // namespace

TEST_CASE("an INQUIRY answer shorter than 36 bytes is an invalid response") {
    auto t = std::make_unique<ScriptedTransport>();
    auto inquiry = test::mmc_inquiry();
    inquiry[4] = 15; // additional length: 20 bytes in all
    inquiry.resize(20);
    t->then_data(inquiry).then_data(inquiry);
    check_invalid_response(DiscRecorder::attach(std::move(t)));
}

TEST_CASE("disc information whose length field promises more than the drive then sends is an invalid response") {
    Hostile h;
    Bytes full(34, 0);
    full[1] = 0x20;
    h.then({0x00, 0x20}).then(Bytes(full.begin(), full.begin() + 20)); // cut short: a residual
    check_invalid_response(h.ex().get_disc_information());
}

TEST_CASE("disc information with a zero length field is an invalid response") {
    Hostile h;
    h.then({0x00, 0x00});
    check_invalid_response(h.ex().get_disc_information());
}

TEST_CASE("disc information longer than a 2-byte allocation length can ask for is an invalid response") {
    Hostile h;
    h.then({0xFF, 0xFF});
    check_invalid_response(h.ex().get_disc_information());
}

TEST_CASE("track information whose length changes between the header and the whole answer is an invalid response") {
    Hostile h;
    Bytes full(48, 0);
    full[1] = 0x10; // now says 18 bytes
    h.then({0x00, 0x2E}).then(full);
    check_invalid_response(h.ex().get_track_information(1, ReadTrackAddressType::Track));
}

TEST_CASE("a feature descriptor whose additional length overruns the answer is an invalid response") {
    Hostile h;
    // Feature 0000h says 0Ch more bytes, 4 follow.
    const auto a = configuration({0x00, 0x00, 0x03, 0x0C, 0x00, 0x1B, 0x01, 0x00});
    h.then(Bytes(a.begin(), a.begin() + 8)).then(a);
    check_invalid_response(h.ex().get_supported_feature_pages(false));
}

TEST_CASE("a profile list that is not whole descriptors is an invalid response") {
    Hostile h;
    const auto a = configuration({0x00, 0x00, 0x03, 0x06, 0x00, 0x1B, 0x01, 0x00, 0x00, 0x11});
    h.then(Bytes(a.begin(), a.begin() + 8)).then(a);
    check_invalid_response(h.ex().get_supported_profiles(false));
}

TEST_CASE("a GET CONFIGURATION header with a data length below its own size is an invalid response") {
    Hostile h;
    h.then({0x00, 0x00, 0x00, 0x02, 0, 0, 0, 0});
    check_invalid_response(h.ex().get_supported_feature_pages(false));
}

TEST_CASE("a mode page whose page length overruns the mode data is an invalid response") {
    Hostile h;
    // Mode data length 0Eh (16 bytes in all): header + page 2Ah claiming 20h bytes, 6 sent.
    const Bytes a{0x00, 0x0E, 0, 0, 0, 0, 0, 0, 0x2A, 0x20, 1, 2, 3, 4, 5, 6};
    h.then(Bytes(a.begin(), a.begin() + 8)).then(a);
    check_invalid_response(h.ex().get_mode_page(0x2A, ModePageRequestType::Current));
}

TEST_CASE("a block descriptor length beyond the mode data is an invalid response") {
    Hostile h;
    const Bytes a{0x00, 0x0E, 0, 0, 0, 0, 0x01, 0x00, 0x2A, 0x04, 1, 2, 3, 4, 5, 6};
    h.then(Bytes(a.begin(), a.begin() + 8)).then(a);
    check_invalid_response(h.ex().get_mode_page(0x2A, ModePageRequestType::Current));
}

TEST_CASE("a mode page of another page code than asked for is an invalid response") {
    Hostile h;
    const Bytes a{0x00, 0x0A, 0, 0, 0, 0, 0, 0, 0x05, 0x02, 0, 0};
    h.then(Bytes(a.begin(), a.begin() + 8)).then(a);
    check_invalid_response(h.ex().get_mode_page(0x2A, ModePageRequestType::Current));
}

TEST_CASE("READ FORMAT CAPACITIES whose list length overruns the answer is an invalid response") {
    Hostile h;
    const Bytes a{0, 0, 0, 0x10, 0, 0, 0x10, 0, 0x02, 0, 0x08, 0}; // says 16 bytes of list, 8 follow
    h.then(Bytes(a.begin(), a.begin() + 4)).then(a);
    check_invalid_response(read_format_capacities(h.ex()));
}

TEST_CASE("READ FORMAT CAPACITIES with an empty capacity list is an invalid response") {
    Hostile h;
    h.then({0, 0, 0, 0});
    check_invalid_response(read_format_capacities(h.ex()));
}

TEST_CASE("a READ BUFFER CAPACITY answer shorter than its 12 bytes is an invalid response") {
    Hostile h;
    h.then({0x00, 0x0A, 0, 0, 0, 0x40});
    check_invalid_response(read_buffer_capacity(h.ex()));
}

TEST_CASE("a residual larger than the buffer is an invalid response") {
    Hostile h;
    ScriptedAnswer a;
    a.data = {0x00, 0x20};
    a.residual = 4096;
    h.script->then(a);
    check_invalid_response(h.ex().get_disc_information());
}

TEST_CASE("a CHECK CONDITION without sense bytes is an invalid response") {
    Hostile h;
    h.script->then(test::check_condition({}));
    check_invalid_response(h.ex().get_disc_information());
}

TEST_CASE("a CHECK CONDITION whose sense is only a response code is an invalid response") {
    Hostile h;
    h.script->then(test::check_condition({0x70}));
    check_invalid_response(h.ex().get_disc_information());
}

TEST_CASE("sense data whose additional length overruns the bytes sent maps only the bytes that are there") {
    Hostile h;
    // Fixed format, 3/11/00 (unrecovered read error), additional length FFh with 10 bytes following.
    h.script->then(test::check_condition({0x70, 0, 0x03, 0, 0, 0, 0, 0xFF, 0, 0, 0, 0, 0x11, 0x00, 0, 0, 0, 0}));
    auto r = h.ex().get_disc_information();
    REQUIRE_FALSE(r);
    CHECK(r.error().sense().size() == 18);
}

TEST_CASE("a GESN answer shorter than its header is an invalid response") {
    Hostile h;
    h.then({0x00, 0x06});
    check_invalid_response(h.recorder->poll_media_change());
}

TEST_CASE("write speed descriptors whose data length overruns the answer are an invalid response") {
    Hostile h;
    DataWriter w(*h.recorder);
    // The probe (TEST UNIT READY, the current profile: DVD-ROM), then a GET PERFORMANCE header
    // promising 2 descriptors, and 1 descriptor.
    h.then({}).then({0, 0, 0, 4, 0, 0, 0x00, 0x10});
    Bytes perf{0, 0, 0, 0x24, 0, 0, 0, 0};
    perf.resize(8 + 16, 0);
    h.then(Bytes(perf.begin(), perf.begin() + 8)).then(perf);
    check_invalid_response(w.supported_write_speed_descriptors());
}

TEST_CASE("a READ FORMAT CAPACITIES answer cut to 8 bytes is an invalid response when probing a DVD-RAM") {
    Hostile h;
    h.then({});                             // TEST UNIT READY
    h.then({0, 0, 0, 4, 0, 0, 0x00, 0x12}); // GET CONFIGURATION: DVD-RAM
    Bytes disc(34, 0);
    disc[1] = 0x20;
    disc[2] = 0x1E; // complete, erasable
    h.then({0x00, 0x20}).then(disc);
    h.then({0, 0, 0, 8, 0, 0x21, 0x9B, 0x20}); // the capacity descriptor missing
    check_invalid_response(probe_media(h.ex()));
    CHECK(h.script->cdbs.back()[0] == 0x23);
}

TEST_CASE("a formatted DVD-RAM whose READ CAPACITY answer is cut short fails the probe as an invalid response") {
    Hostile h;
    h.then({});                             // TEST UNIT READY
    h.then({0, 0, 0, 4, 0, 0, 0x00, 0x12}); // GET CONFIGURATION: DVD-RAM
    Bytes disc(34, 0);
    disc[1] = 0x20;
    disc[2] = 0x1E; // complete, erasable
    h.then({0x00, 0x20}).then(disc);
    h.then({0, 0, 0, 8, 0, 0x21, 0x9B, 0x20, 0x02, 0, 0x08, 0}); // formatted, 2202400 blocks
    h.then({0, 0x21, 0x9B});                                     // READ CAPACITY: 3 bytes of 8
    check_invalid_response(probe_media(h.ex()));
    CHECK(h.script->cdbs.back()[0] == 0x25);
}

TEST_CASE("a timeout names the time asked for and, when the kernel waited longer, the time it waited") {
    Hostile h;
    const Bytes tur{0x00, 0, 0, 0, 0, 0};
    // /dev/srN: the block layer raised a 2 s timeout to its 7 s minimum.
    h.script->then(ScriptedAnswer{0, {}, {}, TransportStatus::Timeout, std::nullopt, std::chrono::milliseconds(7004)});
    auto r = h.ex().send_command_no_data(tur, 2);
    REQUIRE_FALSE(r);
    CHECK(r.error().hresult() == hr::command_timeout);
    CHECK_MESSAGE(r.error().to_string().find("no answer within 2000 ms (the kernel gave up after 7004 ms)") !=
                      std::string::npos,
                  r.error().to_string());
    // /dev/sgN: the kernel kept to the time asked for.
    h.script->then(ScriptedAnswer{0, {}, {}, TransportStatus::Timeout, std::nullopt, std::chrono::milliseconds(2001)});
    r = h.ex().send_command_no_data(tur, 2);
    REQUIRE_FALSE(r);
    CHECK(r.error().to_string().find("no answer within 2000 ms") != std::string::npos);
    CHECK(r.error().to_string().find("gave up") == std::string::npos);
}
