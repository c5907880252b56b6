#pragma once
// A served drive as a Linux sg character device, made through CUSE (/dev/cuse): /dev/NAME
// answers the ioctls of the sg driver (SG_IO v3 with every data direction, sense and
// timeouts; SG_GET_VERSION_NUM, SG_GET/SET_TIMEOUT, SG_GET/SET_RESERVED_SIZE, SG_GET_SCSI_ID,
// SG_EMULATED_HOST, SCSI_IOCTL_GET_IDLUN, SCSI_IOCTL_GET_BUS_NUMBER), so sg3_utils and the
// recorder use it as they use /dev/sgN. SG_IO carries pointers, so CUSE's unrestricted ioctls
// fetch it in rounds: the header first, then the CDB, data and sense buffers it names.
// Completions are delivered at the drive's busy_until from the device's own thread.
#include "emulator/targets/served_drive.hpp"

#include <chrono>
#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace spindle::cuse {

struct SgDeviceOptions {
    std::filesystem::path cuse = "/dev/cuse";
    std::filesystem::path dev = "/dev";
    int host_number = 0; // what SG_GET_SCSI_ID and SCSI_IOCTL_GET_* report
    // Called once, from the device's thread, after the drive vanished (a fault's DeviceGone:
    // that command ended DID_NO_CONNECT). The owner then destroys the SgDevice, so /dev/NAME
    // disappears as a pulled device's node does; its open files fail from then on (ENOTCONN).
    std::function<void()> on_gone;
};

class SgDevice {
public:
    // Registers /dev/NAME with the kernel and starts serving it.
    static std::expected<std::unique_ptr<SgDevice>, std::string> create(ServedDrive& drive, std::string name,
                                                                        SgDeviceOptions options = {});
    ~SgDevice(); // the device disappears
    SgDevice(const SgDevice&) = delete;
    SgDevice& operator=(const SgDevice&) = delete;

    // Waits until the kernel created the device and its node exists; returns the node's path.
    std::expected<std::filesystem::path, std::string> wait_ready(std::chrono::milliseconds timeout,
                                                                 const std::function<bool()>& cancelled = {});
    // Whether the kernel still serves the device.
    bool alive() const;

    struct Impl;

private:
    SgDevice() = default;
    std::unique_ptr<Impl> impl_;
};

} // namespace spindle::cuse
