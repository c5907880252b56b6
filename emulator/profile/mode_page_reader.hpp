#pragma once
// The `mode_pages` section: pages written as named fields or hex, checked against their
// length byte, page code byte and each other (current, default, changeable).
#include "emulator/profile/drive_profile.hpp"
#include "emulator/profile/yaml_reader.hpp"

namespace spindle::profile_yaml {

std::map<std::uint8_t, ModePageValues> read_mode_pages(const Reader& reader, const YAML::Node& list,
                                                       const std::string& path);

} // namespace spindle::profile_yaml
