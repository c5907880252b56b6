#include "emulator/media/sparse_image_store.hpp"

#include "emulator/media/checked_files.hpp"

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
    const auto end = at_end == AtEnd::Fail ? spindle::AtEnd::Fail : spindle::AtEnd::Zeros;
    return read_exactly(real_storage(), fd, std::span(out, n), offset, end).has_value();
}

bool write_fully(int fd, const std::uint8_t* in, std::size_t n, std::uint64_t offset) {
    return write_exactly(real_storage(), fd, std::span(in, n), offset).has_value();
}

} // namespace file_io

std::filesystem::path audio_path_for(const std::filesystem::path& image) {
    auto p = image;
    p += ".cdda";
    return p;
}

std::filesystem::path rw_path_for(const std::filesystem::path& image) {
    auto p = image;
    p += ".rw";
    return p;
}

namespace {

std::string io_error(const std::string& what, const std::filesystem::path& path, int error) {
    return what + " " + path.string() + ": " + std::strerror(error);
}

std::string image_open_error(const std::filesystem::path& path, int error) {
    if (error == ELOOP) return "image " + path.string() + " is a symbolic link: expected the image file itself";
    if (error == EISDIR) return "image " + path.string() + " is a directory: expected a regular file";
    return io_error("cannot open image", path, error);
}

} // namespace

std::expected<std::unique_ptr<SparseImageStore>, std::string> SparseImageStore::open(const std::filesystem::path& path,
                                                                                     Mode mode, Storage& storage) {
    if (path.empty()) {
        auto fd = anonymous_file();
        if (!fd) return std::unexpected(fd.error());
        return std::unique_ptr<SparseImageStore>(new SparseImageStore(StorageFile(real_storage(), fd->release()), {}));
    }
    // A named image is resolved before (media/checked_files.hpp); CreateFresh empties the image
    // only once it holds its lock.
    auto opened = open_kept_file(storage, path, O_RDWR | (mode == Mode::OpenExisting ? 0 : O_CREAT), 0644, "image");
    if (!opened && !opened.error().message.empty()) return std::unexpected(opened.error().message);
    if (!opened) return std::unexpected(image_open_error(path, opened.error().error));
    StorageFile file = std::move(*opened);
    if (const int kernel = storage.kernel_fd(file.get()); kernel >= 0 && mode == Mode::CreateFresh)
        if (auto ok = lock_image(kernel, path); !ok) return std::unexpected(ok.error());
    if (mode == Mode::CreateFresh) {
        if (auto emptied = storage.truncate(file.get(), 0); !emptied)
            return std::unexpected(io_error("cannot empty image", path, emptied.error()));
        for (const auto& side : {audio_path_for(path), rw_path_for(path)})
            if (auto gone = storage.unlink(side); !gone && gone.error() != ENOENT)
                return std::unexpected(io_error("cannot remove", side, gone.error()));
    }
    return std::unique_ptr<SparseImageStore>(new SparseImageStore(std::move(file), path));
}

bool SparseImageStore::read(std::uint32_t lba, std::span<std::uint8_t> out) {
    return read_exactly(storage(), fd_.get(), out, byte_offset(lba)).has_value();
}

bool SparseImageStore::write(std::uint32_t lba, std::span<const std::uint8_t> in) {
    return write_exactly(storage(), fd_.get(), in, byte_offset(lba)).has_value();
}

int SparseImageStore::side_fd(Side side, bool create) {
    SideFile& f = sides_[side];
    if (f.fd.is_open()) return f.fd.get();
    if (path_.empty()) {
        if (!create) return -1;
        if (auto fd = anonymous_file()) f.fd = StorageFile(real_storage(), fd->release());
        return f.fd.get();
    }
    // Kept beside the image (media/checked_files.hpp).
    const auto path = side == Whole ? audio_path_for(path_) : rw_path_for(path_);
    const char* what = side == Whole ? "audio file" : "sub-channel file";
    auto opened = open_kept_file(storage(), path, O_RDWR, 0644, what);
    if (!opened && opened.error().error == ENOENT && create) {
        opened = open_kept_file(storage(), path, O_RDWR | O_CREAT | O_EXCL, 0644, what);
        f.created = opened.has_value();
    }
    if (!opened) {
        errno = opened.error().error;
        return -1;
    }
    f.fd = std::move(*opened);
    return f.fd.get();
}

bool SparseImageStore::read_side(Side side, std::uint64_t offset, std::span<std::uint8_t> out) {
    const int fd = side_fd(side, false);
    if (fd < 0) { // nothing written yet: zeros (silence)
        if (errno != ENOENT && !path_.empty()) return false;
        std::memset(out.data(), 0, out.size());
        return true;
    }
    return read_exactly(storage(), fd, out, offset).has_value();
}

bool SparseImageStore::write_side(Side side, std::uint64_t offset, std::span<const std::uint8_t> in) {
    const int fd = side_fd(side, true);
    return fd >= 0 && write_exactly(storage(), fd, in, offset).has_value();
}

bool SparseImageStore::read_audio(std::uint32_t lba, std::span<std::uint8_t> out) {
    return read_side(Whole, std::uint64_t{lba} * audio_block_size, out);
}

bool SparseImageStore::write_audio(std::uint32_t lba, std::span<const std::uint8_t> in) {
    return write_side(Whole, std::uint64_t{lba} * audio_block_size, in);
}

bool SparseImageStore::read_rw(std::uint32_t lba, std::span<std::uint8_t> out) {
    return read_side(Rw, std::uint64_t{lba} * rw_block_size, out);
}

bool SparseImageStore::write_rw(std::uint32_t lba, std::span<const std::uint8_t> in) {
    return write_side(Rw, std::uint64_t{lba} * rw_block_size, in);
}

bool SparseImageStore::flush() {
    if (sync_error_ != 0) return false;
    auto sync = [&](const StorageFile& f) {
        if (!f.is_open()) return true;
        auto synced = f.storage().fdatasync(f.get());
        if (!synced) sync_error_ = synced.error();
        return synced.has_value();
    };
    if (!sync(fd_)) return false;
    bool created = false;
    for (const SideFile& side : sides_) {
        if (!sync(side.fd)) return false;
        created = created || side.created;
    }
    if (created) { // a new file's name, or its synced blocks could not be found again
        if (auto synced = storage().sync_directory(path_.parent_path()); !synced) {
            sync_error_ = synced.error();
            return false;
        }
        for (SideFile& side : sides_) side.created = false;
    }
    return true;
}

std::expected<std::uint64_t, std::string> SparseImageStore::size_bytes() const {
    auto size = storage().size(fd_.get());
    if (!size) return std::unexpected(io_error("cannot stat image", path_, size.error()));
    return *size;
}

bool SparseImageStore::extend_to(std::uint64_t bytes) {
    const auto size = size_bytes();
    if (!size) return false;
    if (*size >= bytes) return true;
    return storage().truncate(fd_.get(), bytes).has_value();
}

std::expected<std::unique_ptr<ReadOnlyImageStore>, std::string>
ReadOnlyImageStore::open(const std::filesystem::path& path) {
    auto fd = open_named_file(path, "image");
    if (!fd) return std::unexpected(fd.error());
    struct stat st {};
    if (::fstat(fd->get(), &st) != 0) return std::unexpected(os_error("cannot stat image", path));
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (size % block_size != 0)
        return std::unexpected("image " + path.string() + " is " + std::to_string(size) +
                               " bytes: expected a multiple of 2048 (whole 2048-byte blocks)");
    if (size / block_size > 0xFFFFFFFFu)
        return std::unexpected("image " + path.string() + " is too large: at most 2^32 blocks of 2048 bytes");
    return std::unique_ptr<ReadOnlyImageStore>(
        new ReadOnlyImageStore(std::move(*fd), static_cast<std::uint32_t>(size / block_size)));
}

ReadOnlyImageStore::ReadOnlyImageStore(FileDescriptor fd, std::uint32_t blocks) : fd_(std::move(fd)), blocks_(blocks) {}

bool ReadOnlyImageStore::read(std::uint32_t lba, std::span<std::uint8_t> out) {
    const std::uint64_t begin = byte_offset(lba);
    if (begin + out.size() > std::uint64_t{blocks_} * block_size) return false;
    return file_io::read_fully(fd_.get(), out.data(), out.size(), begin, file_io::AtEnd::Fail);
}

} // namespace spindle
