#pragma once
#include <CLI/CLI.hpp>

namespace spindle::cli {

// `mmc-emu demo`: a default drive in-process, a disc put in, the host's first commands.
void add_demo_command(CLI::App& app);

} // namespace spindle::cli
