#pragma once
// Adds a fault rule, written as in a scenario file, to a drive that a target serves.
#include "emulator/faults/scenario.hpp"
#include "emulator/targets/served_drive.hpp"

#include <doctest/doctest.h>

#include <string_view>

namespace spindle::test {

inline void add_rule(ServedDrive& served, std::string_view line) {
    auto rule = faults::parse_rule(line);
    REQUIRE(rule.has_value());
    served.with([&](Drive& d) { d.faults().add_rule(*rule); });
}

} // namespace spindle::test
