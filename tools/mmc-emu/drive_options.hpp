#pragma once
// The options that say which drives to serve, shared by the subcommands that serve them in this
// process with a DriveSetOptions (run, exec).
#include "tools/mmc-emu/run_drives.hpp"

#include <CLI/CLI.hpp>

namespace spindle::cli {

inline void add_drive_set_options(CLI::App* cmd, DriveSetOptions& o) {
    cmd->add_option("--profile", o.profile, "Drive profile (YAML); default: the built-in profile");
    cmd->add_option("--media", o.media,
                    "The disc in the drive, as a media preset (mmc-emu presets lists them); default: no disc");
    cmd->add_option("--image", o.image, "Where a writable disc keeps its data (default: a temporary file)");
    cmd->add_option("--drives", o.drives, "How many drives")->capture_default_str();
    cmd->add_option("--state-dir", o.state_dir, "Where the drives keep saved mode pages");
    cmd->add_option("--faults", o.faults, faults_option_help);
}

} // namespace spindle::cli
