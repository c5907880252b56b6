#pragma once
// `mmc-emu attach` (an emulated drive as /dev/srN and /dev/sgN through LIO TCMU + tcm_loop)
// and `mmc-emu detach` (removes what a crashed attach left in configfs).
#include <CLI/CLI.hpp>

namespace spindle::cli {

void add_attach_commands(CLI::App& app);

} // namespace spindle::cli
