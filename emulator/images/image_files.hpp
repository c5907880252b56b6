#pragma once
// What every disc image writer shares: files made under temporary names and renamed into
// place together once all are complete and synced (a failed export leaves nothing behind, a
// crash never leaves a renamed, half-written image), and a disc's blocks copied into a file
// (file to file by copy_file_range where the store lies in one, as cp copies; through memory
// otherwise).
#include "emulator/media/block_store.hpp"

#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace spindle {

struct ExportedImage {
    std::vector<std::filesystem::path> files; // the sheet (descriptor), then the data files
    std::uint64_t bytes = 0;                  // of sector data
};

// `progress(done, total)` in bytes, after each chunk.
using ExportProgress = std::function<void(std::uint64_t, std::uint64_t)>;

class PendingFiles {
public:
    PendingFiles() = default;
    PendingFiles(const PendingFiles&) = delete;
    PendingFiles& operator=(const PendingFiles&) = delete;
    ~PendingFiles(); // removes what was not committed
    // A new file that becomes `final` at commit(); -1 and errno on failure.
    int create(const std::filesystem::path& final);
    // `text` written and synced as the file that becomes `final`.
    std::expected<void, std::string> create_text(const std::filesystem::path& final, std::string_view text);
    // Renames every file in creation order (make the descriptor last: it appears last), then
    // syncs the directory, so the new names last as the data does.
    std::expected<void, std::string> commit(const std::filesystem::path& dir);

private:
    std::vector<std::filesystem::path> pending_;
};

// Blocks [first, end) of `store` into `fd` from byte `at`: whole 2352-byte sectors
// (BlockStore::read_audio) or 2048 bytes of user data (read). `progress(bytes)` after each
// chunk with the bytes written so far by this call. Names the blocks that failed to read.
std::expected<void, std::string> copy_blocks(BlockStore& store, std::uint32_t first, std::uint32_t end, bool whole,
                                             int fd, std::uint64_t at,
                                             const std::function<void(std::uint64_t)>& progress = {});

// A length in blocks as MM:SS:FF, 75 frames a second (cue and toc sheets).
std::string msf_text(std::uint32_t blocks);

} // namespace spindle
