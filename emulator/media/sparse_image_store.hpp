#pragma once
// Block stores backed by files, so a disc outlives the process that wrote it:
// - SparseImageStore: a read-write sparse image; block N lives at byte N * 2048, blocks never
//   written read as zeros and take no disk space; the file grows only as blocks are written.
//   CD-DA blocks live in a second sparse file beside it, audio_path_for(image), at N * 2352,
//   made when the first one is written, and recorded R-W sub-channels in a third,
//   rw_path_for(image), at N * 96. The files are reached through a Storage
//   (media/storage.hpp). Once a sync has failed, every later flush fails: Linux reports a
//   failed fdatasync once per file, and a retry that succeeded would hide the lost pages.
// - ReadOnlyImageStore: an existing image (an ISO) a ROM disc is made of; writes fail.
#include "emulator/media/block_store.hpp"
#include "emulator/media/storage.hpp"

#include <array>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <string>

namespace spindle {

class FileDescriptor {
public:
    FileDescriptor() = default;
    explicit FileDescriptor(int fd) : fd_(fd) {}
    FileDescriptor(FileDescriptor&& o) noexcept : fd_(o.release()) {}
    FileDescriptor& operator=(FileDescriptor&& o) noexcept;
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor();
    int get() const { return fd_; }
    int release();

private:
    int fd_ = -1;
};

// Where the audio blocks of the disc kept in `image` live: `image` + ".cdda".
std::filesystem::path audio_path_for(const std::filesystem::path& image);
// Where its recorded R-W sub-channels live: `image` + ".rw".
std::filesystem::path rw_path_for(const std::filesystem::path& image);

class SparseImageStore final : public BlockStore {
public:
    enum class Mode { CreateFresh, OpenExisting, OpenOrCreate };
    // `path` empty: an anonymous temporary file (O_TMPFILE in the temporary directory, or
    // mkstemp + unlink), gone when the store is. CreateFresh also removes the side files.
    // A kept image lives in `storage`; an anonymous one in the real file system.
    static std::expected<std::unique_ptr<SparseImageStore>, std::string>
    open(const std::filesystem::path& path, Mode mode = Mode::OpenOrCreate, Storage& storage = real_storage());
    bool read(std::uint32_t lba, std::span<std::uint8_t> out) override;
    bool write(std::uint32_t lba, std::span<const std::uint8_t> in) override;
    // fdatasync of the image and the side files (and of the directory when a side file is
    // new, so that it is found again). False from the first failure on.
    bool flush() override;
    int data_fd() const override { return fd_.storage().kernel_fd(fd_.get()); }
    bool read_audio(std::uint32_t lba, std::span<std::uint8_t> out) override;
    bool write_audio(std::uint32_t lba, std::span<const std::uint8_t> in) override;
    bool read_rw(std::uint32_t lba, std::span<std::uint8_t> out) override;
    bool write_rw(std::uint32_t lba, std::span<const std::uint8_t> in) override;
    const std::filesystem::path& path() const { return path_; }
    Storage& storage() const { return fd_.storage(); }
    // Why flush() failed (an errno), 0 when it has not.
    int sync_error() const { return sync_error_; }
    // The image file's size in bytes (holes included).
    std::expected<std::uint64_t, std::string> size_bytes() const;
    // Grows the file to `bytes` with a hole when it is smaller (never shrinks it): a layout
    // that records blocks nobody wrote (a preset's first session) then reads them as zeros.
    bool extend_to(std::uint64_t bytes);

private:
    SparseImageStore(StorageFile fd, std::filesystem::path path) : fd_(std::move(fd)), path_(std::move(path)) {}
    // Files beside the image, each made when its first block is written.
    enum Side { Whole, Rw };
    struct SideFile {
        StorageFile fd;
        bool created = false; // its directory entry is not synced yet
    };
    // A side file, opened (`create`: made) on first use; -1 (and errno) when there is none yet.
    int side_fd(Side side, bool create);
    bool read_side(Side side, std::uint64_t offset, std::span<std::uint8_t> out);
    bool write_side(Side side, std::uint64_t offset, std::span<const std::uint8_t> in);
    StorageFile fd_;
    std::filesystem::path path_;
    std::array<SideFile, 2> sides_;
    int sync_error_ = 0;
};

class ReadOnlyImageStore final : public BlockStore {
public:
    // Fails when the file cannot be opened or its size is not a whole number of blocks.
    // Reads use pread, not a mapping: an image that shrinks while it is served (truncated by
    // another program) makes the READs past its new end fail, where a mapping would fault.
    static std::expected<std::unique_ptr<ReadOnlyImageStore>, std::string> open(const std::filesystem::path& path);
    ReadOnlyImageStore(const ReadOnlyImageStore&) = delete;
    ReadOnlyImageStore& operator=(const ReadOnlyImageStore&) = delete;
    bool read(std::uint32_t lba, std::span<std::uint8_t> out) override;
    bool write(std::uint32_t, std::span<const std::uint8_t>) override { return false; }
    bool flush() override { return true; }
    int data_fd() const override { return fd_.get(); }
    std::uint32_t blocks() const { return blocks_; }

private:
    ReadOnlyImageStore(FileDescriptor fd, std::uint32_t blocks);
    FileDescriptor fd_;
    std::uint32_t blocks_;
};

namespace file_io {
// What a read that meets end of file does: fill the rest with zeros (a sparse image's
// unwritten tail) or fail (an image that should reach that far no longer does).
enum class AtEnd { Zeros, Fail };
// pread/pwrite of exactly `n` bytes, retrying on EINTR and partial transfers.
bool read_fully(int fd, std::uint8_t* out, std::size_t n, std::uint64_t offset, AtEnd at_end = AtEnd::Zeros);
bool write_fully(int fd, const std::uint8_t* in, std::size_t n, std::uint64_t offset);
} // namespace file_io

} // namespace spindle
