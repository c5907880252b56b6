#include "emulator/media/storage.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace spindle {

namespace {

// Runs `call` again while it fails with EINTR; its result, or errno.
template <typename Call>
auto retrying(Call call) -> IoResult<decltype(call())> {
    for (;;) {
        const auto r = call();
        if (r >= 0) return r;
        if (errno != EINTR) return std::unexpected(errno);
    }
}

IoResult<void> done(IoResult<int> r) {
    if (!r) return std::unexpected(r.error());
    return {};
}

class RealStorage final : public Storage {
public:
    IoResult<int> open(const std::filesystem::path& path, int flags, unsigned mode) override {
        return retrying([&] { return ::open(path.c_str(), flags | O_CLOEXEC, static_cast<mode_t>(mode)); });
    }
    IoResult<void> close(int fd) override {
        // Linux closes the descriptor even when close(2) fails: never retried.
        if (::close(fd) != 0 && errno != EINTR) return std::unexpected(errno);
        return {};
    }
    IoResult<std::size_t> pread(int fd, std::span<std::uint8_t> out, std::uint64_t offset) override {
        auto r = retrying([&] { return ::pread(fd, out.data(), out.size(), static_cast<off_t>(offset)); });
        if (!r) return std::unexpected(r.error());
        return static_cast<std::size_t>(*r);
    }
    IoResult<std::size_t> pwrite(int fd, std::span<const std::uint8_t> in, std::uint64_t offset) override {
        auto r = retrying([&] { return ::pwrite(fd, in.data(), in.size(), static_cast<off_t>(offset)); });
        if (!r) return std::unexpected(r.error());
        return static_cast<std::size_t>(*r);
    }
    IoResult<void> fdatasync(int fd) override {
        return done(retrying([&] { return ::fdatasync(fd); }));
    }
    IoResult<void> fsync(int fd) override {
        return done(retrying([&] { return ::fsync(fd); }));
    }
    IoResult<std::uint64_t> size(int fd) override {
        struct stat st {};
        if (::fstat(fd, &st) != 0) return std::unexpected(errno);
        return static_cast<std::uint64_t>(st.st_size);
    }
    IoResult<void> truncate(int fd, std::uint64_t bytes) override {
        return done(retrying([&] { return ::ftruncate(fd, static_cast<off_t>(bytes)); }));
    }
    IoResult<void> rename(const std::filesystem::path& from, const std::filesystem::path& to) override {
        if (::rename(from.c_str(), to.c_str()) != 0) return std::unexpected(errno);
        return {};
    }
    IoResult<void> unlink(const std::filesystem::path& path) override {
        if (::unlink(path.c_str()) != 0) return std::unexpected(errno);
        return {};
    }
    IoResult<void> sync_directory(const std::filesystem::path& dir) override {
        auto fd = open(dir.empty() ? std::filesystem::path(".") : dir, O_RDONLY | O_DIRECTORY, 0);
        if (!fd) return std::unexpected(fd.error());
        auto synced = fsync(*fd);
        (void)close(*fd);
        return synced;
    }
    bool is_regular_file(const std::filesystem::path& path) override {
        std::error_code ec;
        return std::filesystem::is_regular_file(path, ec);
    }
    bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) override {
        std::error_code ec;
        return std::filesystem::equivalent(a, b, ec);
    }
    int kernel_fd(int fd) const override { return fd; }
};

} // namespace

// Never destroyed: discs held by other static objects close their files through it at exit
// (found by fuzz_drive_execute's replay under UBSan).
Storage& real_storage() {
    static auto* real = new RealStorage;
    return *real;
}

StorageFile& StorageFile::operator=(StorageFile&& o) noexcept {
    if (this != &o) {
        if (fd_ >= 0) (void)storage_->close(fd_);
        storage_ = o.storage_;
        fd_ = o.release();
    }
    return *this;
}

StorageFile::~StorageFile() {
    if (fd_ >= 0) (void)storage_->close(fd_);
}

int StorageFile::release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
}

IoResult<void> StorageFile::close() {
    if (fd_ < 0) return {};
    return storage_->close(release());
}

IoResult<void> read_exactly(Storage& s, int fd, std::span<std::uint8_t> out, std::uint64_t offset, AtEnd at_end) {
    while (!out.empty()) {
        auto got = s.pread(fd, out, offset);
        if (!got) return std::unexpected(got.error());
        if (*got == 0) { // end of file
            if (at_end == AtEnd::Fail) return std::unexpected(EIO);
            std::memset(out.data(), 0, out.size());
            return {};
        }
        out = out.subspan(*got);
        offset += *got;
    }
    return {};
}

IoResult<void> write_exactly(Storage& s, int fd, std::span<const std::uint8_t> in, std::uint64_t offset) {
    while (!in.empty()) {
        auto put = s.pwrite(fd, in, offset);
        if (!put) return std::unexpected(put.error());
        if (*put == 0) return std::unexpected(EIO);
        in = in.subspan(*put);
        offset += *put;
    }
    return {};
}

} // namespace spindle
