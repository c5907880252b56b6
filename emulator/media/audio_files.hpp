#pragma once
// Sound files a pressed audio CD is made of (media preset "cd-da from FILE..."): a WAV file of
// 16-bit stereo PCM at 44.1 kHz, or raw CD-DA (the same samples, little-endian, no header, as
// .cdda/.raw/.bin rips hold them): a file that is not RIFF/WAVE is taken as raw. A WAV of
// another format is refused, naming what it holds.
#include "emulator/media/block_store.hpp"

#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>

namespace spindle {

struct Samples {
    std::uint64_t offset = 0; // where the PCM starts in the file
    std::uint64_t bytes = 0;
};

// A RIFF/WAVE file's "data" chunk, once its "fmt " chunk says 16-bit stereo PCM at 44.1 kHz;
// nullopt for a file that is not RIFF/WAVE (raw CD-DA). `size` is the file's, `name` for messages.
std::expected<std::optional<Samples>, std::string> wave_samples(int fd, std::uint64_t size, const std::string& name);

// Copies the samples of `file` into `to` as CD-DA blocks from `first_lba` on, the last one
// padded with silence. Returns the blocks written (at least one). `file` may be a link but must
// lead to a regular file; a disc longer than a CD addresses (100 minutes) is refused unread.
std::expected<std::uint32_t, std::string> copy_audio_file(const std::filesystem::path& file, BlockStore& to,
                                                          std::uint32_t first_lba);

} // namespace spindle
