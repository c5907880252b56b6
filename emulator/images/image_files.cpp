#include "emulator/images/image_files.hpp"

#include "emulator/media/sparse_image_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace spindle {

namespace {

constexpr std::uint32_t chunk_blocks = 64;        // through memory
constexpr std::uint32_t copy_chunk_blocks = 4096; // file to file (copy_file_range), as cp copies

std::filesystem::path partial(const std::filesystem::path& p) {
    auto t = p;
    t += ".partial";
    return t;
}

// `bytes` from `in` at `from` to `out` at `to` without passing through memory; how many went
// (fewer at the end of `in`, or none where the kernel cannot: the caller reads the rest).
std::uint64_t copy_range(int in, std::uint64_t from, int out, std::uint64_t to, std::uint64_t bytes) {
    std::uint64_t done = 0;
    while (done < bytes) {
        auto in_at = static_cast<off64_t>(from + done), out_at = static_cast<off64_t>(to + done);
        const ssize_t n = ::copy_file_range(in, &in_at, out, &out_at, bytes - done, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += static_cast<std::uint64_t>(n);
    }
    return done;
}

} // namespace

PendingFiles::~PendingFiles() {
    for (const auto& p : pending_) ::unlink(partial(p).c_str());
}

int PendingFiles::create(const std::filesystem::path& final) {
    const int fd = ::open(partial(final).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd >= 0) pending_.push_back(final);
    return fd;
}

std::expected<void, std::string> PendingFiles::create_text(const std::filesystem::path& final, std::string_view text) {
    const FileDescriptor f(create(final));
    if (f.get() < 0) return std::unexpected("cannot create " + final.string() + ": " + std::strerror(errno));
    if (!file_io::write_fully(f.get(), reinterpret_cast<const std::uint8_t*>(text.data()), text.size(), 0) ||
        ::fdatasync(f.get()) != 0)
        return std::unexpected("cannot write " + final.string() + ": " + std::strerror(errno));
    return {};
}

std::expected<void, std::string> PendingFiles::commit(const std::filesystem::path& dir) {
    for (const auto& p : pending_)
        if (::rename(partial(p).c_str(), p.c_str()) != 0)
            return std::unexpected("cannot rename into " + p.string() + ": " + std::strerror(errno));
    pending_.clear();
    if (auto synced = real_storage().sync_directory(dir.empty() ? "." : dir); !synced)
        return std::unexpected("cannot sync the directory of " + dir.string() + ": " + std::strerror(synced.error()));
    return {};
}

std::expected<void, std::string> copy_blocks(BlockStore& store, std::uint32_t first, std::uint32_t end, bool whole,
                                             int fd, std::uint64_t at,
                                             const std::function<void(std::uint64_t)>& progress) {
    const std::uint32_t bytes = whole ? BlockStore::audio_block_size : BlockStore::block_size;
    std::vector<std::uint8_t> chunk(std::size_t{chunk_blocks} * bytes);
    std::uint64_t done = 0;
    for (std::uint32_t lba = first; lba < end;) {
        const std::uint32_t run_blocks = std::min(copy_chunk_blocks, end - lba);
        const std::uint64_t run_bytes = std::uint64_t{run_blocks} * bytes;
        if (const auto run = store.file_run(lba, run_blocks, whole);
            run && copy_range(run->fd, run->offset, fd, at + done, run_bytes) == run_bytes) {
            lba += run_blocks;
            done += run_bytes;
            if (progress) progress(done);
            continue;
        }
        const std::uint32_t n = std::min(chunk_blocks, end - lba);
        const auto data = std::span<std::uint8_t>(chunk).first(std::size_t{n} * bytes);
        if (!(whole ? store.read_audio(lba, data) : store.read(lba, data)))
            return std::unexpected(fmt::format("cannot read blocks {} to {} of the disc", lba, lba + n - 1));
        if (!file_io::write_fully(fd, data.data(), data.size(), at + done))
            return std::unexpected(std::string("cannot write: ") + std::strerror(errno));
        lba += n;
        done += data.size();
        if (progress) progress(done);
    }
    return {};
}

std::string msf_text(std::uint32_t blocks) {
    return fmt::format("{:02}:{:02}:{:02}", blocks / (60 * 75), blocks / 75 % 60, blocks % 75);
}

} // namespace spindle
