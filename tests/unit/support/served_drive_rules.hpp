#pragma once
// Adds a fault rule, written as in a scenario file, to a drive that a target serves; the test
// stops on a bad rule, saying why.
#include "emulator/targets/served_drive.hpp"

#include <doctest/doctest.h>

#include <string_view>

namespace spindle::test {

inline void add_rule(ServedDrive& served, std::string_view line) {
    const auto id = served.with([&](Drive& d) { return d.faults().add_rule(line); });
    REQUIRE_MESSAGE(id.has_value(), (id ? std::string() : id.error().to_string()));
}

} // namespace spindle::test
