#include "emulator/media/presets.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace spindle;

TEST_CASE("every media kind loads in every state that makes sense, and in no other") {
    const std::vector<std::pair<std::string, PresetState>> states{{"blank", PresetState::Blank},
                                                                  {"appendable", PresetState::Appendable},
                                                                  {"closed", PresetState::Closed},
                                                                  {"formatted", PresetState::Formatted}};
    int loaded = 0;
    for (const auto& t : media_types) {
        for (const auto& [word, state] : states) {
            const std::string text = word + " " + std::string(t.name);
            auto m = make_medium(text);
            const bool write_once_like = t.recordable && !t.random_access;
            const bool random = t.random_access;
            const bool always_formatted = t.kind == MediaKind::DvdRam || t.kind == MediaKind::DvdMinusRwRestricted;
            bool expect = false;
            if (write_once_like) expect = state != PresetState::Formatted;
            if (random) expect = state == PresetState::Formatted || (state == PresetState::Blank && !always_formatted);
            CAPTURE(text);
            CHECK(m.has_value() == expect);
            if (!m) continue;
            ++loaded;
            CHECK((*m)->disc.kind == t.kind);
            CHECK((*m)->store != nullptr);
        }
    }
    CHECK(loaded == 30);
}

TEST_CASE("an appendable CD-R's second session starts 11400 blocks after the first") {
    auto m = make_medium("appendable cd-r used=20000");
    REQUIRE(m);
    const Disc& d = (*m)->disc;
    REQUIRE(d.tracks.size() == 2);
    CHECK(d.tracks[1].start == 31400);
    CHECK(d.tracks[1].invisible);
    CHECK(d.status == DiscStatus::Incomplete);
    CHECK(d.complete_session_count() == 1);
    CHECK(session_gap(MediaKind::CdR, 2) == 6900);
}

TEST_CASE("appendable DVD+R and DVD-R leave their session gaps, aligned to ECC blocks") {
    CHECK((*make_medium("appendable dvd+r used=1000"))->disc.tracks[1].start == 1008 + 2048);
    CHECK((*make_medium("appendable dvd-r used=1000"))->disc.tracks[1].start == 1008 + 28688);
    CHECK((*make_medium("appendable bd-r used=1000"))->disc.tracks[1].start == 1024);
}

TEST_CASE("capacity= overrides the medium's size") {
    auto m = make_medium("blank dvd+r capacity=100000");
    REQUIRE(m);
    CHECK((*m)->disc.capacity_blocks == 100000);
    CHECK((*m)->disc.tracks[0].size == 100000);
    CHECK((*make_medium("formatted dvd+rw capacity=5000"))->disc.capacity_blocks == 5000);
}

TEST_CASE("ROM presets pick the kind by image size; a named ROM kind is kept") {
    auto path = std::filesystem::temp_directory_path() / "spindle-presets-rom.iso";
    {
        std::ofstream f(path, std::ios::binary);
        f << std::string(4096, 'x');
    }
    auto m = make_medium("rom from " + path.string());
    REQUIRE(m);
    CHECK((*m)->disc.kind == MediaKind::CdRom);
    CHECK((*m)->disc.status == DiscStatus::Complete);
    CHECK((*m)->disc.tracks[0].size == 2);
    CHECK((*make_medium("bd-rom from " + path.string()))->disc.kind == MediaKind::BdRom);
    std::filesystem::remove(path);
}

TEST_CASE("bad presets say what was expected") {
    auto error = [](std::string_view text) {
        auto p = parse_preset(text);
        return p ? std::string() : p.error();
    };
    CHECK(error("").find("expected \"STATE KIND") != std::string::npos);
    CHECK(error("blank dvd+q").find("unknown media kind \"dvd+q\": expected one of cd-rom") != std::string::npos);
    CHECK(error("formatted dvd+r").find("dvd+r cannot be formatted: expected blank, appendable, closed") !=
          std::string::npos);
    CHECK(error("dvd+r").find("the state is missing") != std::string::npos);
    CHECK(error("blank dvd+r capacity=abc").find("expected a number of 2048-byte blocks") != std::string::npos);
    CHECK(error("blank dvd+r size=5").find("expected capacity=BLOCKS, used=BLOCKS or image=PATH") != std::string::npos);
    CHECK(error("blank dvd+r used=5").find("used= applies to appendable and closed") != std::string::npos);
    CHECK(error("rom image.iso").find("expected \"rom from FILE\"") != std::string::npos);
    auto m = make_medium("appendable cd-r used=359000");
    REQUIRE(!m);
    CHECK(m.error().find("leaves no room for a second session") != std::string::npos);
}
