#pragma once
// The control filesystem's mount point: made when missing (parents too), and freed of a stale
// FUSE mount a crashed run left behind (its stat fails with ENOTCONN) before the new mount.
#include <expected>
#include <filesystem>
#include <string>

namespace spindle::fusectl {

// Creates `dir` (0700) when missing; detaches a stale FUSE mount on it (umount2 MNT_DETACH as
// root, `fusermount3 -u -z` otherwise). Returns whether a stale mount was removed.
std::expected<bool, std::string> prepare_mount_point(const std::filesystem::path& dir);

// Whether `dir` is a dead FUSE mount (the daemon behind it is gone).
bool is_stale_mount(const std::filesystem::path& dir);

} // namespace spindle::fusectl
