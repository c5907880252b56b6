#include "emulator/targets/fusectl/mount_point.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

} // namespace

bool is_stale_mount(const std::filesystem::path& dir) {
    struct stat st {};
    return stat_errno(dir, st) == ENOTCONN;
}

std::expected<bool, std::string> prepare_mount_point(const std::filesystem::path& dir) {
    struct stat st {};
    bool stale = false;
    int err = stat_errno(dir, st);
    if (err == ENOTCONN) {
        stale = true;
        if (::umount2(dir.c_str(), MNT_DETACH) != 0) {
            if (errno != EPERM)
                return std::unexpected(fmt::format("{}: stale mount, umount: {}", dir.string(), std::strerror(errno)));
            if (auto r = fusermount_detach(dir); !r) return std::unexpected(r.error());
        }
        err = stat_errno(dir, st);
    }
    if (err == ENOENT) {
        // Missing parents are made as `mkdir -p` makes them; the mount point itself is private.
        std::error_code ec;
        if (dir.has_parent_path()) std::filesystem::create_directories(dir.parent_path(), ec);
        if (ec) return std::unexpected(fmt::format("mkdir {}: {}", dir.parent_path().string(), ec.message()));
        if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
            return std::unexpected(fmt::format("mkdir {}: {}", dir.string(), std::strerror(errno)));
        err = stat_errno(dir, st);
    }
    if (err != 0) return std::unexpected(fmt::format("{}: {}", dir.string(), std::strerror(err)));
    if (!S_ISDIR(st.st_mode)) return std::unexpected(fmt::format("{}: not a directory", dir.string()));
    return stale;
}

} // namespace spindle::fusectl
