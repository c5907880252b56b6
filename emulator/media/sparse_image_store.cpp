#include "emulator/media/sparse_image_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace spindle {

FileDescriptor& FileDescriptor::operator=(FileDescriptor&& o) noexcept {
    if (this != &o) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = o.release();
    }
    return *this;
}

FileDescriptor::~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
}

int FileDescriptor::release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
}

namespace {

std::string os_error(const std::string& what, const std::filesystem::path& path) {
    return what + " " + path.string() + ": " + std::strerror(errno);
}

std::uint64_t byte_offset(std::uint32_t lba) { return std::uint64_t{lba} * BlockStore::block_size; }

FileDescriptor open_retrying(const char* path, int flags, mode_t mode = 0) {
    int fd;
    do fd = ::open(path, flags | O_CLOEXEC, mode);
    while (fd < 0 && errno == EINTR);
    return FileDescriptor(fd);
}

std::expected<FileDescriptor, std::string> anonymous_file() {
    std::filesystem::path dir = std::filesystem::temp_directory_path();
#ifdef O_TMPFILE
    if (auto fd = open_retrying(dir.c_str(), O_TMPFILE | O_RDWR, 0600); fd.get() >= 0) return fd;
#endif
    std::string name = (dir / "spindle-image-XXXXXX").string();
    std::vector<char> buf(name.begin(), name.end());
    buf.push_back('\0');
    const int fd = ::mkostemp(buf.data(), O_CLOEXEC);
    if (fd < 0) return std::unexpected(os_error("cannot create a temporary image in", dir));
    ::unlink(buf.data());
    return FileDescriptor(fd);
}

} // namespace

namespace file_io {

bool read_fully(int fd, std::uint8_t* out, std::size_t n, std::uint64_t offset, AtEnd at_end) {
    while (n > 0) {
        const ssize_t got = ::pread(fd, out, n, static_cast<off_t>(offset));
        if (got < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        if (got == 0) { // end of file
            if (at_end == AtEnd::Fail) return false;
            std::memset(out, 0, n);
            return true;
        }
        const auto u = static_cast<std::size_t>(got);
        out += u;
        n -= u;
        offset += u;
    }
    return true;
}

bool write_fully(int fd, const std::uint8_t* in, std::size_t n, std::uint64_t offset) {
    while (n > 0) {
        const ssize_t put = ::pwrite(fd, in, n, static_cast<off_t>(offset));
        if (put < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        if (put == 0) return false;
        const auto u = static_cast<std::size_t>(put);
        in += u;
        n -= u;
        offset += u;
    }
    return true;
}

} // namespace file_io

std::filesystem::path audio_path_for(const std::filesystem::path& image) {
    auto p = image;
    p += ".cdda";
    return p;
}

std::expected<std::unique_ptr<SparseImageStore>, std::string> SparseImageStore::open(const std::filesystem::path& path,
                                                                                     Mode mode) {
    if (path.empty()) {
        auto fd = anonymous_file();
        if (!fd) return std::unexpected(fd.error());
        return std::unique_ptr<SparseImageStore>(new SparseImageStore(std::move(*fd), {}));
    }
    int flags = O_RDWR;
    switch (mode) {
    case Mode::CreateFresh:
        flags |= O_CREAT | O_TRUNC;
        if (::unlink(audio_path_for(path).c_str()) != 0 && errno != ENOENT)
            return std::unexpected(os_error("cannot remove", audio_path_for(path)));
        break;
    case Mode::OpenExisting: break;
    case Mode::OpenOrCreate: flags |= O_CREAT; break;
    }
    auto fd = open_retrying(path.c_str(), flags, 0644);
    if (fd.get() < 0) return std::unexpected(os_error("cannot open image", path));
    return std::unique_ptr<SparseImageStore>(new SparseImageStore(std::move(fd), path));
}

bool SparseImageStore::read(std::uint32_t lba, std::span<std::uint8_t> out) {
    return file_io::read_fully(fd_.get(), out.data(), out.size(), byte_offset(lba));
}

bool SparseImageStore::write(std::uint32_t lba, std::span<const std::uint8_t> in) {
    return file_io::write_fully(fd_.get(), in.data(), in.size(), byte_offset(lba));
}

int SparseImageStore::audio_fd(bool create) {
    if (audio_fd_.get() >= 0) return audio_fd_.get();
    if (path_.empty()) {
        if (!create) return -1;
        if (auto fd = anonymous_file()) audio_fd_ = std::move(*fd);
    } else {
        audio_fd_ = open_retrying(audio_path_for(path_).c_str(), O_RDWR | (create ? O_CREAT : 0), 0644);
    }
    return audio_fd_.get();
}

bool SparseImageStore::read_audio(std::uint32_t lba, std::span<std::uint8_t> out) {
    const int fd = audio_fd(false);
    if (fd < 0) { // nothing written yet: silence
        if (errno != ENOENT && !path_.empty()) return false;
        std::memset(out.data(), 0, out.size());
        return true;
    }
    return file_io::read_fully(fd, out.data(), out.size(), std::uint64_t{lba} * audio_block_size);
}

bool SparseImageStore::write_audio(std::uint32_t lba, std::span<const std::uint8_t> in) {
    const int fd = audio_fd(true);
    return fd >= 0 && file_io::write_fully(fd, in.data(), in.size(), std::uint64_t{lba} * audio_block_size);
}

bool SparseImageStore::flush() {
    for (const int fd : {fd_.get(), audio_fd_.get()}) {
        if (fd < 0) continue;
        int r;
        do r = ::fdatasync(fd);
        while (r < 0 && errno == EINTR);
        if (r != 0) return false;
    }
    return true;
}

std::expected<std::uint64_t, std::string> SparseImageStore::size_bytes() const {
    struct stat st {};
    if (::fstat(fd_.get(), &st) != 0) return std::unexpected(os_error("cannot stat image", path_));
    return static_cast<std::uint64_t>(st.st_size);
}

bool SparseImageStore::extend_to(std::uint64_t bytes) {
    const auto size = size_bytes();
    if (!size) return false;
    if (*size >= bytes) return true;
    int r;
    do r = ::ftruncate(fd_.get(), static_cast<off_t>(bytes));
    while (r < 0 && errno == EINTR);
    return r == 0;
}

std::expected<std::unique_ptr<ReadOnlyImageStore>, std::string>
ReadOnlyImageStore::open(const std::filesystem::path& path) {
    auto fd = open_retrying(path.c_str(), O_RDONLY);
    if (fd.get() < 0) return std::unexpected(os_error("cannot open image", path));
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return std::unexpected(os_error("cannot stat image", path));
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (size % block_size != 0)
        return std::unexpected("image " + path.string() + " is " + std::to_string(size) +
                               " bytes: expected a multiple of 2048 (whole 2048-byte blocks)");
    if (size / block_size > 0xFFFFFFFFu)
        return std::unexpected("image " + path.string() + " is too large: at most 2^32 blocks of 2048 bytes");
    return std::unique_ptr<ReadOnlyImageStore>(
        new ReadOnlyImageStore(std::move(fd), static_cast<std::uint32_t>(size / block_size)));
}

ReadOnlyImageStore::ReadOnlyImageStore(FileDescriptor fd, std::uint32_t blocks) : fd_(std::move(fd)), blocks_(blocks) {}

bool ReadOnlyImageStore::read(std::uint32_t lba, std::span<std::uint8_t> out) {
    const std::uint64_t begin = byte_offset(lba);
    if (begin + out.size() > std::uint64_t{blocks_} * block_size) return false;
    return file_io::read_fully(fd_.get(), out.data(), out.size(), begin, file_io::AtEnd::Fail);
}

} // namespace spindle
