#pragma once
// The hardware suite's checks: each takes the open drive, says what it saw, and fails with a
// reason. Read-only unless the name says otherwise.
#include "recorder/disc_recorder.hpp"

#include <cstdint>
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

// The write part (SPINDLE_HW_WRITE=1): whatever is on the disc may be overwritten or erased.
struct WriteOptions {
    std::uint64_t bytes = 16 * 1024 * 1024; // at most this much is burned (less when the disc is smaller)
};
// Why the write part cannot run on the loaded disc ("" when it can): no disc, or one that is
// neither blank nor erasable.
std::string write_precondition(recorder::DiscRecorder& rec);
// Burn and verify with DataWriter, read back with READ(10), check the disc changed, and on a
// rewritable disc erase it with DiscEraser and check it is blank. Run in this order.
std::vector<Check> write_checks(WriteOptions options);

} // namespace spindle::hardware
