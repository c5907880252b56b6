#pragma once
#include <CLI/CLI.hpp>

namespace spindle::cli {

// `mmc-emu presets`: the media presets --media takes, as the preset parser lists them.
void add_presets_command(CLI::App& app);

} // namespace spindle::cli
