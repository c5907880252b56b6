// Capture round trip: for every shipped profile, capture an emulated drive running it (one
// observation with no medium and one per medium the emulator can load), load the captured
// YAML, and check that both drives answer the battery (battery.hpp) byte for byte the same,
// with no medium and with each medium loaded.
#include "battery.hpp"

#include "bridge/capture/profile_capture.hpp"

#include "emulator/media/media_type.hpp"
#include "emulator/media/presets.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "emulator/profile/profile_names.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace spindle::test {

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> shipped_profiles() {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(fs::path(SPINDLE_SOURCE_DIR) / "profiles"))
        if (e.path().extension() == ".yaml") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

// A small pressed-disc image the ROM presets read.
const std::string& rom_image() {
    static const std::string path = [] {
        const auto p = fs::temp_directory_path() / fmt::format("spindle-capture-rom-{}.iso", ::getpid());
        std::ofstream out(p, std::ios::binary);
        const std::string block(2048, 'R');
        for (int i = 0; i < 64; ++i) out << block;
        return p.string();
    }();
    return path;
}

// No medium first, then each medium of the drive's profile list the emulator can load.
std::vector<std::optional<std::string>> media_of(const DriveProfile& p) {
    std::vector<std::optional<std::string>> media{std::nullopt};
    for (const auto number : p.profiles)
        if (auto preset = preset_for(number, rom_image())) media.push_back(*preset);
    return media;
}

std::string capture(const DriveProfile& source, const std::string& name) {
    recorder::capture::ProfileCapture cap;
    for (const auto& medium : media_of(source)) {
        BatteryDrive drive(source, medium);
        const auto r = cap.observe(drive.ex());
        INFO("medium: ", medium.value_or("none"));
        REQUIRE_MESSAGE(r, (r ? "" : r.error().to_string()));
    }
    return recorder::capture::capture_yaml(cap, name);
}

// Every difference the battery finds between `a` and `b`, medium by medium.
std::string battery_differences(const DriveProfile& a, const DriveProfile& b, const DriveProfile& reference) {
    std::string out;
    auto media = media_of(reference);
    // A second state of the common media: recorded discs report other features and tracks.
    for (const auto* extra : {"appendable cd-r", "appendable dvd+r", "closed dvd-r", "blank bd-re"}) {
        const auto preset = parse_preset(extra);
        if (preset && preset->kind && std::ranges::count(reference.profiles, media_type(*preset->kind).profile) != 0)
            media.push_back(std::string(extra));
    }
    for (const auto& medium : media) {
        BatteryDrive da(a, medium), db(b, medium);
        const auto diff = differences(run_battery(da, reference), run_battery(db, reference));
        if (!diff.empty()) out += fmt::format("[{}] {}\n", medium.value_or("no medium"), diff);
    }
    return out;
}

} // namespace

TEST_CASE("every shipped profile answers the battery the same after a capture round trip") {
    const auto files = shipped_profiles();
    REQUIRE(files.size() >= 8); // default + seven real drives
    for (const auto& file : files) {
        CAPTURE(file.string());
        auto source = load_profile_file(file);
        REQUIRE_MESSAGE(source, (source ? "" : source.error().to_string()));
        const auto yaml = capture(*source, "emu:" + file.filename().string());
        auto copy = load_profile_text(yaml, "<captured>");
        REQUIRE_MESSAGE(copy, (copy ? "" : copy.error().to_string() + "\n" + yaml));
        const auto diff = battery_differences(*source, *copy, *source);
        CHECK_MESSAGE(diff.empty(), diff, "\n", yaml);
        // What the battery sees is what a profile is made of; the rest is said in the header.
        CHECK(copy->identity == source->identity);
        CHECK(copy->profiles == source->profiles);
        CHECK(copy->mode_pages == source->mode_pages);
        CHECK(copy->quirks == source->quirks);
        CHECK(copy->buffer_size_bytes == source->buffer_size_bytes);
        CHECK(copy->mechanism == source->mechanism);
    }
}

TEST_CASE("the battery notices each kind of change a capture could make") {
    DriveProfile base = default_profile();
    base.identity.additional_length = 91; // a 96-byte INQUIRY, so vendor-specific bytes are seen
    auto changed = [&](auto&& change) {
        DriveProfile p = base;
        change(p);
        return battery_differences(base, p, base);
    };
    CHECK(!changed([](DriveProfile& p) { p.identity.vendor_specific = "x"; }).empty());
    CHECK(!changed([](DriveProfile& p) { p.identity.serial += "1"; }).empty());
    CHECK(!changed([](DriveProfile& p) { p.identity.additional_length = 31; }).empty());
    CHECK(!changed([](DriveProfile& p) { std::swap(p.profiles[0], p.profiles[1]); }).empty());
    CHECK(!changed([](DriveProfile& p) { p.features.pop_back(); }).empty());
    CHECK(!changed([](DriveProfile& p) { p.features[3].data[0] ^= 1; }).empty());
    CHECK(!changed([](DriveProfile& p) { p.features[5].version ^= 1; }).empty());
    CHECK(!changed([](DriveProfile& p) { p.features[8].always_current = true; }).empty());
    CHECK(!changed([](DriveProfile& p) { p.features[8].current_for = {p.profiles[0]}; }).empty());
    CHECK(!changed([](DriveProfile& p) { p.mode_pages.at(0x08).changeable[2] = 0; }).empty());
    CHECK(!changed([](DriveProfile& p) { p.mode_pages.at(0x1A).default_values[7] ^= 1; }).empty());
    CHECK(!changed([](DriveProfile& p) { p.mode_pages.erase(0x1C); }).empty());
    CHECK(!changed([](DriveProfile& p) { p.speeds.at(mmc_profile::dvd_plus_r).write.pop_back(); }).empty());
    CHECK(!changed([](DriveProfile& p) { p.speeds.at(mmc_profile::dvd_plus_r).read.pop_back(); }).empty());
    CHECK(!changed([](DriveProfile& p) { p.speeds.at(mmc_profile::cd_rom).read[0] += 100; }).empty());
    CHECK(!changed([](DriveProfile& p) { p.buffer_size_bytes /= 2; }).empty());
    CHECK(!changed([](DriveProfile& p) { p.quirks.ignores_write_speed = true; }).empty());
}

} // namespace spindle::test
