#include "emulator/media/atomic_file.hpp"

#include "emulator/media/sparse_image_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace spindle {

namespace {

std::string os_error(std::string_view what, const std::filesystem::path& path) {
    return std::string(what) + " " + path.string() + ": " + std::strerror(errno);
}

int open_retrying(const std::filesystem::path& path, int flags, mode_t mode = 0) {
    int fd;
    do fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
    while (fd < 0 && errno == EINTR);
    return fd;
}

bool fsync_retrying(int fd) {
    int r;
    do r = ::fsync(fd);
    while (r < 0 && errno == EINTR);
    return r == 0;
}

} // namespace

std::filesystem::path temporary_path_for(const std::filesystem::path& path) {
    auto tmp = path;
    tmp += ".tmp";
    return tmp;
}

std::expected<void, std::string> replace_file_atomically(const std::filesystem::path& path, std::string_view contents,
                                                         CrashPoint crash) {
    const auto tmp = temporary_path_for(path);
    {
        FileDescriptor fd(open_retrying(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644));
        if (fd.get() < 0) return std::unexpected(os_error("cannot create", tmp));
        const auto* data = reinterpret_cast<const std::uint8_t*>(contents.data());
        if (!file_io::write_fully(fd.get(), data, contents.size(), 0))
            return std::unexpected(os_error("cannot write", tmp));
        if (crash == CrashPoint::AfterTemporaryWrite) return {};
        if (!fsync_retrying(fd.get())) return std::unexpected(os_error("cannot sync", tmp));
        if (crash == CrashPoint::AfterTemporarySync) return {};
        int closed = ::close(fd.release()); // close errors after fsync still mean a bad write (NFS)
        if (closed != 0 && errno != EINTR) return std::unexpected(os_error("cannot close", tmp));
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0)
        return std::unexpected(os_error("cannot rename " + tmp.string() + " to", path));
    if (crash == CrashPoint::AfterRename) return {};
    auto dir = path.parent_path();
    if (dir.empty()) dir = ".";
    FileDescriptor dfd(open_retrying(dir, O_RDONLY | O_DIRECTORY));
    if (dfd.get() < 0) return std::unexpected(os_error("cannot open directory", dir));
    if (!fsync_retrying(dfd.get())) return std::unexpected(os_error("cannot sync directory", dir));
    return {};
}

std::expected<std::string, std::string> read_whole_file(const std::filesystem::path& path) {
    FileDescriptor fd(open_retrying(path, O_RDONLY));
    if (fd.get() < 0) return std::unexpected(os_error("cannot open", path));
    std::string out;
    char buf[8192];
    for (;;) {
        const ssize_t got = ::read(fd.get(), buf, sizeof buf);
        if (got < 0) {
            if (errno == EINTR) continue;
            return std::unexpected(os_error("cannot read", path));
        }
        if (got == 0) break;
        out.append(buf, static_cast<std::size_t>(got));
        if (out.size() > (16u << 20))
            return std::unexpected(path.string() + " is too large for disc metadata (over 16 MiB)");
    }
    return out;
}

} // namespace spindle
