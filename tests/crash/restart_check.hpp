#pragma once
// After a kill: the disc kept at IMAGE loads (its metadata valid), a drive restarted on it
// becomes ready, its layout is plausible (disc_plausibility.hpp), every block the model says is
// owed reads back with the contents of a write that may have reached it, and the structure
// the drive acknowledged is there.
#include "crash/crash_model.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace spindle::crash {

struct CheckFigures {
    std::uint64_t blocks_checked = 0;
    std::string layout; // the restarted drive's disc, in one line (empty when it did not load)
};

// The violations found, one line each.
std::vector<std::string> check_after_restart(const std::filesystem::path& image, const CrashModel& model,
                                             CheckFigures& figures);

} // namespace spindle::crash
