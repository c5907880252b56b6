#include "recorder/byte_stream.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace spindle::recorder {
namespace {

class FdStream final : public ByteStream {
public:
    FdStream(int fd, bool owned, std::optional<std::uint64_t> size) : fd_(fd), owned_(owned), size_(size) {}
    ~FdStream() override {
        if (owned_) ::close(fd_);
    }
    FdStream(const FdStream&) = delete;
    FdStream& operator=(const FdStream&) = delete;

    Result<std::size_t> read(std::span<std::uint8_t> out) override {
        std::size_t done = 0;
        while (done < out.size()) {
            const ssize_t n = ::read(fd_, out.data() + done, out.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0)
                return std::unexpected(
                    Error(hr::e_fail, fmt::format("reading the image: {}", std::strerror(errno))).with_errno(errno));
            if (n == 0) break;
            done += static_cast<std::size_t>(n);
        }
        return done;
    }
    std::optional<std::uint64_t> size() const override { return size_; }

private:
    int fd_;
    bool owned_;
    std::optional<std::uint64_t> size_;
};

class MemoryStream final : public ByteStream {
public:
    explicit MemoryStream(std::vector<std::uint8_t> b) : bytes_(std::move(b)) {}
    Result<std::size_t> read(std::span<std::uint8_t> out) override {
        const std::size_t n = std::min(out.size(), bytes_.size() - at_);
        std::copy_n(bytes_.begin() + static_cast<std::ptrdiff_t>(at_), n, out.begin());
        at_ += n;
        return n;
    }
    std::optional<std::uint64_t> size() const override { return bytes_.size(); }

private:
    std::vector<std::uint8_t> bytes_;
    std::size_t at_ = 0;
};

class PatternStream final : public ByteStream {
public:
    PatternStream(std::uint64_t size, std::uint32_t seed) : size_(size), seed_(seed) {}
    Result<std::size_t> read(std::span<std::uint8_t> out) override {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(out.size(), size_ - at_));
        fill_pattern(out.first(n), at_, seed_);
        at_ += n;
        return n;
    }
    std::optional<std::uint64_t> size() const override { return size_; }

private:
    std::uint64_t size_;
    std::uint32_t seed_;
    std::uint64_t at_ = 0;
};

} // namespace

void fill_pattern(std::span<std::uint8_t> out, std::uint64_t offset, std::uint32_t seed) {
    // 8-byte words: the block number, its word index and the seed mixed, so every block differs
    // and a misplaced block is caught by the comparison.
    std::size_t i = 0;
    while (i < out.size()) {
        const std::uint64_t at = offset + i;
        const std::uint64_t word = at / 8;
        std::uint64_t v = (word + 1) * 0x9E3779B97F4A7C15ULL ^ (std::uint64_t{seed} << 32);
        v ^= v >> 29;
        const std::size_t skip = static_cast<std::size_t>(at % 8);
        const std::size_t n = std::min<std::size_t>(8 - skip, out.size() - i);
        std::uint8_t b[8];
        std::memcpy(b, &v, 8);
        std::memcpy(out.data() + i, b + skip, n);
        i += n;
    }
}

Result<std::unique_ptr<ByteStream>> open_file_stream(const std::string& path) {
    if (path == "-") return fd_stream(STDIN_FILENO);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::unexpected(
            Error(errno == ENOENT ? hr::file_not_found : hr::e_fail, fmt::format("{}: {}", path, std::strerror(errno)))
                .with_errno(errno));
    struct stat st {};
    std::optional<std::uint64_t> size;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) size = static_cast<std::uint64_t>(st.st_size);
    return std::unique_ptr<ByteStream>(new FdStream(fd, true, size));
}

std::unique_ptr<ByteStream> fd_stream(int fd, std::optional<std::uint64_t> size) {
    return std::make_unique<FdStream>(fd, false, size);
}

std::unique_ptr<ByteStream> memory_stream(std::vector<std::uint8_t> bytes) {
    return std::make_unique<MemoryStream>(std::move(bytes));
}

std::unique_ptr<ByteStream> pattern_stream(std::uint64_t size, std::uint32_t seed) {
    return std::make_unique<PatternStream>(size, seed);
}

} // namespace spindle::recorder
