#pragma once
// Readers for the top-level sections of a profile other than `mode_pages`.
#include "emulator/profile/drive_profile.hpp"
#include "emulator/profile/yaml_reader.hpp"

namespace spindle::profile_yaml {

DriveIdentity read_identity(const Reader& r, const YAML::Node& node, const std::string& path);
Mechanism read_mechanism(const Reader& r, const YAML::Node& node, const std::string& path);
Timings read_timings(const Reader& r, const YAML::Node& node, const std::string& path);
// One MMC profile: a name from profile_names.hpp or a number.
std::uint16_t read_profile_number(const Reader& r, const YAML::Node& node, const std::string& path);
std::vector<std::uint16_t> read_profile_list(const Reader& r, const YAML::Node& node, const std::string& path);
// `supported`: the profile list, which `current_for` and `speeds` must stay within.
std::vector<FeatureDescriptor> read_features(const Reader& r, const YAML::Node& node, const std::string& path,
                                             const std::vector<std::uint16_t>& supported, const std::string& serial);
std::map<std::uint16_t, MediumSpeeds> read_speeds(const Reader& r, const YAML::Node& node, const std::string& path,
                                                  const std::vector<std::uint16_t>& supported);
Quirks read_quirks(const Reader& r, const YAML::Node& node, const std::string& path);

} // namespace spindle::profile_yaml
