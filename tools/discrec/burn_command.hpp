#pragma once
// discrec burn / erase / format / eject / load: DataWriter and DiscEraser from a shell.
#include <CLI/CLI.hpp>

namespace spindle::discrec {

void add_burn_commands(CLI::App& app);

} // namespace spindle::discrec
