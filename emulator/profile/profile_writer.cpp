// DriveProfile -> YAML that load_profile_text reads back to an equal profile.
#include "emulator/profile/profile_loader.hpp"

namespace spindle {

std::string profile_to_yaml(const DriveProfile&) { return {}; }

} // namespace spindle
