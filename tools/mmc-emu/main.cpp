// mmc-emu: run and inspect emulated MMC drives. Each subcommand family lives in its own
// file and registers itself here.
#include "tools/mmc-emu/attach_command.hpp"
#include "tools/mmc-emu/control_command.hpp"
#include "tools/mmc-emu/demo_command.hpp"
#include "tools/mmc-emu/exec_command.hpp"
#include "tools/mmc-emu/exit_codes.hpp"
#include "tools/mmc-emu/export_command.hpp"
#include "tools/mmc-emu/presets_command.hpp"
#include "tools/mmc-emu/profile_command.hpp"
#include "tools/mmc-emu/run_command.hpp"

#include "tools/common/cli_run.hpp"

#include <CLI/CLI.hpp>

#include <string>

int main(int argc, char** argv) {
    CLI::App app{"mmc-emu: a virtual CD/DVD/BD writer (MMC drive emulator)"};
    app.name("mmc-emu");
    app.set_version_flag("--version", "mmc-emu " SPINDLE_VERSION);
    app.footer(spindle::cli::exit_code_help(spindle::cli::mmc_emu_exit_codes) +
               std::string(spindle::cli::mmc_emu_exec_status) + "\n");
    app.require_subcommand(1);
    spindle::cli::add_profile_commands(app);
    spindle::cli::add_demo_command(app);
    spindle::cli::add_presets_command(app);
    spindle::cli::add_attach_commands(app);
    spindle::cli::add_run_command(app);
    spindle::cli::add_control_command(app);
    spindle::cli::add_exec_command(app);
    spindle::cli::add_export_command(app);
    return spindle::cli::parse_or_exit(app, argc, argv).value_or(0); // the subcommands run inside, as callbacks
}
