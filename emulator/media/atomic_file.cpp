#include "emulator/media/atomic_file.hpp"

#include "emulator/media/checked_files.hpp"

#include <fcntl.h>

#include <cerrno>
#include <cstring>

namespace spindle {

namespace {

std::string io_error(std::string_view what, const std::filesystem::path& path, int error) {
    return std::string(what) + " " + path.string() + ": " + std::strerror(error);
}

} // namespace

std::filesystem::path temporary_path_for(const std::filesystem::path& path) {
    auto tmp = path;
    tmp += ".tmp";
    return tmp;
}

std::expected<void, std::string> replace_file_atomically(const std::filesystem::path& path, std::string_view contents,
                                                         CrashPoint crash, Storage& storage) {
    const auto tmp = temporary_path_for(path);
    {
        // Made new (O_EXCL: never written through a link planted at that name); a stale one
        // left by a crash is removed first.
        auto opened = storage.open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (!opened && opened.error() == EEXIST && storage.unlink(tmp))
            opened = storage.open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (!opened) return std::unexpected(io_error("cannot create", tmp, opened.error()));
        StorageFile fd(storage, *opened);
        const std::span bytes(reinterpret_cast<const std::uint8_t*>(contents.data()), contents.size());
        if (auto put = write_exactly(storage, fd.get(), bytes, 0); !put)
            return std::unexpected(io_error("cannot write", tmp, put.error()));
        if (crash == CrashPoint::AfterTemporaryWrite) return {};
        if (auto synced = storage.fsync(fd.get()); !synced)
            return std::unexpected(io_error("cannot sync", tmp, synced.error()));
        if (crash == CrashPoint::AfterTemporarySync) return {};
        if (auto closed = fd.close(); !closed) return std::unexpected(io_error("cannot close", tmp, closed.error()));
    }
    if (auto renamed = storage.rename(tmp, path); !renamed)
        return std::unexpected(io_error("cannot rename " + tmp.string() + " to", path, renamed.error()));
    if (crash == CrashPoint::AfterRename) return {};
    const auto dir = path.parent_path();
    if (auto synced = storage.sync_directory(dir); !synced)
        return std::unexpected(io_error("cannot sync directory", dir.empty() ? "." : dir, synced.error()));
    return {};
}

std::expected<std::string, std::string> read_whole_file(const std::filesystem::path& path, Storage& storage) {
    constexpr std::size_t limit = 16u << 20;
    // The open itself refuses a link and a FIFO (no window between a check and the open).
    auto opened = open_kept_file(storage, path, O_RDONLY, 0, "file");
    if (!opened && opened.error().error == ELOOP)
        return std::unexpected(path.string() + " is a symbolic link: expected the file itself");
    if (!opened && !opened.error().message.empty()) return std::unexpected(opened.error().message);
    if (!opened) return std::unexpected(io_error("cannot open", path, opened.error().error));
    StorageFile fd = std::move(*opened);
    std::string out;
    std::uint8_t buf[8192];
    for (;;) {
        auto got = storage.pread(fd.get(), buf, out.size());
        if (!got) return std::unexpected(io_error("cannot read", path, got.error()));
        if (*got == 0) break;
        out.append(reinterpret_cast<const char*>(buf), *got);
        if (out.size() > limit) return std::unexpected(path.string() + " is too large for disc metadata (over 16 MiB)");
    }
    return out;
}

} // namespace spindle
