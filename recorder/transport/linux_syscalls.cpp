// The real system calls behind the Syscalls seam; nothing else in the recorder calls them.
#include "recorder/transport/syscalls.hpp"

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <scsi/sg.h>
#include <sstream>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace spindle::recorder {
namespace {

class LinuxSyscalls final : public Syscalls {
public:
    SysResult<int> open(const std::string& path, int flags) override {
        const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
        if (fd < 0) return std::unexpected(errno);
        return fd;
    }
    SysResult<void> close(int fd) override {
        if (::close(fd) != 0) return std::unexpected(errno);
        return {};
    }
    SysResult<void> sg_io(int fd, sg_io_hdr& hdr) override {
        if (::ioctl(fd, SG_IO, &hdr) != 0) return std::unexpected(errno);
        return {};
    }
    SysResult<int> ioctl_get_int(int fd, unsigned long request) override {
        int value = 0;
        if (::ioctl(fd, request, &value) != 0) return std::unexpected(errno);
        return value;
    }
    SysResult<std::string> read_file(const std::string& path) override {
        std::ifstream in(path, std::ios::binary);
        if (!in) return std::unexpected(errno != 0 ? errno : ENOENT);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }
    SysResult<std::vector<std::string>> list_dir(const std::string& path) override {
        DIR* d = ::opendir(path.c_str());
        if (d == nullptr) return std::unexpected(errno);
        std::vector<std::string> names;
        while (const dirent* e = ::readdir(d)) {
            const std::string name = e->d_name;
            if (name != "." && name != "..") names.push_back(name);
        }
        ::closedir(d);
        return names;
    }
    SysResult<std::string> read_link(const std::string& path) override {
        std::string buf(4096, '\0');
        const ssize_t n = ::readlink(path.c_str(), buf.data(), buf.size());
        if (n < 0) return std::unexpected(errno);
        buf.resize(static_cast<std::size_t>(n));
        return buf;
    }
    SysResult<void> unmount(const std::string& mount_point) override {
        if (::umount2(mount_point.c_str(), 0) != 0) return std::unexpected(errno);
        return {};
    }
    SysResult<DeviceNumber> stat_device(const std::string& path) override {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) return std::unexpected(errno);
        return DeviceNumber{major(st.st_rdev), minor(st.st_rdev), S_ISBLK(st.st_mode), S_ISCHR(st.st_mode)};
    }
    std::uint32_t page_size() override {
        const long n = ::sysconf(_SC_PAGESIZE);
        return n > 0 ? static_cast<std::uint32_t>(n) : 4096u;
    }
    int process_id() override { return static_cast<int>(::getpid()); }
};

} // namespace

Syscalls& real_syscalls() {
    static LinuxSyscalls s;
    return s;
}

} // namespace spindle::recorder
