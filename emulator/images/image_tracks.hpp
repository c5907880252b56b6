#pragma once
// A CD built from the tracks a binary image descriptor lists (images/nrg_image, mds_image),
// served from the image's files as they are (images/extent_store.hpp): one place that lays the
// tracks out, checks them against each other and against their files, and sets each track's
// modes and flags the way the drive model keeps them.
#include "emulator/images/extent_store.hpp"
#include "emulator/media/medium.hpp"

#include <cstdint>
#include <expected>
#include <memory>
#include <string>
#include <vector>

namespace spindle {

// One track as a descriptor gives it.
struct ImageTrack {
    std::uint64_t entry_at = 0; // byte offset of the track's entry in the descriptor (messages)
    std::uint16_t session = 1;
    std::int64_t start = 0;   // LBA of INDEX 01 (track 1: 0)
    std::uint32_t pregap = 0; // blocks before `start` the file holds (from INDEX 00)
    std::uint32_t blocks = 0; // from INDEX 01 to the track's end, all in the file
    std::shared_ptr<FileDescriptor> file;
    std::string file_name; // for messages
    std::uint64_t file_size = 0;
    std::uint64_t offset = 0; // in `file`, of the first block it holds (the pregap's, if any)
    ImageSectors sectors = ImageSectors::Mode1User;
    std::uint32_t trailing = 0; // bytes after each sector; 96: interleaved P-W, whose R-W are served
    // Q CONTROL flags beyond data/audio (audio only): copy permitted 2, pre-emphasis 1, four channels 8.
    std::uint8_t control = 0;
    std::string isrc{};                       // audio: 12 characters, or empty
    std::vector<std::uint32_t> index_marks{}; // LBAs of INDEX 02 and on (Track::index_marks)
};

struct ImageDisc {
    std::vector<ImageTrack> tracks; // in number order, numbered from 1
    std::string mcn{};              // 13 digits, or empty
    std::vector<std::uint8_t> cd_text{};
};

// The disc `image` describes; `name` (the descriptor's file) heads every refusal.
std::expected<std::unique_ptr<Medium>, std::string> medium_from_image(const ImageDisc& image, const std::string& name);

} // namespace spindle
