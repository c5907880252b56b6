#pragma once
// The hardware suite's checks: each takes the open drive, says what it saw, and fails with a
// reason. Read-only unless the name says otherwise.
#include "recorder/disc_recorder.hpp"

#include <functional>
#include <string>
#include <vector>

namespace spindle::hardware {

struct Check {
    std::string name;
    // Returns "" on success, the reason otherwise; `log` prints what was seen.
    std::function<std::string(recorder::DiscRecorder&, const std::function<void(std::string)>& log)> run;
};

// Identity, features, mode pages, disc and track information, transfer sizes, capture.
std::vector<Check> read_only_checks();
// Eject and reload (SPINDLE_HW_EJECT=1: the tray moves).
std::vector<Check> eject_checks();

} // namespace spindle::hardware
