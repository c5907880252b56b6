// Every preset kind and state survives save + reopen exactly; presets made from ISO images.
#include "persistence/persistence_fixture.hpp"

#include <array>
#include <nlohmann/json.hpp>

using namespace spindle;
using namespace spindle::test;

namespace {
std::vector<std::string> every_recordable_preset() {
    std::vector<std::string> out;
    for (const auto& t : media_types)
        for (std::string_view state : {"blank", "appendable", "closed", "formatted"}) {
            const std::string text = std::string(state) + " " + std::string(t.name);
            if (parse_preset(text)) out.push_back(text);
        }
    return out;
}
} // namespace

TEST_CASE("every preset kind and state reopens from its files with the identical layout") {
    TempDir dir;
    const auto presets = every_recordable_preset();
    CHECK(presets.size() >= 25);
    int n = 0;
    for (const auto& preset : presets) {
        CAPTURE(preset);
        const auto image = dir / ("disc" + std::to_string(n++) + ".img");
        Disc original;
        {
            auto m = value_or_fail(make_medium(preset + " image=" + image.string()));
            original = m->disc;
            CHECK(m->image == image);
        }
        CHECK(std::filesystem::exists(metadata_path_for(image)));
        auto reopened = value_or_fail(open_medium(image));
        CHECK(reopened->disc == original);
        CHECK(disc_to_json(reopened->disc) == disc_to_json(original));
    }
}

TEST_CASE("every Disc and Track field is in the metadata: a layout with no default value round-trips") {
    Disc d;
    d.kind = MediaKind::DvdMinusRDl;
    d.capacity_blocks = 4'000'000;
    d.status = DiscStatus::Other;
    d.last_session = SessionState::Damaged;
    d.background_format = BackgroundFormat::Running;
    d.formatted = true;
    d.quick_blanked = true;
    d.disc_id = 0xFEDCBA9876543210ULL;
    d.atip_lead_in_start = -12345;
    Track t;
    t.number = 1;
    t.session = 1;
    t.start = 16;
    t.size = 1000;
    t.recorded = 900;
    t.invisible = true;
    t.reserved = true;
    t.closed = true;
    t.damaged = true;
    t.incremental = true;
    t.fixed_packet = true;
    t.packet_size = 32;
    t.track_mode = 0x7;
    t.data_mode = 0x2;
    t.run_out = 2;
    d.tracks.push_back(t);
    auto back = value_or_fail(disc_from_json(disc_to_json(d)));
    CHECK(back == d);
}

TEST_CASE("metadata written before tracks kept their run-out reads as tracks without one") {
    Disc d;
    d.kind = MediaKind::CdR;
    d.capacity_blocks = 359'849;
    d.status = DiscStatus::Incomplete;
    d.last_session = SessionState::Incomplete;
    d.tracks.push_back(Track{.start = 0, .size = 359'849, .recorded = 300, .invisible = true});
    auto j = nlohmann::json::parse(disc_to_json(d));
    for (auto& t : j.at("tracks")) REQUIRE(t.erase("run_out") == 1);
    CHECK(value_or_fail(disc_from_json(j.dump())) == d);
    j.at("tracks")[0]["run_out"] = 301; // more than the track has recorded
    CHECK(!disc_from_json(j.dump()));
}

TEST_CASE("a CD track's Mode 2 sectors, Form 2 and session format round-trip; metadata without them reads as Mode 1 "
          "in a CD-ROM session") {
    Disc d;
    d.kind = MediaKind::CdR;
    d.capacity_blocks = 359'849;
    d.status = DiscStatus::Incomplete;
    d.last_session = SessionState::Incomplete;
    d.tracks.push_back(Track{.start = 0, .size = 359'849, .recorded = 300, .invisible = true, .data_mode = 0x2});
    d.tracks[0].sectors = DataSectors::Xa;
    d.tracks[0].form2 = true;
    d.tracks[0].session_format = 0x20;
    CHECK(value_or_fail(disc_from_json(disc_to_json(d))) == d);
    auto j = nlohmann::json::parse(disc_to_json(d));
    CHECK(j.at("tracks")[0].at("sectors") == "xa");
    for (const char* field : {"sectors", "form2", "session_format"}) REQUIRE(j.at("tracks")[0].erase(field) == 1);
    const Disc old = value_or_fail(disc_from_json(j.dump()));
    CHECK(old.tracks[0].sectors == DataSectors::Mode1);
    CHECK_FALSE(old.tracks[0].form2);
    CHECK(old.tracks[0].session_format == 0x00);
    j.at("tracks")[0]["sectors"] = "mode3";
    CHECK(error_of(disc_from_json(j.dump())).find("sectors") != std::string::npos);
    j.at("tracks")[0]["sectors"] = "mode1";
    j.at("tracks")[0]["form2"] = true; // Form 2 sectors on a Mode 1 track
    CHECK(!disc_from_json(j.dump()));
    j.at("tracks")[0]["form2"] = false;
    j.at("tracks")[0]["session_format"] = 0x30;
    CHECK(!disc_from_json(j.dump()));
    d.kind = MediaKind::DvdPlusR; // Mode 2 exists on CDs only
    d.capacity_blocks = 2'295'104;
    d.tracks[0].size = 2'295'104;
    CHECK(error_of(disc_from_json(disc_to_json(d))).find("Mode 2 exists on CD data tracks only") != std::string::npos);
}

TEST_CASE("image= reopens the disc kept there, so the same preset after a restart restores it") {
    TempDir dir;
    const auto image = dir / "disc.img";
    const std::string preset = "blank cd-r image=" + image.string();
    {
        auto m = value_or_fail(make_medium(preset));
        m->disc.tracks[0].recorded = 300; // a disc with data is no longer empty (disc_json validates it)
        m->disc.status = DiscStatus::Incomplete;
        m->disc.last_session = SessionState::Incomplete;
        const std::vector<std::uint8_t> block(2048, 0x5A);
        REQUIRE(m->store->write(299, block));
        m->layout_changed();
        REQUIRE_FALSE(m->unsaved);
    }
    auto again = value_or_fail(make_medium(preset));
    CHECK(again->disc.tracks[0].recorded == 300);
    std::vector<std::uint8_t> out(2048);
    REQUIRE(again->store->read(299, out));
    CHECK(out[2047] == 0x5A);
    CHECK(error_of(make_medium("blank dvd+r image=" + image.string())).find("holds a cd-r disc, not a dvd+r") !=
          std::string::npos);
    const Disc kept = again->disc;
    again.reset(); // an image is in one drive at a time (media/checked_files.hpp: its lock)
    auto saved = value_or_fail(make_medium("saved " + image.string()));
    CHECK(saved->disc == kept);
}

TEST_CASE("an explicit store path creates a fresh kept disc even where one exists") {
    TempDir dir;
    const auto image = dir / "disc.img";
    {
        auto m = value_or_fail(make_medium("blank bd-r", image));
        m->disc.tracks[0].recorded = 64;
        m->layout_changed();
        REQUIRE_FALSE(m->unsaved);
    }
    auto fresh = value_or_fail(make_medium("blank bd-r", image));
    CHECK(fresh->disc.tracks[0].recorded == 0);
    CHECK(value_or_fail(open_medium(image))->disc.tracks[0].recorded == 0);
}

TEST_CASE("an ISO becomes the first session of an appendable CD-R, copied into the disc's own image") {
    TempDir dir;
    ImageFile iso(100);
    auto m =
        value_or_fail(make_medium("appendable cd-r from " + iso.path.string() + " image=" + (dir / "cd.img").string()));
    REQUIRE(m->disc.tracks.size() == 2);
    CHECK(m->disc.tracks[0].recorded == 100);
    CHECK(m->disc.tracks[0].closed);
    CHECK(m->disc.tracks[1].invisible);
    CHECK(m->disc.tracks[1].start == 100 + 11400);
    CHECK(m->disc.status == DiscStatus::Incomplete);
    std::filesystem::remove(iso.path); // the disc no longer needs the ISO
    std::vector<std::uint8_t> out(2048);
    REQUIRE(m->store->read(99, out));
    CHECK(out[5] == image_byte(99, 5));
}

TEST_CASE("a closed DVD+R from an ISO rounds its session up to the ECC block, the padding reading zeros") {
    ImageFile iso(100);
    auto m = value_or_fail(make_medium("closed dvd+r from " + iso.path.string()));
    REQUIRE(m->disc.tracks.size() == 1);
    CHECK(m->disc.tracks[0].recorded == 112);
    CHECK(m->disc.status == DiscStatus::Complete);
    CHECK(m->image.empty());
    std::vector<std::uint8_t> out(2048);
    REQUIRE(m->store->read(42, out));
    CHECK(out[7] == image_byte(42, 7));
    REQUIRE(m->store->read(111, out));
    CHECK(out == std::vector<std::uint8_t>(2048, 0));
}

TEST_CASE("pre-written presets from an image: errors name the problem") {
    ImageFile iso(10);
    CHECK(error_of(parse_preset("blank cd-r from " + iso.path.string())).find("only appendable and closed") !=
          std::string::npos);
    CHECK(error_of(parse_preset("appendable cd-r from")).find("expected a file after \"from\"") != std::string::npos);
    CHECK(error_of(parse_preset("closed cd-r from x.iso used=5")).find("used= does not apply") != std::string::npos);
    CHECK(error_of(parse_preset("rom from x.iso image=y")).find("image= does not apply to ROM") != std::string::npos);
    CHECK(error_of(parse_preset("saved")).find("expected \"saved PATH\"") != std::string::npos);
    CHECK(error_of(make_medium("closed cd-r from /nonexistent/x.iso")).find("/nonexistent/x.iso") != std::string::npos);
    CHECK(error_of(make_medium("appendable dvd+r from " + iso.path.string() + " capacity=16"))
              .find("an image of 16 blocks does not fit") != std::string::npos);
}

TEST_CASE("save_medium to another path copies the data and keeps holes as holes") {
    TempDir dir;
    auto m = value_or_fail(make_medium("formatted dvd+rw capacity=100000"));
    const std::vector<std::uint8_t> block(2048, 0x11);
    REQUIRE(m->store->write(5000, block));
    REQUIRE(save_medium(*m, dir / "copy.img"));
    auto copy = value_or_fail(open_medium(dir / "copy.img"));
    CHECK(copy->disc == m->disc);
    std::vector<std::uint8_t> out(2048);
    REQUIRE(copy->store->read(5000, out));
    CHECK(out == block);
    REQUIRE(copy->store->read(4999, out));
    CHECK(out == std::vector<std::uint8_t>(2048, 0));
    CHECK(std::filesystem::file_size(dir / "copy.img") == 100000ULL * 2048);
}

TEST_CASE("a CD-R filled to its end by a closed track, its session still open, reopens; with the session closed it "
          "cannot be appendable") {
    Disc d;
    d.kind = MediaKind::CdR;
    d.capacity_blocks = 30000;
    Track t;
    t.start = 0;
    t.size = 29990; // a next track's pregap and run-out would not fit: no invisible track follows
    t.recorded = 29990;
    t.closed = true;
    t.data_mode = 0x1;
    d.tracks.push_back(t);
    d.status = DiscStatus::Incomplete;
    d.last_session = SessionState::Incomplete;
    CHECK(value_or_fail(disc_from_json(disc_to_json(d))) == d);
    CHECK(validate_disc_state(d).has_value()); // what reopening a kept disc holds it to
    d.last_session = SessionState::Complete;
    const auto refused = validate_disc_state(d);
    REQUIRE(!refused);
    CHECK(refused.error().find("no track is open and the last session is closed") != std::string::npos);
}
