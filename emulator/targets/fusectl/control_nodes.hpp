#pragma once
// The control filesystem's tree: the root, a directory per drive (named after the drive), and
// the same files in each; beside the drives, the root's own files (pid). Inode numbers are
// computed, not stored: root 1, drive i's directory 2 + i * stride, its files after it, the
// root's files from root_files_ino.
#include "emulator/targets/served_drive.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace spindle::fusectl {

enum class FileKind : std::uint8_t {
    None, // a directory
    Profile,
    Tray,
    Medium,
    State,
    Faults,
    Log,
    LogPipe,
    DiscImage,
    DiscAudio,
    Stats,
    LastError,
    Pid, // the root's: the serving process
    Export,
};

struct FileInfo {
    FileKind kind;
    std::string_view name;
    bool writable;
};

// A drive directory's files.
std::span<const FileInfo> control_files();
// The root's files.
std::span<const FileInfo> root_files();
const FileInfo& file_info(FileKind kind);

struct Node {
    std::uint64_t ino = 1;
    std::size_t drive = 0;          // for a drive's directory and its files
    FileKind kind = FileKind::None; // None: a directory
    bool is_root() const { return ino == 1; }
};

inline constexpr std::uint64_t root_ino = 1;
inline constexpr std::uint64_t root_files_ino = std::uint64_t{1} << 32; // past every drive's

std::optional<Node> node_of(std::uint64_t ino, std::size_t drive_count);
std::optional<Node> lookup_node(std::uint64_t parent, std::string_view name, std::span<ServedDrive* const> drives);

struct DirEntry {
    std::string name;
    std::uint64_t ino;
    bool directory;
};
std::vector<DirEntry> list_directory(const Node& dir, std::span<ServedDrive* const> drives);

} // namespace spindle::fusectl
