#pragma once
// `mmc-emu profile check FILE` and `mmc-emu profile show [FILE]`.
#include <CLI/CLI.hpp>

namespace spindle::cli {

void add_profile_commands(CLI::App& app);

} // namespace spindle::cli
