#include "emulator/targets/fusectl/control_nodes.hpp"

#include <array>

namespace spindle::fusectl {

namespace {

constexpr std::array<FileInfo, 12> files{{
    {FileKind::Profile, "profile.yaml", false},
    {FileKind::Tray, "tray", true},
    {FileKind::Medium, "medium", true},
    {FileKind::State, "state", true},
    {FileKind::Faults, "faults", true},
    {FileKind::Log, "log", false},
    {FileKind::LogPipe, "log_pipe", false},
    {FileKind::DiscImage, "disc.img", false},
    {FileKind::DiscAudio, "disc.cdda", false},
    {FileKind::Stats, "stats", false},
    {FileKind::LastError, "last_error", false},
    {FileKind::Export, "export", true},
}};

constexpr std::array<FileInfo, 1> at_root{{
    {FileKind::Pid, "pid", false},
}};

constexpr std::uint64_t stride = 32; // room for more files without renumbering

std::uint64_t dir_ino(std::size_t drive) { return 2 + drive * stride; }

} // namespace

std::span<const FileInfo> control_files() { return files; }

std::span<const FileInfo> root_files() { return at_root; }

const FileInfo& file_info(FileKind kind) {
    for (const auto& f : files)
        if (f.kind == kind) return f;
    for (const auto& f : at_root)
        if (f.kind == kind) return f;
    return files.front();
}

std::optional<Node> node_of(std::uint64_t ino, std::size_t drive_count) {
    if (ino == root_ino) return Node{};
    if (ino >= root_files_ino) {
        if (ino - root_files_ino >= at_root.size()) return std::nullopt;
        return Node{ino, 0, at_root[ino - root_files_ino].kind};
    }
    if (ino < 2) return std::nullopt;
    const auto drive = static_cast<std::size_t>((ino - 2) / stride);
    const auto index = (ino - 2) % stride;
    if (drive >= drive_count) return std::nullopt;
    if (index == 0) return Node{ino, drive, FileKind::None};
    if (index > files.size()) return std::nullopt;
    return Node{ino, drive, files[index - 1].kind};
}

std::optional<Node> lookup_node(std::uint64_t parent, std::string_view name, std::span<ServedDrive* const> drives) {
    if (parent == root_ino) {
        for (std::size_t i = 0; i < drives.size(); ++i)
            if (drives[i]->name() == name) return Node{dir_ino(i), i, FileKind::None};
        for (std::size_t j = 0; j < at_root.size(); ++j)
            if (at_root[j].name == name) return Node{root_files_ino + j, 0, at_root[j].kind};
        return std::nullopt;
    }
    const auto dir = node_of(parent, drives.size());
    if (!dir || dir->kind != FileKind::None) return std::nullopt;
    for (std::size_t j = 0; j < files.size(); ++j)
        if (files[j].name == name) return Node{parent + 1 + j, dir->drive, files[j].kind};
    return std::nullopt;
}

std::vector<DirEntry> list_directory(const Node& dir, std::span<ServedDrive* const> drives) {
    std::vector<DirEntry> out{{".", dir.ino, true}, {"..", root_ino, true}};
    if (dir.is_root()) {
        for (std::size_t i = 0; i < drives.size(); ++i) out.push_back({drives[i]->name(), dir_ino(i), true});
        for (std::size_t j = 0; j < at_root.size(); ++j)
            out.push_back({std::string(at_root[j].name), root_files_ino + j, false});
    } else {
        for (std::size_t j = 0; j < files.size(); ++j)
            out.push_back({std::string(files[j].name), dir.ino + 1 + j, false});
    }
    return out;
}

} // namespace spindle::fusectl
