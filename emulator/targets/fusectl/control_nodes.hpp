#pragma once
// The control filesystem's tree: the root, a directory per drive (named after the drive), and
// the same files in each. Inode numbers are computed, not stored: root 1, drive i's directory
// 2 + i * stride, its files after it.
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
};

struct FileInfo {
    FileKind kind;
    std::string_view name;
    bool writable;
};

std::span<const FileInfo> control_files();
const FileInfo& file_info(FileKind kind);

struct Node {
    std::uint64_t ino = 1;
    std::size_t drive = 0;          // for a drive's directory and its files
    FileKind kind = FileKind::None; // None: a directory
    bool is_root() const { return ino == 1; }
};

inline constexpr std::uint64_t root_ino = 1;

std::optional<Node> node_of(std::uint64_t ino, std::size_t drive_count);
std::optional<Node> lookup_node(std::uint64_t parent, std::string_view name, std::span<ServedDrive* const> drives);

struct DirEntry {
    std::string name;
    std::uint64_t ino;
    bool directory;
};
std::vector<DirEntry> list_directory(const Node& dir, std::span<ServedDrive* const> drives);

} // namespace spindle::fusectl
