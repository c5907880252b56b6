#pragma once
// YAML drive profiles -> DriveProfile. Every problem is reported with its place in the file
// and the field path; a profile either loads whole or not at all.
#include "emulator/profile/drive_profile.hpp"

#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

namespace spindle {

struct ProfileError {
    std::string file;    // path, or "<default>" / the name given for in-memory text
    int line = 0;        // 1-based; 0 when unknown
    int column = 0;      // 1-based; 0 when unknown
    std::string field;   // path of the offending field, e.g. "mode_pages[2].current.wce"
    std::string message; // what is wrong and what was expected
    // "file:line:column: field: message"
    std::string to_string() const;
};

std::expected<DriveProfile, ProfileError> load_profile_file(const std::filesystem::path& path);
std::expected<DriveProfile, ProfileError> load_profile_text(std::string_view yaml, std::string_view name);

// The profile compiled into the binary (profiles/default.yaml).
std::string_view default_profile_yaml();
const DriveProfile& default_profile();

// The effective profile as YAML that load_profile_text accepts again.
std::string profile_to_yaml(const DriveProfile& profile);

} // namespace spindle
