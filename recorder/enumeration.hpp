#pragma once
// The system's optical drives: SCSI devices of peripheral type 5 (MMC) in sysfs, with their
// block (srN) and generic (sgN) names paired through the SCSI device they both belong to.
#include "recorder/transport/syscalls.hpp"

#include <string>
#include <vector>

namespace spindle::recorder {

struct OpticalDrive {
    std::string scsi_address; // "H:C:T:L"
    std::string block_name;   // "sr0", empty when the sr driver is not bound
    std::string generic_name; // "sg1", empty when sg is not loaded
    std::string vendor;       // sysfs vendor/model/rev (INQUIRY, as the kernel read it)
    std::string model;
    std::string revision;

    // The name a recorder is opened with: /dev/srN when there is one, else /dev/sgN.
    std::string device_path() const;
};

// Sorted by SCSI address. A missing or unreadable sysfs gives an empty list.
std::vector<OpticalDrive> enumerate_optical_drives(Syscalls& sys = real_syscalls(),
                                                   const std::string& sysfs_root = "/sys");

// Mount points of the block device `major:minor` in a mountinfo file (proc(5)); the
// "\040"-style escapes are decoded.
std::vector<std::string> mount_points(Syscalls& sys, unsigned major, unsigned minor,
                                      const std::string& mountinfo = "/proc/self/mountinfo");

} // namespace spindle::recorder
