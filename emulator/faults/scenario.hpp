#pragma once
// Fault scenarios: YAML files of rules and timed state changes (README.md documents the
// schema). They load whole or not at all, with the profile loader's located errors
// (file:line:column: field: what was expected, what was found).
#include "emulator/faults/fault_rule.hpp"
#include "emulator/profile/profile_loader.hpp"

#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace spindle::faults {

// At `at` on the drive's clock, the state changes for `duration` (0: until changed).
struct TimedEvent {
    DriveTime at{0};
    StateKind state = StateKind::BecomingReady;
    Duration duration{0};
    bool operator==(const TimedEvent&) const = default;
};

struct Scenario {
    std::string name;       // where it came from
    std::uint64_t seed = 0; // for `probability:` matches; the same seed gives the same run
    std::vector<Rule> rules;
    std::vector<TimedEvent> events;
};

using ScenarioError = ProfileError;

std::expected<Scenario, ScenarioError> load_scenario_text(std::string_view yaml, std::string_view name);
std::expected<Scenario, ScenarioError> load_scenario_file(const std::filesystem::path& path);
// One rule as one line: a YAML flow map, "{command: READ(10), lba: [100, 199], sense: 3/11/00}".
std::expected<Rule, ScenarioError> parse_rule(std::string_view line, std::string_view name = "<rule>");

} // namespace spindle::faults
