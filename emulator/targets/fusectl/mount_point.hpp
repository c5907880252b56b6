#pragma once
// The control filesystem's mount point: made when missing (parents too), freed of a stale FUSE
// mount a crashed run left behind (its stat fails with ENOTCONN), and refused while another
// process serves a control filesystem there.
#include <expected>
#include <filesystem>
#include <string>

namespace spindle::fusectl {

// The right to mount at a directory, held from the checks until the mount is made: runs that
// start at once on one directory take turns (a lock on its parent directory, which the kernel
// drops when the holder dies), so the later one sees the earlier one's mount.
class MountPointClaim {
public:
    explicit MountPointClaim(int fd = -1) : fd_(fd) {}
    MountPointClaim(MountPointClaim&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
    MountPointClaim& operator=(MountPointClaim&&) = delete;
    ~MountPointClaim();

private:
    int fd_;
};

// Creates `dir` (0700) when missing; detaches a stale FUSE mount on it (umount2 MNT_DETACH as
// root, `fusermount3 -u -z` otherwise); refuses a control filesystem a live process serves there,
// naming that process's pid (its `pid` file).
std::expected<MountPointClaim, std::string> claim_mount_point(const std::filesystem::path& dir);

// Whether `dir` is a dead FUSE mount (the daemon behind it is gone).
bool is_stale_mount(const std::filesystem::path& dir);

} // namespace spindle::fusectl
