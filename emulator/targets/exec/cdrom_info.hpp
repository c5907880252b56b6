#pragma once
// /proc/sys/dev/cdrom/info as the cdrom layer writes it (drivers/cdrom/cdrom.c,
// cdrom_sysctl_info): a column per drive, newest first, one line per capability.
#include <string>
#include <vector>

namespace spindle::exec {

struct CdromInfoDrive {
    std::string name; // "sr0"
    int capability;   // the CDC_* mask (CDROM_GET_CAPABILITY)
    int speed;        // the largest read speed, in 176 kB/s units (sr: page 2Ah bytes 8-9)
};

std::string cdrom_info_text(const std::vector<CdromInfoDrive>& drives);

} // namespace spindle::exec
