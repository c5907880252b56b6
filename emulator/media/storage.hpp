#pragma once
// Every file operation on a kept disc goes through this seam: its data image, its audio file
// (.cdda), its layout (.json) and that file's temporary, renames and directory syncs; and the
// drive's saved mode pages. Production uses the real calls (real_storage()); a test puts its
// own below to inject errors, or to cut power and see what had reached stable storage
// (tests/unit/power_loss), as the recorder's Syscalls and SQLite's test VFS do. Every call
// returns its value or the errno of the failure; EINTR is retried below the seam.
#include <cstdint>
#include <expected>
#include <filesystem>
#include <span>

namespace spindle {

template <class T>
using IoResult = std::expected<T, int>; // the value, or errno

class Storage {
public:
    virtual ~Storage() = default;
    // open(2) of a file (O_RDONLY, O_WRONLY or O_RDWR, with O_CREAT, O_TRUNC, O_EXCL); the
    // descriptor is this storage's, for its own calls only.
    virtual IoResult<int> open(const std::filesystem::path& path, int flags, unsigned mode) = 0;
    // close(2); an error after a sync still means a lost write (NFS).
    virtual IoResult<void> close(int fd) = 0;
    // pread(2)/pwrite(2): they may move fewer bytes than asked (pread 0: end of file).
    virtual IoResult<std::size_t> pread(int fd, std::span<std::uint8_t> out, std::uint64_t offset) = 0;
    virtual IoResult<std::size_t> pwrite(int fd, std::span<const std::uint8_t> in, std::uint64_t offset) = 0;
    // fdatasync(2) and fsync(2): what was written through `fd` is on stable storage.
    virtual IoResult<void> fdatasync(int fd) = 0;
    virtual IoResult<void> fsync(int fd) = 0;
    virtual IoResult<std::uint64_t> size(int fd) = 0;                 // fstat(2) st_size
    virtual IoResult<void> truncate(int fd, std::uint64_t bytes) = 0; // ftruncate(2)
    virtual IoResult<void> rename(const std::filesystem::path& from, const std::filesystem::path& to) = 0;
    virtual IoResult<void> unlink(const std::filesystem::path& path) = 0;
    // open(2) of the directory, fsync(2), close(2): its entries (files created, renamed,
    // removed in it) are on stable storage.
    virtual IoResult<void> sync_directory(const std::filesystem::path& dir) = 0;
    // stat(2): `path` names a regular file.
    virtual bool is_regular_file(const std::filesystem::path& path) = 0;
    // Both paths name one existing file (std::filesystem::equivalent).
    virtual bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) = 0;
    // The kernel descriptor behind `fd`, for a target that lets another process read the file
    // (BlockStore::data_fd); -1 when there is none (files kept in memory).
    virtual int kernel_fd(int fd) const = 0;
};

// The real Linux calls.
Storage& real_storage();

// A descriptor of a Storage, closed (errors ignored) when it goes.
class StorageFile {
public:
    StorageFile() = default;
    StorageFile(Storage& storage, int fd) : storage_(&storage), fd_(fd) {}
    StorageFile(StorageFile&& o) noexcept : storage_(o.storage_), fd_(o.release()) {}
    StorageFile& operator=(StorageFile&& o) noexcept;
    StorageFile(const StorageFile&) = delete;
    StorageFile& operator=(const StorageFile&) = delete;
    ~StorageFile();
    int get() const { return fd_; }
    bool is_open() const { return fd_ >= 0; }
    Storage& storage() const { return *storage_; }
    int release();
    // Closes now and says whether close(2) succeeded.
    IoResult<void> close();

private:
    Storage* storage_ = nullptr;
    int fd_ = -1;
};

// pread/pwrite of exactly in.size() bytes, looping over partial transfers. A read that meets
// the end of the file fills the rest with zeros (a sparse image's unwritten tail) or fails.
enum class AtEnd { Zeros, Fail };
IoResult<void> read_exactly(Storage& s, int fd, std::span<std::uint8_t> out, std::uint64_t offset,
                            AtEnd at_end = AtEnd::Zeros);
IoResult<void> write_exactly(Storage& s, int fd, std::span<const std::uint8_t> in, std::uint64_t offset);

} // namespace spindle
