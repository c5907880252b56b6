#pragma once
// Sound files a pressed audio CD is made of (media preset "cd-da from FILE..."): a WAV file of
// 16-bit stereo PCM at 44.1 kHz, or raw CD-DA (the same samples, little-endian, no header, as
// .cdda/.raw/.bin rips hold them): a file that is not RIFF/WAVE is taken as raw. A WAV of
// another format is refused, naming what it holds.
#include "emulator/media/block_store.hpp"

#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>

namespace spindle {

// Copies the samples of `file` into `to` as CD-DA blocks from `first_lba` on, the last one
// padded with silence. Returns the blocks written (at least one). `file` may be a link but must
// lead to a regular file; a disc longer than a CD addresses (100 minutes) is refused unread.
std::expected<std::uint32_t, std::string> copy_audio_file(const std::filesystem::path& file, BlockStore& to,
                                                          std::uint32_t first_lba);

} // namespace spindle
