// Not yet implemented.
#include "emulator/profile/profile_loader.hpp"

namespace spindle {

std::string ProfileError::to_string() const {
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + field + ": " + message;
}
std::expected<DriveProfile, ProfileError> load_profile_file(const std::filesystem::path& path) {
    return std::unexpected(ProfileError{path.string(), 0, 0, "", "not implemented"});
}
std::expected<DriveProfile, ProfileError> load_profile_text(std::string_view, std::string_view name) {
    return std::unexpected(ProfileError{std::string(name), 0, 0, "", "not implemented"});
}
const DriveProfile& default_profile() {
    static DriveProfile p;
    return p;
}
std::string profile_to_yaml(const DriveProfile&) { return {}; }

} // namespace spindle
