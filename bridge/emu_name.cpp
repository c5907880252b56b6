#include "bridge/emu_name.hpp"

#include "bridge/emulated_transport.hpp"

#include "emulator/faults/scenario.hpp"
#include "emulator/media/media_type.hpp"
#include "emulator/media/presets.hpp"
#include "emulator/profile/profile_loader.hpp"

#include <fmt/format.h>

#include <filesystem>

namespace spindle::recorder {
namespace {

std::string decode(std::string_view v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '%' && i + 2 < v.size() && v.substr(i + 1, 2) == "20") {
            out += ' ';
            i += 2;
        } else {
            out += v[i];
        }
    }
    return out;
}

// The default disc: blank, of the first recordable profile the drive supports.
std::string default_preset(const DriveProfile& profile) {
    for (std::uint16_t p : profile.profiles)
        for (const auto& t : media_types)
            if (t.profile == p && t.recordable && !t.rewritable) return fmt::format("blank {}", t.name);
    return "blank dvd+r";
}

// A file the name points at that did not load: missing is ERROR_FILE_NOT_FOUND, there but
// unreadable or malformed ERROR_INVALID_DATA (not E_INVALIDARG: the name itself is fine).
std::unexpected<Error> file_error(std::string_view what, const std::filesystem::path& path, const ProfileError& e) {
    std::error_code ec;
    const bool missing = e.line == 0 && !std::filesystem::exists(path, ec);
    return fail(missing ? hr::file_not_found : hr::invalid_data, fmt::format("{} error: {}", what, e.to_string()));
}

} // namespace

bool is_emulator_name(std::string_view name) { return name.starts_with(emulator_scheme); }

Result<EmulatorSpec> parse_emulator_name(std::string_view name) {
    if (!is_emulator_name(name)) return fail(hr::e_invalidarg, fmt::format("'{}' is not an emu: name", name));
    std::string_view rest = name.substr(emulator_scheme.size());
    EmulatorSpec spec;
    const auto q = rest.find('?');
    spec.profile_path = std::string(rest.substr(0, q));
    if (q == std::string_view::npos) return spec;
    std::string_view query = rest.substr(q + 1);
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view item = query.substr(0, amp);
        const auto eq = item.find('=');
        const std::string_view key = item.substr(0, eq);
        if ((key != "media" && key != "faults") || eq == std::string_view::npos)
            return fail(hr::e_invalidarg, fmt::format("'{}': unknown option '{}' (expected media=PRESET or "
                                                      "faults=SCENARIO.yaml)",
                                                      name, item));
        if (key == "media")
            spec.media = decode(item.substr(eq + 1));
        else
            spec.faults_path = decode(item.substr(eq + 1));
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    }
    return spec;
}

Result<std::shared_ptr<EmulatedDevice>> make_emulated_device(const EmulatorSpec& spec, ClockKind clock) {
    DriveProfile profile;
    if (spec.profile_path.empty()) {
        profile = default_profile();
    } else {
        auto p = load_profile_file(spec.profile_path);
        if (!p) return file_error("profile", spec.profile_path, p.error());
        profile = std::move(*p);
    }
    const std::string preset = spec.media.value_or(default_preset(profile));
    auto device = std::make_shared<EmulatedDevice>(std::move(profile), clock);
    if (!spindle::names_no_medium(preset))
        if (auto r = load_preset(*device, preset); !r) return std::unexpected(r.error());
    // A virtual clock lets the disc finish loading at once: the drive starts ready.
    if (auto* v = device->virtual_clock()) v->advance(device->drive().profile().timings.becoming_ready);
    if (!spec.faults_path.empty()) {
        auto scenario = faults::load_scenario_file(spec.faults_path);
        if (!scenario) return file_error("fault scenario", spec.faults_path, scenario.error());
        device->drive().load_scenario(*scenario);
    }
    return device;
}

void register_emulator_scheme() {
    register_transport_scheme(
        std::string(emulator_scheme),
        [](std::string_view name, const OpenOptions& options) -> Result<std::unique_ptr<ScsiTransport>> {
            auto spec = parse_emulator_name(name);
            if (!spec) return std::unexpected(spec.error());
            auto device = make_emulated_device(*spec, options.clock);
            if (!device) return std::unexpected(device.error());
            auto t = EmulatedTransport::open(std::move(*device), std::string(name));
            if (!t) return std::unexpected(t.error());
            if (options.exclusive)
                if (auto r = (*t)->set_exclusive(true); !r) return std::unexpected(r.error());
            return std::unique_ptr<ScsiTransport>(std::move(*t));
        });
}

} // namespace spindle::recorder
