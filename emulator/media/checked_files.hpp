#pragma once
// Files the drive did not make itself, and the lock that gives an image one user.
// - A file a user names (an image, a sound file) may be a symbolic link: it is resolved once,
//   and every later open and every message uses the real file. It must be a regular file: a
//   directory, FIFO, socket or device is refused by name (and a FIFO never hangs the open).
// - Files the drive keeps beside an image (IMAGE.json, IMAGE.cdda, IMAGE.rw) are never links.
// - An image is served by one drive at a time, and a state directory (saved mode pages) too: flock(LOCK_EX | LOCK_NB)
// on its descriptor, held
//   as long as that descriptor (the medium's store) is open, across processes too.
#include "emulator/media/sparse_image_store.hpp"

#include <sys/types.h>

#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

namespace spindle {

// "a directory", "a FIFO", "a character device" ... for messages.
std::string_view file_type_name(mode_t mode);

// `path` with a symbolic link in its last component replaced by the file it leads to (once:
// later opens do not follow links); any other path as given. `what` names it in messages.
std::expected<std::filesystem::path, std::string> resolve_named_file(const std::filesystem::path& path,
                                                                     std::string_view what);

// Checks that `fd` (opened from `path` with O_NONBLOCK) is a regular file, then clears
// O_NONBLOCK for the reads and writes that follow.
std::expected<void, std::string> require_regular_file(int fd, const std::filesystem::path& path, std::string_view what);

// Opens a file a user named for reading: links followed, a regular file required.
std::expected<FileDescriptor, std::string> open_named_file(const std::filesystem::path& path, std::string_view what);

// Why a kept file did not open: the errno of open(2), or EINVAL with `message` for a file that
// is there but not a regular file.
struct KeptOpenFailure {
    int error = 0;
    std::string message{};
};
// Opens a file kept beside an image (or another file of the drive's own) through `storage`:
// never through a link (O_NOFOLLOW is added), never hanging on a FIFO (O_NONBLOCK, cleared once
// the file is known to be regular). `flags` and `mode` are open(2)'s.
std::expected<StorageFile, KeptOpenFailure> open_kept_file(Storage& storage, const std::filesystem::path& path,
                                                           int flags, unsigned mode, std::string_view what);

// A file kept beside an image: absent, or a regular file that is not a symbolic link.
std::expected<void, std::string> check_kept_file(const std::filesystem::path& path);

// Takes the lock of the image open at `fd`; refused, naming the image, when another drive or
// process holds it.
std::expected<void, std::string> lock_image(int fd, const std::filesystem::path& path);

// Opens the directory where a drive keeps its saved mode pages and takes its lock, held as long
// as the descriptor is open; refused, naming the directory, when another drive or process
// holds it (two drives saving pages in one file would overwrite each other's).
std::expected<FileDescriptor, std::string> lock_state_dir(const std::filesystem::path& dir);

} // namespace spindle
