// DriveProfile -> YAML that load_profile_text reads back to an equal profile (the profile's
// `name` aside: that is where a profile came from, not part of it).
#include "emulator/profile/mode_page_writer.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "emulator/profile/profile_names.hpp"

#include <fmt/format.h>

namespace spindle {

namespace {

std::string yaml_quoted(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string_view loading_name(LoadingMechanism m) {
    switch (m) {
    case LoadingMechanism::Caddy: return "caddy";
    case LoadingMechanism::Tray: return "tray";
    case LoadingMechanism::PopUp: return "pop-up";
    case LoadingMechanism::Changer: return "changer";
    case LoadingMechanism::Cartridge: return "cartridge";
    }
    return "tray";
}

std::string profile_list(const std::vector<std::uint16_t>& profiles) {
    std::string out;
    for (auto p : profiles) {
        if (!out.empty()) out += ", ";
        out += profile_display_name(p);
    }
    return "[" + out + "]";
}

std::string number_list(const std::vector<std::uint32_t>& values) {
    return fmt::format("[{}]", fmt::join(values, ", "));
}

void write_identity(std::string& out, const DriveIdentity& id) {
    out += "identity:\n";
    out += fmt::format("  vendor: {}\n", yaml_quoted(id.vendor));
    out += fmt::format("  product: {}\n", yaml_quoted(id.product));
    out += fmt::format("  revision: {}\n", yaml_quoted(id.revision));
    out += fmt::format("  serial: {}\n", yaml_quoted(id.serial));
    out += fmt::format("  vendor_specific: {}\n", yaml_quoted(id.vendor_specific));
    out += fmt::format("  inquiry_version: {}\n", id.version);
    out += fmt::format("  atapi_version: {}\n", id.atapi_version);
    out += fmt::format("  response_data_format: {}\n", id.response_data_format);
    out += fmt::format("  additional_length: {}\n", id.additional_length);
    std::string descriptors;
    for (auto d : id.version_descriptors) descriptors += fmt::format("{}0x{:04X}", descriptors.empty() ? "" : ", ", d);
    out += fmt::format("  version_descriptors: [{}]\n", descriptors);
}

void write_features(std::string& out, const std::vector<FeatureDescriptor>& features) {
    if (features.empty()) return;
    out += "features:\n";
    for (const auto& f : features) {
        out += fmt::format("  - code: 0x{:04X}\n", f.code);
        out += fmt::format("    version: {}\n", f.version);
        if (f.persistent) out += "    persistent: true\n";
        if (!f.data.empty())
            out += fmt::format("    data: \"{}\"\n", profile_yaml::hex_string(f.data));
        else if (f.code == 0x0108)
            out += "    data: \"\"\n"; // empty, not identity.serial
        if (!f.current_for.empty()) out += fmt::format("    current_for: {}\n", profile_list(f.current_for));
        if (f.always_current) out += "    always_current: true\n";
    }
}

} // namespace

std::string profile_to_yaml(const DriveProfile& p) {
    std::string out = fmt::format("# spindle drive profile ({})\n", p.name);
    write_identity(out, p.identity);
    out += "mechanism:\n";
    out += fmt::format("  loading: {}\n", loading_name(p.mechanism.loading));
    out += fmt::format("  eject: {}\n  load: {}\n  lock: {}\n", p.mechanism.can_eject, p.mechanism.can_load,
                       p.mechanism.can_lock);
    out += "timings:\n";
    out += fmt::format("  becoming_ready_ms: {}\n", p.timings.becoming_ready.count());
    out += fmt::format("  spin_up_ms: {}\n", p.timings.spin_up.count());
    out += fmt::format("  tray_ms: {}\n", p.timings.tray.count());
    out += fmt::format("buffer_size_kib: {}\n", p.buffer_size_bytes / 1024);
    out += fmt::format("max_transfer_blocks: {}\n", p.max_transfer_blocks);
    out += fmt::format("profiles: {}\n", profile_list(p.profiles));
    write_features(out, p.features);
    if (!p.mode_pages.empty()) {
        out += "mode_pages:\n";
        for (const auto& [page, values] : p.mode_pages) profile_yaml::write_mode_page(out, page, values);
    }
    if (!p.speeds.empty()) {
        out += "speeds:  # kB/s\n";
        // In the drive's profile order, as a person reads them.
        for (const auto profile : p.profiles) {
            const auto it = p.speeds.find(profile);
            if (it == p.speeds.end()) continue;
            const auto& s = it->second;
            out += fmt::format("  {}: {{read: {}", profile_display_name(profile), number_list(s.read));
            out += s.write.empty() ? "}\n" : fmt::format(", write: {}}}\n", number_list(s.write));
        }
    }
    if (p.quirks != Quirks{}) {
        out += "quirks:\n";
        out += fmt::format("  ignores_write_speed: {}\n", p.quirks.ignores_write_speed);
    }
    return out;
}

} // namespace spindle
