#pragma once
// `mmc-emu run --control DIR`: drives in this process with no kernel exposure, watched and
// steered through the FUSE control filesystem (works wherever FUSE does).
#include <CLI/CLI.hpp>

namespace spindle::cli {

void add_run_command(CLI::App& app);

} // namespace spindle::cli
