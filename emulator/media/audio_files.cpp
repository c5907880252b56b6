#include "emulator/media/audio_files.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <optional>
#include <vector>

namespace spindle {

namespace {

constexpr std::size_t chunk_blocks = 64;

std::uint32_t le32(const std::uint8_t* p) {
    return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 | std::uint32_t{p[3]} << 24;
}
std::uint16_t le16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | p[1] << 8); }

struct Samples {
    std::uint64_t offset = 0; // where the PCM starts in the file
    std::uint64_t bytes = 0;
};

// A RIFF/WAVE file's "data" chunk, once its "fmt " chunk says 16-bit stereo PCM at 44.1 kHz;
// nullopt for a file that is not RIFF/WAVE (raw CD-DA).
std::expected<std::optional<Samples>, std::string> wave_samples(std::ifstream& in, std::uint64_t size,
                                                                const std::string& name) {
    std::uint8_t head[12]{};
    if (size < 12 || !in.read(reinterpret_cast<char*>(head), 12)) return std::nullopt;
    if (std::memcmp(head, "RIFF", 4) != 0 || std::memcmp(head + 8, "WAVE", 4) != 0) return std::nullopt;
    bool format_ok = false;
    for (std::uint64_t at = 12; at + 8 <= size;) {
        std::uint8_t chunk[8];
        in.seekg(static_cast<std::streamoff>(at));
        if (!in.read(reinterpret_cast<char*>(chunk), 8)) break;
        const std::uint32_t length = le32(chunk + 4);
        if (std::memcmp(chunk, "fmt ", 4) == 0) {
            std::uint8_t f[16]{};
            if (length < 16 || !in.read(reinterpret_cast<char*>(f), 16))
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
        at += 8 + length + (length & 1); // chunks are padded to even sizes
    }
    return std::unexpected(name + ": a WAV file without " + (format_ok ? "a data chunk" : "a format chunk"));
}

} // namespace

std::expected<std::uint32_t, std::string> copy_audio_file(const std::filesystem::path& file, BlockStore& to,
                                                          std::uint32_t first_lba) {
    const std::string name = file.string();
    std::error_code ec;
    const std::uint64_t size = std::filesystem::file_size(file, ec);
    if (ec) return std::unexpected(name + ": " + ec.message());
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::unexpected(name + ": cannot open");
    auto wave = wave_samples(in, size, name);
    if (!wave) return std::unexpected(wave.error());
    const Samples samples = wave->value_or(Samples{0, size});
    if (samples.bytes == 0) return std::unexpected(name + ": no samples: a track holds one block (1/75 s) at least");
    const std::uint64_t blocks = (samples.bytes + BlockStore::audio_block_size - 1) / BlockStore::audio_block_size;
    if (first_lba + blocks > 0xFFFFFFFFu) return std::unexpected(name + ": too long for a disc");
    in.clear();
    in.seekg(static_cast<std::streamoff>(samples.offset));
    std::vector<std::uint8_t> chunk(chunk_blocks * BlockStore::audio_block_size);
    for (std::uint64_t done = 0; done < samples.bytes;) {
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), samples.bytes - done));
        if (!in.read(reinterpret_cast<char*>(chunk.data()), static_cast<std::streamsize>(n)))
            return std::unexpected(name + ": read error");
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
