#include "emulator/media/checked_files.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace spindle {

namespace {

std::string named(std::string_view what, const std::filesystem::path& path) {
    return std::string(what) + " " + path.string();
}

} // namespace

std::string_view file_type_name(mode_t mode) {
    if (S_ISREG(mode)) return "a regular file";
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISLNK(mode)) return "a symbolic link";
    return "not a regular file";
}

std::expected<std::filesystem::path, std::string> resolve_named_file(const std::filesystem::path& path,
                                                                     std::string_view what) {
    std::error_code ec;
    if (!std::filesystem::is_symlink(path, ec)) return path;
    auto real = std::filesystem::canonical(path, ec);
    if (ec) return std::unexpected(named(what, path) + " is a symbolic link that leads nowhere: " + ec.message());
    return real;
}

std::expected<void, std::string> require_regular_file(int fd, const std::filesystem::path& path,
                                                      std::string_view what) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return std::unexpected("cannot stat " + named(what, path) + ": " + std::strerror(errno));
    if (!S_ISREG(st.st_mode))
        return std::unexpected(named(what, path) + " is " + std::string(file_type_name(st.st_mode)) +
                               ": expected a regular file");
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0)
        return std::unexpected("cannot set up " + named(what, path) + ": " + std::strerror(errno));
    return {};
}

std::expected<StorageFile, KeptOpenFailure> open_kept_file(Storage& storage, const std::filesystem::path& path,
                                                           int flags, unsigned mode, std::string_view what) {
    auto fd = storage.open(path, flags | O_NOFOLLOW | O_NONBLOCK, mode);
    if (!fd) return std::unexpected(KeptOpenFailure{fd.error()});
    StorageFile file(storage, *fd);
    if (const int kernel = storage.kernel_fd(*fd); kernel >= 0)
        if (auto ok = require_regular_file(kernel, path, what); !ok)
            return std::unexpected(KeptOpenFailure{EINVAL, ok.error()});
    return file;
}

std::expected<FileDescriptor, std::string> open_named_file(const std::filesystem::path& path, std::string_view what) {
    int raw;
    do raw = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    while (raw < 0 && errno == EINTR);
    FileDescriptor fd(raw);
    if (fd.get() < 0) return std::unexpected("cannot open " + named(what, path) + ": " + std::strerror(errno));
    if (auto ok = require_regular_file(fd.get(), path, what); !ok) return std::unexpected(ok.error());
    return fd;
}

std::expected<void, std::string> check_kept_file(const std::filesystem::path& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        if (errno == ENOENT) return {};
        return std::unexpected("cannot check " + path.string() + ": " + std::strerror(errno));
    }
    if (S_ISLNK(st.st_mode))
        return std::unexpected(path.string() + " is a symbolic link: the drive keeps its files beside the image "
                                               "itself, never through a link");
    if (!S_ISREG(st.st_mode))
        return std::unexpected(path.string() + " is " + std::string(file_type_name(st.st_mode)) +
                               ": expected a regular file");
    return {};
}

namespace {
// flock(LOCK_EX | LOCK_NB), retried on EINTR: 0, or the errno (EWOULDBLOCK: held elsewhere).
int try_lock(int fd) {
    int r;
    do r = ::flock(fd, LOCK_EX | LOCK_NB);
    while (r != 0 && errno == EINTR);
    return r == 0 ? 0 : errno;
}
} // namespace

std::expected<void, std::string> lock_image(int fd, const std::filesystem::path& path) {
    const int error = try_lock(fd);
    if (error == 0) return {};
    if (error == EWOULDBLOCK)
        return std::unexpected("image " + path.string() +
                               " is in use by another drive or process: a disc is in one drive at a time");
    return std::unexpected("cannot lock image " + path.string() + ": " + std::strerror(error));
}

std::expected<FileDescriptor, std::string> lock_state_dir(const std::filesystem::path& dir) {
    int raw;
    do raw = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    while (raw < 0 && errno == EINTR);
    FileDescriptor fd(raw);
    if (fd.get() < 0)
        return std::unexpected("cannot open state directory " + dir.string() + ": " + std::strerror(errno));
    const int error = try_lock(fd.get());
    if (error == 0) return fd;
    if (error == EWOULDBLOCK)
        return std::unexpected("state directory " + dir.string() +
                               " is in use by another drive or process: each drive keeps its saved mode pages in a "
                               "directory of its own");
    return std::unexpected("cannot lock state directory " + dir.string() + ": " + std::strerror(error));
}

} // namespace spindle
