#pragma once
#include <CLI/CLI.hpp>

namespace spindle::cli {

// `mmc-emu export MEDIA -o DISC.cue`: a disc (a media preset, "saved PATH" for a kept one) as a
// disc image (images/cue_export.hpp).
void add_export_command(CLI::App& app);

} // namespace spindle::cli
