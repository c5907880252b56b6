// Burns broken by faults in the drive: each ends with its exact HRESULT, promptly, and leaves a
// disc a real one could be in — after a reload it is readable up to what the drive took, and a
// sequential disc takes another session.
#include "../recorder/rig.hpp"
#include "burn/burn_rig.hpp"

#include "scsi/bytes.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {

// The blocks from the first WRITE(10) up to the last one the drive completed with GOOD.
std::size_t bytes_acknowledged(const BurnRig& rig) {
    std::uint32_t first = 0, end = 0;
    bool any = false;
    for (const auto& c : rig.commands(Opcode::Write10)) {
        const std::uint32_t lba = scsi::get_be32(c.cdb, 2);
        const std::uint32_t blocks = scsi::get_be16(c.cdb, 7);
        if (!any) first = lba, any = true;
        if (c.status == 0) end = lba + blocks;
    }
    return any ? std::size_t{end - first} * 2048 : 0;
}

// After a reload: not unsupported, the acknowledged part of `bytes` reads back, and a disc
// that can take another session takes one.
void check_left_consistent(BurnRig& rig, const std::vector<std::uint8_t>& bytes, std::size_t acknowledged,
                           bool another_session = true) {
    rig.reload();
    const auto p = rig.probe();
    CHECK((p.media_state & media_state::unsupported_media) == 0);
    if (acknowledged > 0) {
        const std::vector<std::uint8_t> head(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(acknowledged));
        CHECK(rig.read(0, acknowledged) == head);
    }
    if (another_session && p.medium != MediumClass::RandomAccess) {
        CHECK((p.media_state & media_state::appendable) != 0);
        CHECK(rig.burn(image(64 * 1024, 3)));
    }
}

} // namespace

TEST_CASE("loss of streaming on the 10th WRITE: E_IMAPI_LOSS_OF_STREAMING on every medium, the disc usable") {
    for (const auto& preset : recordable_presets()) {
        CAPTURE(preset);
        BurnRig rig(preset);
        add_rule(rig, "{command: WRITE(10), nth: 10, condition: loss-of-streaming}");
        const auto bytes = image(8 * 1024 * 1024, 5);
        auto r = rig.burn(bytes);
        REQUIRE_FALSE(r);
        CHECK(hr_name(r.error()) == "E_IMAPI_LOSS_OF_STREAMING");
        CHECK(rig.commands(Opcode::Write10).size() == 10); // no retry of a write the drive refused
        const std::size_t acknowledged = bytes_acknowledged(rig);
        CHECK(acknowledged > 0);
        // What the drive took is flushed, and a sequential disc's track and session closed.
        CHECK(rig.sent(Opcode::SynchronizeCache));
        if (rig.probe().medium != MediumClass::RandomAccess) CHECK(rig.sent(Opcode::CloseTrackSession));
        check_left_consistent(rig, bytes, acknowledged);
    }
}

TEST_CASE("a buffer underrun (BUFE off) ends the burn the same way") {
    BurnRig rig("blank dvd+r");
    add_rule(rig, "{command: WRITE(10), nth: 5, underrun: true}");
    const auto bytes = image(4 * 1024 * 1024, 6);
    auto r = rig.burn(bytes);
    REQUIRE_FALSE(r);
    CHECK(hr_name(r.error()) == "E_IMAPI_LOSS_OF_STREAMING");
    check_left_consistent(rig, bytes, bytes_acknowledged(rig));
}

TEST_CASE("a write error on a bad patch: the burn stops there with the drive's error") {
    BurnRig rig("blank bd-r");
    add_rule(rig, "{command: WRITE(10), lba: [1000, 1000], sense: 3/0C/00}");
    const auto bytes = image(8 * 1024 * 1024, 7);
    auto r = rig.burn(bytes);
    REQUIRE_FALSE(r);
    CHECK(hr_name(r.error()) == "E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE");
    const std::size_t acknowledged = bytes_acknowledged(rig);
    CHECK(acknowledged <= std::size_t{1000} * 2048);
    check_left_consistent(rig, bytes, acknowledged);
}

TEST_CASE("a long write after the data: SYNCHRONIZE CACHE is polled and the burn completes") {
    BurnRig rig("blank bd-r");
    add_rule(rig, "{command: SYNCHRONIZE CACHE, once: true, state: long-write, for: 20s}");
    const auto bytes = image(2 * 1024 * 1024, 8);
    const auto before = rig.device->clock().now();
    auto r = rig.burn(bytes);
    REQUIRE_MESSAGE(r, (r ? std::string() : r.error().to_string()));
    CHECK(r->verified);
    CHECK(rig.device->clock().now() - before >= std::chrono::seconds(20)); // it waited the long write out
    CHECK(rig.read(0, bytes.size()) == bytes);
}

TEST_CASE("becoming ready as the burn starts: waited out, then the burn completes") {
    BurnRig rig("blank dvd-r");
    add_rule(rig, "{command: READ DISC INFORMATION, once: true, state: becoming-ready, for: 3s}");
    const auto bytes = image(1024 * 1024, 9);
    auto r = rig.burn(bytes);
    REQUIRE_MESSAGE(r, (r ? std::string() : r.error().to_string()));
    CHECK(rig.read(0, bytes.size()) == bytes);
}

TEST_CASE("a WRITE that never completes: E_IMAPI_RECORDER_COMMAND_TIMEOUT, the disc usable") {
    BurnRig rig("blank dvd+r");
    add_rule(rig, "{command: WRITE(10), nth: 6, hang: true}");
    const auto bytes = image(4 * 1024 * 1024, 10);
    auto r = rig.burn(bytes);
    REQUIRE_FALSE(r);
    CHECK(hr_name(r.error()) == "E_IMAPI_RECORDER_COMMAND_TIMEOUT");
    CHECK(rig.commands(Opcode::Write10).size() == 6);
    check_left_consistent(rig, bytes, bytes_acknowledged(rig));
}

TEST_CASE("the drive vanishes mid-burn: ERROR_DEV_NOT_EXIST at once, and the disc keeps what it took") {
    for (const std::string preset : {"blank bd-r", "blank dvd+r", "blank cd-r", "formatted bd-re"}) {
        CAPTURE(preset);
        BurnRig rig(preset);
        add_rule(rig, "{command: WRITE(10), nth: 8, vanish: true}");
        const auto bytes = image(8 * 1024 * 1024, 11);
        auto r = rig.burn(bytes);
        REQUIRE_FALSE(r);
        CHECK(hr_name(r.error()) == "HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST)");
        // Nothing more is tried on a device that is gone: the failing WRITE is the last command
        // but for the attempts to leave the disc consistent, which fail the same way at once.
        const auto& cmds = rig.trace->commands();
        std::size_t after = 0;
        for (std::size_t i = 0; i < cmds.size(); ++i)
            if (cmds[i].cdb[0] == static_cast<std::uint8_t>(Opcode::Write10) && i + 1 < cmds.size())
                after = cmds.size() - i - 1;
        CHECK(after <= 3);
        // The disc is taken out of the vanished drive: what it acknowledged is on it. Power was
        // lost with the track open, so it is read back but not appended to here.
        check_left_consistent(rig, bytes, bytes_acknowledged(rig), false);
    }
}
