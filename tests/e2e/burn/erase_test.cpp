// IDiscFormat2Erase: rewritable media erased or formatted, with progress, then written again.
#include "burn_rig.hpp"

using namespace spindle::test;

namespace {

// Burns, erases (or formats) and burns again; the second image reads back.
void erase_and_reuse(const std::string& preset, bool full, bool format) {
    CAPTURE(preset);
    CAPTURE(full);
    BurnRig rig(preset);
    REQUIRE(rig.burn(image(500 * 1024, 1), false, true));
    DiscEraser eraser(*rig.recorder);
    eraser.set_full_erase(full);
    std::vector<EraseProgress> events;
    eraser.set_clock([&] { return std::chrono::steady_clock::time_point(rig.device->clock().now()); });
    eraser.set_progress_handler([&](const EraseProgress& p) { events.push_back(p); });
    rig.trace->clear();
    auto r = format ? eraser.format_media() : eraser.erase_media();
    REQUIRE_MESSAGE(r, (r ? "" : r.error().to_string()));
    REQUIRE(events.size() >= 3);
    for (std::size_t i = 1; i < events.size(); ++i) {
        CHECK(events[i].elapsed_seconds >= events[i - 1].elapsed_seconds);
        CHECK(events[i].elapsed_seconds - events[i - 1].elapsed_seconds <= 1.0); // every 0.5-1 s
    }
    CHECK(events.back().fraction == 1.0);
    const auto p = rig.probe();
    if (p.medium == MediumClass::RandomAccess)
        CHECK(*rig.writer().media_heuristically_blank());
    else
        CHECK((p.media_state & media_state::blank) != 0);
    const auto bytes = image(700 * 1024, 2);
    auto again = rig.burn(bytes);
    REQUIRE_MESSAGE(again, (again ? "" : again.error().to_string()));
    rig.reload();
    CHECK(rig.read(again->start_lba, bytes.size()) == bytes);
}

} // namespace

TEST_CASE("CD-RW and DVD-RW: quick and full erase (BLANK type 1 / 0 with Immed), then written again") {
    for (bool full : {false, true}) {
        erase_and_reuse("blank cd-rw", full, false);
        erase_and_reuse("blank dvd-rw", full, false);
    }
}

TEST_CASE("DVD+RW, DVD-RAM, BD-RE: format (FORMAT UNIT from READ FORMAT CAPACITIES), then written again") {
    for (bool full : {false, true}) {
        erase_and_reuse("blank dvd+rw", full, true);
        erase_and_reuse("formatted dvd-ram", full, true);
        erase_and_reuse("blank bd-re", full, true);
    }
}

TEST_CASE("erase sends BLANK with Immed on CD-RW; format sends FORMAT UNIT with Immed on BD-RE") {
    BurnRig cd("blank cd-rw");
    REQUIRE(cd.burn(image(64 * 1024), false));
    cd.trace->clear();
    REQUIRE(DiscEraser(*cd.recorder).erase_media());
    const auto blanks = cd.commands(Opcode::Blank);
    REQUIRE(blanks.size() == 1);
    CHECK(blanks[0].cdb[1] == 0x11); // Immed, type 1 (minimal)
    BurnRig bd("blank bd-re");
    REQUIRE(DiscEraser(*bd.recorder).format_media());
    REQUIRE(bd.commands(Opcode::FormatUnit).size() == 1);
    CHECK(bd.commands(Opcode::FormatUnit)[0].cdb[1] == 0x11); // FmtData, format code 001b
}

TEST_CASE("write-once and pressed media are not erasable") {
    BurnRig r("blank dvd+r");
    auto e = DiscEraser(*r.recorder).erase_media();
    REQUIRE_FALSE(e);
    CHECK(hr_name(e.error()) == "E_IMAPI_ERASE_MEDIA_IS_NOT_ERASABLE");
    BurnRig none("none");
    auto n = DiscEraser(*none.recorder).erase_media();
    REQUIRE_FALSE(n);
    CHECK(hr_name(n.error()) == "E_IMAPI_RECORDER_MEDIA_NO_MEDIA");
}
