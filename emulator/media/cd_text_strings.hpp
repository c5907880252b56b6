#pragma once
// CD-Text as text: the strings of a disc and its tracks (title, performer, songwriter,
// composer, arranger, message), to and from the packs of one block (language) as MMC-6 Annex J
// and libburn's doc/cdtext.txt lay them out (media/cd_text.hpp holds the pack format): the
// strings of a type, NUL-terminated, track 0 (the disc) first, run on through 12-byte payloads;
// each pack names the track of its first character and how many characters of that track's
// string came before (at most 15); three size-information packs (8Fh) end the block.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace spindle::cd {

// The text types with one string per track: 80h title ... 85h message.
inline constexpr std::uint8_t first_text_type = 0x80, last_text_type = 0x85;
inline constexpr std::size_t text_types = last_text_type - first_text_type + 1;

struct TextStrings {
    std::uint8_t first_track = 1, last_track = 1;
    // [type - 80h][track]: track 0 is the disc; an empty string is no text.
    std::array<std::vector<std::string>, text_types> strings{};
    bool empty() const;
};

// Block 0's packs (English, ISO-8859-1), with the size information; nothing when there is no
// text; nullopt when it does not fit in a block's 256 packs.
std::optional<std::vector<std::uint8_t>> encode_text(const TextStrings& text);
// The strings of block 0 of `packs` (18 bytes each, in READ TOC format 5's order).
TextStrings decode_text(std::span<const std::uint8_t> packs);

} // namespace spindle::cd
