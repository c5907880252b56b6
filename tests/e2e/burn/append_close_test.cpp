// Multisession append where the medium allows it; closing (finalizing) the disc.
#include "burn_rig.hpp"

using namespace spindle::test;

TEST_CASE("sequential media take a second session after the first; both read back after a reload") {
    for (const auto& preset : multisession_presets()) {
        CAPTURE(preset);
        BurnRig rig(preset);
        const auto first = image(1024 * 1024, 1);
        const auto second = image(600 * 1024 + 5, 2);
        auto r1 = rig.burn(first);
        REQUIRE_MESSAGE(r1, (r1 ? "" : r1.error().to_string()));
        auto w = rig.writer();
        CHECK(*w.start_address_of_previous_session() == static_cast<std::int32_t>(r1->start_lba));
        CHECK(*w.last_written_address_of_previous_session() >= static_cast<std::int32_t>(r1->sectors - 1));
        const auto nwa = *w.next_writable_address();
        CHECK(nwa >= static_cast<std::int32_t>(r1->sectors)); // BD-R: no gap between sessions
        auto r2 = rig.burn(second);
        REQUIRE_MESSAGE(r2, (r2 ? "" : r2.error().to_string()));
        CHECK(r2->start_lba == static_cast<std::uint32_t>(nwa));
        rig.reload();
        CHECK(rig.read(r1->start_lba, first.size()) == first);
        CHECK(rig.read(r2->start_lba, second.size()) == second);
        const auto p = rig.probe();
        CHECK(p.previous_session_start == r2->start_lba);
        CHECK(p.sessions == 3); // two closed, the empty third open
    }
}

TEST_CASE("ForceMediaToBeClosed finalizes write-once media: nothing more can be written") {
    for (const std::string preset : {"blank cd-r", "blank dvd-r", "blank dvd+r", "blank dvd+r-dl", "blank bd-r"}) {
        CAPTURE(preset);
        BurnRig rig(preset);
        const auto bytes = image(800 * 1024, 4);
        REQUIRE(rig.burn(bytes, true, true));
        CHECK((*rig.writer().current_media_status() & media_state::finalized) != 0);
        auto again = rig.burn(image(64 * 1024));
        REQUIRE_FALSE(again);
        CHECK(hr_name(again.error()) == "E_IMAPI_DF2DATA_INVALID_MEDIA_STATE");
        rig.reload();
        CHECK(rig.read(0, bytes.size()) == bytes);
    }
}

TEST_CASE("DVD-R disc-at-once: RESERVE TRACK, WRITEs from 0, SYNCHRONIZE CACHE completes the disc") {
    BurnRig rig("blank dvd-r");
    auto w = rig.writer();
    w.set_dvd_minus_method(DvdMinusMethod::DiscAtOnce);
    w.set_verify(true);
    const auto bytes = image(2 * 1024 * 1024 + 17, 5);
    auto s = memory_stream(bytes);
    auto r = w.write(*s);
    REQUIRE_MESSAGE(r, (r ? "" : r.error().to_string()));
    CHECK(rig.sent(Opcode::ReserveTrack));
    CHECK_FALSE(rig.sent(Opcode::CloseTrackSession)); // no CLOSE in DAO
    CHECK((*w.current_media_status() & media_state::finalized) != 0);
    rig.reload();
    CHECK(rig.read(0, bytes.size()) == bytes);
}

TEST_CASE("a finalized CD-RW or DVD-RW is not overwritten without ForceOverwrite; with it, it is blanked first") {
    for (const std::string preset : {"blank cd-rw", "blank dvd-rw"}) {
        CAPTURE(preset);
        BurnRig rig(preset);
        REQUIRE(rig.burn(image(300 * 1024, 1), false, true));
        auto refused = rig.burn(image(300 * 1024, 2));
        REQUIRE_FALSE(refused);
        CHECK(hr_name(refused.error()) == "E_IMAPI_DF2DATA_MEDIA_NOT_BLANK");
        auto w = rig.writer();
        w.set_force_overwrite(true);
        w.set_verify(true);
        const auto bytes = image(400 * 1024, 3);
        auto s = memory_stream(bytes);
        rig.trace->clear();
        auto r = w.write(*s);
        REQUIRE_MESSAGE(r, (r ? "" : r.error().to_string()));
        CHECK(rig.sent(Opcode::Blank)); // BLANK
        CHECK(r->start_lba == 0);
        rig.reload();
        CHECK(rig.read(0, bytes.size()) == bytes);
    }
}
