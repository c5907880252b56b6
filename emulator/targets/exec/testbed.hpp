#pragma once
// The faked devices a program under `mmc-emu exec` sees, in a umockdev testbed: per drive the
// nodes /dev/srN (block 11:N, also /dev/scdN) and /dev/sgN (char 21:N), the sysfs a scanner
// reads (/sys/block/srN with size and removable, its SCSI device with type 5 and the profile's
// vendor, model and revision, /sys/class/scsi_generic/sgN), and /proc/sys/dev/cdrom/info.
// Creating it sets UMOCKDEV_DIR in this process's environment, which the program inherits.
#include "emulator/profile/drive_profile.hpp"

#include <umockdev.h>

#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace spindle::exec {

class Testbed {
public:
    static std::expected<std::unique_ptr<Testbed>, std::string> create();
    ~Testbed(); // removes the testbed's files
    Testbed(const Testbed&) = delete;
    Testbed& operator=(const Testbed&) = delete;

    const std::filesystem::path& root() const { return root_; }

    // Drive `index`'s nodes and sysfs, `blocks_512` its size as /sys/block/srN/size shows it.
    std::expected<void, std::string> add_drive(unsigned index, const DriveIdentity& identity, std::uint64_t blocks_512);
    // Hands a node's ioctls (and read/write) to `handler` ("/dev/sr0").
    std::expected<void, std::string> attach(const std::string& node, UMockdevIoctlBase* handler);
    // /proc/sys/dev/cdrom/info, as the cdrom layer writes it (cdrom_sysctl_info).
    std::expected<void, std::string> write_cdrom_info(const std::string& text);

private:
    explicit Testbed(UMockdevTestbed* testbed);
    UMockdevTestbed* testbed_;
    std::filesystem::path root_;
};

} // namespace spindle::exec
