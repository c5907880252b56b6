#pragma once
// Replacing a small file so that a crash at any point leaves either the old contents or the
// new, never a mix: write a temporary file in the same directory, fsync it, rename it over
// the target, fsync the directory (rename is atomic within a file system, POSIX rename(2);
// the directory fsync makes the rename itself durable). Every step goes through a Storage
// (media/storage.hpp).
#include "emulator/media/storage.hpp"

#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

namespace spindle {

// Where a simulated crash stops the replacement (tests): the steps done so far stay done.
enum class CrashPoint : std::uint8_t { None, AfterTemporaryWrite, AfterTemporarySync, AfterRename };

// The temporary file replace_file_atomically() writes first: `path` + ".tmp", always made
// anew with O_EXCL (a stale one from an earlier crash, or a link in its place, is removed).
std::filesystem::path temporary_path_for(const std::filesystem::path& path);

std::expected<void, std::string> replace_file_atomically(const std::filesystem::path& path, std::string_view contents,
                                                         CrashPoint crash = CrashPoint::None,
                                                         Storage& storage = real_storage());

// The whole file as text (at most 16 MiB); a clear message when it cannot be read.
std::expected<std::string, std::string> read_whole_file(const std::filesystem::path& path,
                                                        Storage& storage = real_storage());

} // namespace spindle
