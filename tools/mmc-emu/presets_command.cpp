#include "tools/mmc-emu/presets_command.hpp"

#include "emulator/media/presets.hpp"

#include <fmt/format.h>

namespace spindle::cli {

namespace {

// The forms, then one STATE KIND preset a line: a script can take the lines after "STATE KIND:"
// as they are.
void print_presets() {
    fmt::print("Media presets (--media; emu:...?media=; the control files' medium):\n\n");
    for (const auto& form : preset_forms()) fmt::print("  {}\n      {}\n", form.syntax, form.what);
    fmt::print("\nOptions:\n");
    for (const auto& option : preset_options()) fmt::print("  {}\n      {}\n", option.syntax, option.what);
    fmt::print("\nSTATE KIND:\n");
    for (const auto& preset : state_kind_presets()) fmt::print("  {}\n", preset);
}

} // namespace

void add_presets_command(CLI::App& app) {
    auto* cmd = app.add_subcommand("presets", "List the media presets: the forms --media takes, and every STATE KIND");
    cmd->callback([] { print_presets(); });
}

} // namespace spindle::cli
