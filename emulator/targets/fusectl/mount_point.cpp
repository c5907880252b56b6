#include "emulator/targets/fusectl/mount_point.hpp"

#include "emulator/targets/fusectl/mount_table.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <spawn.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace spindle::fusectl {

namespace {

int stat_errno(const std::filesystem::path& dir, struct stat& st) {
    while (::stat(dir.c_str(), &st) != 0) {
        if (errno != EINTR) return errno;
    }
    return 0;
}

// `fusermount3 -u -z DIR`, for a user who may not call umount2.
std::expected<void, std::string> fusermount_detach(const std::filesystem::path& dir) {
    std::string prog = "fusermount3", u = "-u", z = "-z", d = dir.string();
    char* argv[] = {prog.data(), u.data(), z.data(), d.data(), nullptr};
    pid_t pid = 0;
    if (const int e = ::posix_spawnp(&pid, "fusermount3", nullptr, nullptr, argv, environ); e != 0)
        return std::unexpected(fmt::format("cannot run fusermount3: {}", std::strerror(e)));
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return std::unexpected(fmt::format("waitpid: {}", std::strerror(errno)));
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return std::unexpected(fmt::format("fusermount3 -u -z {} failed", dir.string()));
    return {};
}

// The parent directory, locked (flock) for the time it takes to check and mount. A holder that
// dies drops the lock; one that stays longer than a mount takes is waited for a while only.
std::expected<MountPointClaim, std::string> lock_parent(const std::filesystem::path& dir) {
    const auto parent = dir.has_parent_path() ? dir.parent_path() : std::filesystem::path(".");
    const int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return MountPointClaim(); // checked without the lock: the checks report what is wrong
    MountPointClaim claim(fd);
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) return claim; // a filesystem without flock
        if (std::chrono::steady_clock::now() > give_up)
            return std::unexpected(fmt::format("{}: another process has been mounting there for 10 s", dir.string()));
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return claim;
}

// The pid a live control filesystem at `dir` gives in its `pid` file; 0 when it gives none.
long served_by(const std::filesystem::path& dir) {
    std::ifstream in(dir / "pid");
    long pid = 0;
    return in >> pid ? pid : 0;
}

// A control filesystem another process serves at `dir` (mountinfo names it, and it answers).
std::expected<void, std::string> refuse_if_served(const std::filesystem::path& dir) {
    const auto top = top_mount_at(mount_table_path(dir));
    if (!top || top->fstype != "fuse.spindle") return {};
    struct stat st {};
    const int err = stat_errno(dir, st);
    if (err == EACCES) // mounted for its owner only
        return std::unexpected(
            fmt::format("{}: another user's mmc-emu serves a control filesystem there", dir.string()));
    if (err != 0) return {}; // stale: the caller clears it
    if (const long pid = served_by(dir); pid > 0)
        return std::unexpected(fmt::format("{}: mmc-emu (pid {}) serves a control filesystem there already; stop it "
                                           "(kill {}) or choose another directory",
                                           dir.string(), pid, pid));
    return std::unexpected(fmt::format("{}: another mmc-emu serves a control filesystem there already", dir.string()));
}

} // namespace

MountPointClaim::~MountPointClaim() {
    if (fd_ >= 0) ::close(fd_); // the lock goes with it
}

bool is_stale_mount(const std::filesystem::path& dir) {
    struct stat st {};
    return stat_errno(dir, st) == ENOTCONN;
}

std::expected<MountPointClaim, std::string> claim_mount_point(const std::filesystem::path& given) {
    auto dir = given.lexically_normal();
    if (!dir.has_filename() && dir.has_relative_path()) dir = dir.parent_path(); // "ctl/": its parent is "."
    // Missing parents are made as `mkdir -p` makes them; the mount point itself is private.
    std::error_code ec;
    if (dir.has_parent_path() && !std::filesystem::exists(dir.parent_path(), ec))
        std::filesystem::create_directories(dir.parent_path(), ec);
    if (ec) return std::unexpected(fmt::format("mkdir {}: {}", dir.parent_path().string(), ec.message()));
    auto claim = lock_parent(dir);
    if (!claim) return claim;
    if (auto served = refuse_if_served(dir); !served) return std::unexpected(served.error());
    struct stat st {};
    int err = stat_errno(dir, st);
    if (err == ENOTCONN) {
        if (::umount2(dir.c_str(), MNT_DETACH) != 0) {
            if (errno != EPERM)
                return std::unexpected(fmt::format("{}: stale mount, umount: {}", dir.string(), std::strerror(errno)));
            if (auto r = fusermount_detach(dir); !r) return std::unexpected(r.error());
        }
        err = stat_errno(dir, st);
    }
    if (err == ENOENT) {
        if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
            return std::unexpected(fmt::format("mkdir {}: {}", dir.string(), std::strerror(errno)));
        err = stat_errno(dir, st);
    }
    if (err != 0) return std::unexpected(fmt::format("{}: {}", dir.string(), std::strerror(err)));
    if (!S_ISDIR(st.st_mode)) return std::unexpected(fmt::format("{}: not a directory", dir.string()));
    return claim;
}

} // namespace spindle::fusectl
