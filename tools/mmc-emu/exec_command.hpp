#pragma once
#include <CLI/CLI.hpp>

namespace spindle::cli {

// mmc-emu exec: runs a program with emulated drives shown to it as /dev/srN and /dev/sgN,
// without root (emulator/targets/exec/).
void add_exec_command(CLI::App& app);

} // namespace spindle::cli
