#pragma once
// What /proc/self/mountinfo says is mounted at a directory: read without touching the mount
// itself, whose server may be gone or another user's.
#include <filesystem>
#include <optional>
#include <string>

namespace spindle::fusectl {

struct MountEntry {
    std::string fstype; // "fuse.spindle" for a control filesystem
    std::string source; // "spindle"
};

// The mount on top at `dir` (an absolute path without links), if any.
std::optional<MountEntry> top_mount_at(const std::filesystem::path& dir);

// `dir` as mountinfo names it: absolute, its parent's links resolved, no trailing slash.
std::filesystem::path mount_table_path(const std::filesystem::path& dir);

} // namespace spindle::fusectl
