#pragma once
// SG_IO (sg_io_hdr v3) on /dev/sgN or /dev/srN. Opened with O_NONBLOCK so a drive with no
// disc opens; O_EXCL on request. Every system call goes through a Syscalls seam.
#include "recorder/transport/scsi_transport.hpp"
#include "recorder/transport/syscalls.hpp"

#include <memory>
#include <string>

namespace spindle::recorder {

struct SgioOptions {
    bool exclusive = false;
    std::string sysfs_root = "/sys"; // where the queue limits are read
};

class SgioTransport final : public ScsiTransport {
public:
    // ENOENT/ENODEV/ENXIO -> ERROR_DEV_NOT_EXIST, EACCES/EPERM -> E_ACCESSDENIED, EBUSY with
    // O_EXCL -> E_IMAPI_RECORDER_LOCKED. Read-write first; read-only when write is refused
    // (read-class commands still work; the kernel refuses write-class ones with EPERM).
    static Result<std::unique_ptr<SgioTransport>> open(const std::string& path, Syscalls& sys = real_syscalls(),
                                                       SgioOptions options = {});
    ~SgioTransport() override;
    SgioTransport(const SgioTransport&) = delete;
    SgioTransport& operator=(const SgioTransport&) = delete;

    Result<ScsiResult> execute(const ScsiRequest& request) override;
    TransferLimits limits() const override { return limits_; }
    Result<void> set_exclusive(bool exclusive, std::string_view client_name = {}) override;
    std::string exclusive_access_owner() override;
    bool exclusive() const override { return exclusive_; }
    std::string device_name() const override { return path_; }
    bool read_only() const { return read_only_; }

private:
    SgioTransport(std::string path, Syscalls& sys, SgioOptions options);
    Result<void> open_fd(bool exclusive);
    void close_fd();

    std::string path_;
    Syscalls& sys_;
    SgioOptions options_;
    int fd_ = -1;
    bool exclusive_ = false;
    bool read_only_ = false;
    std::string client_name_;
    TransferLimits limits_;
};

// Processes other than this one with `path` open, found through /proc/PID/fd: "comm (pid N)".
std::vector<std::string> find_device_openers(Syscalls& sys, const std::string& path,
                                             const std::string& proc_root = "/proc");

// The queue limits of the device node `path` from sysfs (transfer_limits.hpp says how), with
// SG_GET_RESERVED_SIZE from `fd` when it is valid.
TransferLimits read_transfer_limits(Syscalls& sys, const std::string& sysfs_root, const std::string& path, int fd);

} // namespace spindle::recorder
