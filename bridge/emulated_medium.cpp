// Media for emu: devices, from media preset text (emulator/media/presets.hpp).
#include "bridge/emu_name.hpp"

#include "emulator/media/presets.hpp"

#include <fmt/format.h>

#include <filesystem>

namespace spindle::recorder {
namespace {

bool missing(const std::filesystem::path& path) {
    std::error_code ec;
    return !path.empty() && !std::filesystem::exists(path, ec);
}

// A file the preset reads that is not there (a kept disc's directory included): told apart from
// a preset that does not parse, so a caller can say which file is missing instead of blaming the name.
bool names_a_missing_file(const MediumPreset& p) {
    if (p.state == PresetState::Saved) return missing(p.image) || missing(p.image.string() + ".json");
    if (missing(p.image)) return true;
    for (const auto& track : p.tracks)
        if (missing(track)) return true;
    return !p.keep.empty() && missing(p.keep.parent_path());
}

} // namespace

Result<void> load_preset(EmulatedDevice& device, std::string_view preset) {
    auto parsed = parse_preset(preset);
    if (!parsed) return fail(hr::e_invalidarg, fmt::format("media preset '{}': {}", preset, parsed.error()));
    auto medium = make_medium(*parsed);
    if (!medium)
        return fail(names_a_missing_file(*parsed) ? hr::file_not_found : hr::e_invalidarg,
                    fmt::format("media preset '{}': {}", preset, medium.error()));
    device.drive().load(std::move(*medium));
    return {};
}

} // namespace spindle::recorder
