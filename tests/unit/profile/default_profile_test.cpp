// The embedded default profile: it loads, and it is the multi-format BD writer the other
// modules expect.
#include "emulator/media/media_type.hpp"
#include "emulator/profile/mode_page_layouts.hpp"
#include "emulator/profile/profile_loader.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>

using namespace spindle;

TEST_CASE("the embedded default profile loads") {
    const auto p = load_profile_text(default_profile_yaml(), "<default>");
    REQUIRE_MESSAGE(p.has_value(), (p ? "" : p.error().to_string()));
    CHECK(default_profile().name == "default");
}

TEST_CASE("profiles/default.yaml on disk is the embedded text") {
    const auto p = load_profile_file(SPINDLE_SOURCE_DIR "/profiles/default.yaml");
    REQUIRE_MESSAGE(p.has_value(), (p ? "" : p.error().to_string()));
    auto embedded = default_profile();
    CHECK(p->identity.product == embedded.identity.product);
    CHECK(p->features.size() == embedded.features.size());
    CHECK(p->mode_pages.size() == embedded.mode_pages.size());
}

TEST_CASE("the default drive supports every medium spindle models") {
    const auto& p = default_profile();
    for (const auto& t : media_types) {
        CAPTURE(t.name);
        CHECK(std::ranges::find(p.profiles, t.profile) != p.profiles.end());
        CHECK(p.speeds.contains(t.profile));
        CHECK(p.speeds.at(t.profile).read.size() > 0);
        CHECK(p.speeds.at(t.profile).write.empty() == !t.recordable);
    }
    CHECK(p.profiles.front() == mmc_profile::bd_re);
    CHECK(p.identity.vendor == "SPINDLE");
    CHECK(p.identity.product == "BD-RE Virtual");
    CHECK(p.buffer_size_bytes == 4096u * 1024u);
}

TEST_CASE("the default drive has every mode page with a layout, header bytes consistent") {
    const auto& p = default_profile();
    for (const auto& layout : mode_page_layouts()) {
        CAPTURE(int(layout.page));
        REQUIRE(p.mode_pages.contains(layout.page));
        const auto& v = p.mode_pages.at(layout.page);
        CHECK(v.current[0] == layout.page);
        CHECK(v.current[1] + 2u == v.current.size());
        CHECK(v.changeable.size() == v.current.size());
        CHECK(v.default_values == v.current);
    }
}

TEST_CASE("the default drive's speeds: BD-R 12x..2x, DVD+R 16x first, CD-R 48x") {
    const auto& s = default_profile().speeds;
    CHECK(s.at(mmc_profile::bd_r_srm).write == std::vector<std::uint32_t>{53940, 44950, 35960, 26970, 17980, 8990});
    CHECK(s.at(mmc_profile::bd_re).write == std::vector<std::uint32_t>{8990});
    CHECK(s.at(mmc_profile::dvd_plus_r).write.front() == 22160);
    CHECK(s.at(mmc_profile::dvd_plus_r_dl).write.back() == 3324);
    CHECK(s.at(mmc_profile::cd_r).write.front() == 8467);
}

TEST_CASE("the default drive's serial number feature carries identity.serial") {
    const auto& p = default_profile();
    const auto it = std::ranges::find(p.features, std::uint16_t{0x0108}, &FeatureDescriptor::code);
    REQUIRE(it != p.features.end());
    CHECK(std::string(it->data.begin(), it->data.end()) == "SPN0000000001   ");
}

TEST_CASE("the example in profiles/README.md is a valid profile") {
    std::ifstream in(SPINDLE_SOURCE_DIR "/profiles/README.md");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto start = text.find("```yaml\n");
    REQUIRE(start != std::string::npos);
    const auto end = text.find("```", start + 8);
    const auto p = load_profile_text(text.substr(start + 8, end - start - 8), "README.md");
    REQUIRE_MESSAGE(p.has_value(), (p ? "" : p.error().to_string()));
    CHECK(p->mode_pages.at(0x08).current[2] == 0x04);
}
