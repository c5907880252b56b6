#pragma once
// `mmc-emu attach --target cuse`: each drive as an sg character device /dev/NAME made through
// CUSE (only the cuse module is needed: no LIO, no SCSI layer).
#include "tools/mmc-emu/run_drives.hpp"

#include <string>

namespace spindle::cli {

struct CuseAttachOptions {
    DriveSetOptions drives;
    std::string name;    // device name; several drives: NAME-0, NAME-1 ...
    std::string control; // where to mount the control filesystem; empty: none
    double timeout_s = 30;
};

// Prints each device's path once it exists, serves until SIGINT or SIGTERM. Exit status.
int attach_cuse(const CuseAttachOptions& o);

} // namespace spindle::cli
