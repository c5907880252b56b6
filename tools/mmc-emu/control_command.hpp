#pragma once
// `mmc-emu control TARGET DRIVE FILE [VALUE...]`: reads or writes one control file of a running
// drive, through a mounted control filesystem or a control socket alike.
#include <CLI/CLI.hpp>

namespace spindle::cli {

void add_control_command(CLI::App& app);

} // namespace spindle::cli
