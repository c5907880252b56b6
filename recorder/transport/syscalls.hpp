#pragma once
// Every system call the recorder makes goes through this seam, so tests can inject results
// (EINTR, EBUSY, a host timeout, a fake sysfs) without a kernel. The methods return the value
// or the errno of the failed call.
#include <cstdint>
#include <expected>
#include <string>
#include <vector>

struct sg_io_hdr;

namespace spindle::recorder {

template <class T>
using SysResult = std::expected<T, int>; // the value, or errno

struct DeviceNumber {
    unsigned major = 0;
    unsigned minor = 0;
    bool is_block = false;
    bool is_char = false;
};

class Syscalls {
public:
    virtual ~Syscalls() = default;
    virtual SysResult<int> open(const std::string& path, int flags) = 0;
    virtual SysResult<void> close(int fd) = 0;
    virtual SysResult<void> sg_io(int fd, sg_io_hdr& hdr) = 0;               // ioctl(fd, SG_IO, &hdr)
    virtual SysResult<int> ioctl_get_int(int fd, unsigned long request) = 0; // SG_GET_RESERVED_SIZE, SG_GET_VERSION_NUM
    virtual SysResult<std::string> read_file(const std::string& path) = 0;   // sysfs attributes, mountinfo
    virtual SysResult<std::vector<std::string>> list_dir(const std::string& path) = 0; // names, no . and ..
    virtual SysResult<std::string> read_link(const std::string& path) = 0;
    virtual SysResult<DeviceNumber> stat_device(const std::string& path) = 0;
    virtual SysResult<void> unmount(const std::string& mount_point) = 0; // umount2(path, 0)
    virtual std::uint32_t page_size() = 0;
    virtual int process_id() = 0;
};

// The real Linux calls.
Syscalls& real_syscalls();

} // namespace spindle::recorder
