// YAML text -> DriveProfile: the top level of the schema in profiles/README.md. Sections are
// read in profiles/README.md order; `profiles` first, since features and speeds refer to it.
#include "emulator/profile/profile_loader.hpp"

#include "emulator/profile/mode_page_reader.hpp"
#include "emulator/profile/profile_sections.hpp"
#include "emulator/profile/yaml_reader.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace spindle {

namespace {

using profile_yaml::LoadFailure;
using profile_yaml::Reader;

constexpr std::size_t max_file_bytes = 1024 * 1024; // a profile is a few kB; refuse anything absurd
constexpr std::uint64_t max_buffer_kib = 0xFFFF;    // page 2Ah bytes 12-13

DriveProfile read_profile(const Reader& r, const YAML::Node& root) {
    r.expect_map(root, "",
                 {"identity", "mechanism", "timings", "buffer_size_kib", "max_transfer_blocks", "profiles", "features",
                  "mode_pages", "speeds", "quirks"});
    DriveProfile p;
    p.name = r.file();
    p.profiles =
        profile_yaml::read_profile_list(r, r.required(root, "profiles", "", "a list of MMC profiles"), "profiles");
    p.identity = profile_yaml::read_identity(
        r, r.required(root, "identity", "", "a map with vendor, product, revision"), "identity");
    if (root["mechanism"]) p.mechanism = profile_yaml::read_mechanism(r, root["mechanism"], "mechanism");
    if (root["timings"]) p.timings = profile_yaml::read_timings(r, root["timings"], "timings");
    if (root["buffer_size_kib"])
        p.buffer_size_bytes =
            1024 * r.number_as<std::uint32_t>(root["buffer_size_kib"], "buffer_size_kib", 1, max_buffer_kib);
    if (root["max_transfer_blocks"])
        p.max_transfer_blocks =
            r.number_as<std::uint32_t>(root["max_transfer_blocks"], "max_transfer_blocks", 1, 0xFFFF);
    if (root["features"])
        p.features = profile_yaml::read_features(r, root["features"], "features", p.profiles, p.identity.serial);
    if (root["mode_pages"]) p.mode_pages = profile_yaml::read_mode_pages(r, root["mode_pages"], "mode_pages");
    if (root["speeds"]) p.speeds = profile_yaml::read_speeds(r, root["speeds"], "speeds", p.profiles);
    if (root["quirks"]) p.quirks = profile_yaml::read_quirks(r, root["quirks"], "quirks");
    return p;
}

} // namespace

std::string ProfileError::to_string() const {
    std::string out = file;
    if (line > 0) out += fmt::format(":{}:{}", line, column);
    out += ": ";
    if (!field.empty()) out += field + ": ";
    return out + message;
}

std::expected<DriveProfile, ProfileError> load_profile_text(std::string_view yaml, std::string_view name) {
    const Reader reader{std::string(name)};
    try {
        const YAML::Node root = YAML::Load(std::string(yaml));
        if (!root.IsDefined() || root.IsNull())
            return std::unexpected(ProfileError{std::string(name), 0, 0, "", "empty profile; expected a map"});
        return read_profile(reader, root);
    } catch (const LoadFailure& failure) {
        return std::unexpected(failure.error);
    } catch (const YAML::Exception& e) {
        return std::unexpected(ProfileError{std::string(name), e.mark.line + 1, e.mark.column + 1, "",
                                            fmt::format("YAML syntax error: {}", e.msg)});
    }
}

std::expected<DriveProfile, ProfileError> load_profile_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::unexpected(
            ProfileError{path.string(), 0, 0, "", fmt::format("cannot open: {}", std::strerror(errno))});
    std::string text;
    text.resize(max_file_bytes + 1);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) return std::unexpected(ProfileError{path.string(), 0, 0, "", "read error"});
    if (text.size() > max_file_bytes)
        return std::unexpected(ProfileError{path.string(), 0, 0, "",
                                            fmt::format("larger than {} bytes; not a drive profile", max_file_bytes)});
    return load_profile_text(text, path.string());
}

const DriveProfile& default_profile() {
    static const DriveProfile profile = [] {
        auto p = load_profile_text(default_profile_yaml(), "<default>");
        if (!p) {
            // Only a broken build gets here; unit tests load the same text and say why.
            std::fprintf(stderr, "embedded default profile: %s\n", p.error().to_string().c_str());
            std::abort();
        }
        p->name = "default";
        return *p;
    }();
    return profile;
}

} // namespace spindle
