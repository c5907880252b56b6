#pragma once
// discrec demo: the main job in one command — the default virtual drive with a blank disc,
// a generated image burned with the recorder while progress is shown, read back, verified.
#include <CLI/CLI.hpp>

namespace spindle::discrec {

void add_demo_command(CLI::App& app);

} // namespace spindle::discrec
