// The command sequence each medium gets, as careful burners send it (libburn's
// doc/cookbook.txt and write.c, growisofs).
#include "burn_rig.hpp"

#include <algorithm>

using namespace spindle::test;

namespace {

using Ops = std::vector<Opcode>;

// The commands of one burn after validation (probe commands left out), runs folded.
Ops writing_sequence(const std::string& preset, bool close = false) {
    BurnRig rig(preset);
    rig.trace->clear();
    auto r = rig.burn(image(1024 * 1024), false, close);
    REQUIRE_MESSAGE(r, (r ? "" : r.error().to_string()));
    Ops out;
    for (auto op : rig.sequence()) // the writing commands and what a burner sends around them
        switch (op) {
        case Opcode::ModeSelect10:
        case Opcode::ReserveTrack:
        case Opcode::Write10:
        case Opcode::SynchronizeCache:
        case Opcode::CloseTrackSession:
        case Opcode::FormatUnit:
        case Opcode::Blank:
        case Opcode::SendOpcInformation: out.push_back(op); break;
        default: break;
        }
    return out;
}

std::vector<std::uint8_t> close_functions(const std::string& preset, bool close) {
    BurnRig rig(preset);
    rig.trace->clear();
    REQUIRE(rig.burn(image(256 * 1024), false, close));
    std::vector<std::uint8_t> out;
    for (const auto& c : rig.commands(Opcode::CloseTrackSession)) out.push_back(c.cdb[2] & 0x07);
    return out;
}

} // namespace

TEST_CASE("CD-R TAO: page 05h, OPC, WRITEs, SYNC, CLOSE SESSION") {
    CHECK(writing_sequence("blank cd-r") == Ops{Opcode::ModeSelect10, Opcode::SendOpcInformation, Opcode::Write10,
                                                Opcode::SynchronizeCache, Opcode::CloseTrackSession});
    CHECK(close_functions("blank cd-r", false) == std::vector<std::uint8_t>{0b010});
}

TEST_CASE("DVD-R incremental: page 05h, OPC, WRITEs, SYNC, CLOSE TRACK, CLOSE SESSION") {
    CHECK(writing_sequence("blank dvd-r") == Ops{Opcode::ModeSelect10, Opcode::SendOpcInformation, Opcode::Write10,
                                                 Opcode::SynchronizeCache, Opcode::CloseTrackSession});
    CHECK(close_functions("blank dvd-r", false) == std::vector<std::uint8_t>{0b001, 0b010});
}

TEST_CASE("DVD+R: no page 05h; WRITEs, SYNC, CLOSE TRACK, CLOSE SESSION or finalize 101b") {
    CHECK(writing_sequence("blank dvd+r") ==
          Ops{Opcode::SendOpcInformation, Opcode::Write10, Opcode::SynchronizeCache, Opcode::CloseTrackSession});
    CHECK(close_functions("blank dvd+r", false) == std::vector<std::uint8_t>{0b001, 0b010});
    CHECK(close_functions("blank dvd+r", true) == std::vector<std::uint8_t>{0b001, 0b101});
    CHECK(close_functions("blank dvd+r-dl", true) == std::vector<std::uint8_t>{0b001, 0b110});
}

TEST_CASE("BD-R: WRITEs, SYNC, CLOSE TRACK, CLOSE SESSION or finalize 110b") {
    CHECK(writing_sequence("blank bd-r") ==
          Ops{Opcode::SendOpcInformation, Opcode::Write10, Opcode::SynchronizeCache, Opcode::CloseTrackSession});
    CHECK(close_functions("blank bd-r", true) == std::vector<std::uint8_t>{0b001, 0b110});
}

TEST_CASE("DVD+RW blank: FORMAT UNIT 26h with Immed, WRITEs, SYNC, CLOSE SESSION completes the format") {
    BurnRig rig("blank dvd+rw");
    rig.trace->clear();
    REQUIRE(rig.burn(image(256 * 1024)));
    const auto formats = rig.commands(Opcode::FormatUnit);
    REQUIRE(formats.size() == 1);
    CHECK(writing_sequence("blank dvd+rw") ==
          Ops{Opcode::FormatUnit, Opcode::Write10, Opcode::SynchronizeCache, Opcode::CloseTrackSession});
    CHECK(close_functions("blank dvd+rw", false) == std::vector<std::uint8_t>{0b010});
    CHECK(rig.probe().background_format == 3);
}

TEST_CASE("BD-RE blank: FORMAT UNIT, WRITEs, SYNC; DVD-RAM and restricted-overwrite DVD-RW: WRITEs, SYNC") {
    CHECK(writing_sequence("blank bd-re") == Ops{Opcode::FormatUnit, Opcode::Write10, Opcode::SynchronizeCache});
    CHECK(writing_sequence("formatted dvd-ram") == Ops{Opcode::Write10, Opcode::SynchronizeCache});
    CHECK(writing_sequence("formatted dvd-rw-ro") == Ops{Opcode::Write10, Opcode::SynchronizeCache});
    CHECK(writing_sequence("formatted bd-re") == Ops{Opcode::Write10, Opcode::SynchronizeCache});
}

TEST_CASE("SYNCHRONIZE CACHE and CLOSE are sent with Immed and waited out by polling") {
    BurnRig rig("blank dvd+r");
    rig.trace->clear();
    REQUIRE(rig.burn(image(256 * 1024)));
    for (const auto& c : rig.commands(Opcode::SynchronizeCache)) CHECK((c.cdb[1] & 0x02) != 0);
    for (const auto& c : rig.commands(Opcode::CloseTrackSession)) CHECK((c.cdb[1] & 0x01) != 0);
    CHECK(rig.sent(Opcode::TestUnitReady)); // TEST UNIT READY polls
}

TEST_CASE("write speeds: GET PERFORMANCE 03h lists them; SetWriteSpeed reports adjusted speeds") {
    BurnRig rig("blank dvd+r");
    auto w = rig.writer();
    auto speeds = w.supported_write_speeds();
    REQUIRE(speeds);
    REQUIRE(!speeds->empty());
    const auto fastest = *std::ranges::max_element(*speeds);
    CHECK(*w.set_write_speed(static_cast<std::int32_t>(fastest), false) == hr::s_ok);
    CHECK(*w.current_write_speed() == fastest);
    CHECK(*w.set_write_speed(-1, false) == hr::s_ok);
    CHECK(*w.set_write_speed(static_cast<std::int32_t>(fastest) + 1, false) == hr::s_speed_adjusted);
    CHECK(*w.set_write_speed(static_cast<std::int32_t>(fastest), true) == hr::s_rotation_adjusted);
    CHECK(*w.set_write_speed(static_cast<std::int32_t>(fastest) + 1, true) == hr::s_both_adjusted);
    CHECK(rig.sent(Opcode::SetStreaming)); // SET STREAMING on DVD
    BurnRig cd("blank cd-r");
    auto wc = cd.writer();
    CHECK(wc.set_write_speed(-1, false));
    CHECK(cd.sent(Opcode::SetCdSpeed));    // SET CD SPEED on CD
    CHECK(wc.set_write_speed(300, false)); // 4x requested
    auto r = cd.burn(image(700 * 1024));
    CHECK(r);
}
