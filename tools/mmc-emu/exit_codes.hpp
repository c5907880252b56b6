#pragma once
// mmc-emu's exit codes. exec is the exception: it ends with its command's status.
#include "tools/common/exit_code_table.hpp"

#include <string_view>

namespace spindle::cli {

// The documented table: --help prints it, README.md's "Exit codes" repeats it (tests/cli compares).
inline constexpr ExitCodeDoc mmc_emu_exit_codes[] = {
    {0, "success"},
    {1, "failure (the reason is printed)"},
    {2, "bad command line: unknown subcommand or option, missing or invalid argument"},
    {125, "exec: the command could not be run (exec itself failed)"},
};
inline constexpr std::string_view mmc_emu_exec_status =
    "Otherwise exec exits with COMMAND's status, 128+N when signal N ended it.";

} // namespace spindle::cli
