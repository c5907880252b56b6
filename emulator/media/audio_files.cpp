#include "emulator/media/audio_files.hpp"

#include "emulator/media/checked_files.hpp"
#include "emulator/media/disc_json.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

namespace spindle {

namespace {

constexpr std::size_t chunk_blocks = 64;

std::uint32_t le32(const std::uint8_t* p) {
    return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 | std::uint32_t{p[3]} << 24;
}
std::uint16_t le16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | p[1] << 8); }

// Exactly `n` bytes at `offset`; false at the end of the file or on an error.
bool read_at(int fd, std::uint64_t offset, std::uint8_t* out, std::size_t n) {
    return file_io::read_fully(fd, out, n, offset, file_io::AtEnd::Fail);
}

} // namespace

std::expected<std::optional<Samples>, std::string> wave_samples(int fd, std::uint64_t size, const std::string& name) {
    std::uint8_t head[12]{};
    if (size < 12 || !read_at(fd, 0, head, 12)) return std::nullopt;
    if (std::memcmp(head, "RIFF", 4) != 0 || std::memcmp(head + 8, "WAVE", 4) != 0) return std::nullopt;
    bool format_ok = false;
    for (std::uint64_t at = 12; at + 8 <= size;) {
        std::uint8_t chunk[8];
        if (!read_at(fd, at, chunk, 8)) break;
        const std::uint32_t length = le32(chunk + 4);
        if (std::memcmp(chunk, "fmt ", 4) == 0) {
            std::uint8_t f[16]{};
            if (length < 16 || !read_at(fd, at + 8, f, 16))
                return std::unexpected(name + ": the WAV format chunk is cut short");
            const std::uint16_t format = le16(f), channels = le16(f + 2), bits = le16(f + 14);
            const std::uint32_t rate = le32(f + 4);
            // 1: PCM; FFFEh (extensible) carries PCM the same way when the rest fits.
            if ((format != 1 && format != 0xFFFE) || channels != 2 || rate != 44100 || bits != 16)
                return std::unexpected(name + ": WAV of format " + std::to_string(format) + ", " +
                                       std::to_string(channels) + " channel(s), " + std::to_string(rate) + " Hz, " +
                                       std::to_string(bits) + " bits: expected 16-bit stereo PCM at 44100 Hz (CD-DA)");
            format_ok = true;
        } else if (std::memcmp(chunk, "data", 4) == 0) {
            if (!format_ok) return std::unexpected(name + ": WAV data before its format chunk");
            return Samples{at + 8, std::min<std::uint64_t>(length, size - (at + 8))};
        }
        // Chunks are padded to even sizes. In 64 bits: a length near 2^32 must not wrap the step
        // to 0 and read the same chunk forever (found by fuzz_media_files).
        at += 8 + std::uint64_t{length} + (length & 1);
    }
    return std::unexpected(name + ": a WAV file without " + (format_ok ? "a data chunk" : "a format chunk"));
}

std::expected<std::uint32_t, std::string> copy_audio_file(const std::filesystem::path& file, BlockStore& to,
                                                          std::uint32_t first_lba) {
    const std::string name = file.string();
    // A FIFO or a device would never end (or hang the open): a regular file only.
    auto fd = open_named_file(file, "sound file");
    if (!fd) return std::unexpected(fd.error());
    struct stat st {};
    if (::fstat(fd->get(), &st) != 0) return std::unexpected(name + ": " + std::strerror(errno));
    const auto size = static_cast<std::uint64_t>(st.st_size);
    auto wave = wave_samples(fd->get(), size, name);
    if (!wave) return std::unexpected(wave.error());
    const Samples samples = wave->value_or(Samples{0, size});
    if (samples.bytes == 0) return std::unexpected(name + ": no samples: a track holds one block (1/75 s) at least");
    const std::uint64_t blocks = (samples.bytes + BlockStore::audio_block_size - 1) / BlockStore::audio_block_size;
    const std::uint32_t most = max_capacity_blocks(MediaKind::CdRom);
    if (first_lba + blocks > most)
        return std::unexpected(name + ": too long: the disc would end past " + std::to_string(most) +
                               " blocks, the most a CD addresses (100 minutes)");
    std::vector<std::uint8_t> chunk(chunk_blocks * BlockStore::audio_block_size);
    for (std::uint64_t done = 0; done < samples.bytes;) {
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), samples.bytes - done));
        if (!read_at(fd->get(), samples.offset + done, chunk.data(), n)) return std::unexpected(name + ": read error");
        const std::size_t whole =
            (n + BlockStore::audio_block_size - 1) / BlockStore::audio_block_size * BlockStore::audio_block_size;
        std::fill(chunk.begin() + static_cast<std::ptrdiff_t>(n), chunk.begin() + static_cast<std::ptrdiff_t>(whole),
                  std::uint8_t{0}); // the last block's silence
        const auto lba = static_cast<std::uint32_t>(first_lba + done / BlockStore::audio_block_size);
        if (!to.write_audio(lba, std::span<const std::uint8_t>(chunk).first(whole)))
            return std::unexpected(name + ": cannot store its audio");
        done += n;
    }
    return static_cast<std::uint32_t>(blocks);
}

} // namespace spindle
