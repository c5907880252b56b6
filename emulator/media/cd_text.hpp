#pragma once
// CD-Text as a disc carries it in the lead-in's R-W sub-channels and READ TOC/PMA/ATIP format
// 5 returns it (MMC-6 Annex J): 18-byte packs of type 80h-8Fh, each with a CRC, in up to 8
// blocks (languages) of at most 256 packs. A burner sends them in Session At Once as 96-byte
// R-W blocks from the lead-in start to LBA -151, four packs a block, the pack list repeated
// (cdrdao GenericMMC::writeCdTextLeadIn, wodim cdtext.c write_cdtext, libburn
// burn_write_leadin_cdtext); the drive keeps each distinct pack once.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace spindle::cd {

inline constexpr std::size_t text_pack_bytes = 18;
inline constexpr std::size_t text_blocks = 8;            // languages
inline constexpr std::size_t text_packs_per_block = 256; // sequence numbers 0-255
inline constexpr std::size_t rw_block_bytes = 96;        // one block's R-W: 4 packs of 24 6-bit symbols
using TextPack = std::array<std::uint8_t, text_pack_bytes>;

// The pack CRC: CRC-16/CCITT (x^16 + x^12 + x^5 + 1, initial value 0) over bytes 0-15,
// inverted, stored most significant byte first in bytes 16-17 (MMC-3 Annex J; libburn
// cdtext.c crc_11021, cdrdao CdTextEncoder calcCrcs).
std::uint16_t text_pack_crc(std::span<const std::uint8_t> bytes16);
bool text_pack_crc_ok(const TextPack& pack);

// The four packs a 96-byte R-W block carries: symbol k is the low 6 bits of byte k, and
// 24 symbols (144 bits) make one pack, most significant bit first (cdrdao
// PWSubChannel96::getRawRWdata; ECMA-130 annex on R-W packs).
std::array<TextPack, 4> packs_of_rw_block(std::span<const std::uint8_t, rw_block_bytes> rw);
// The reverse: four packs as one R-W block (P and Q bits zero).
std::array<std::uint8_t, rw_block_bytes> rw_block_of_packs(std::span<const TextPack, 4> packs);

// The packs of a lead-in as they come, each distinct pack kept once at its (block, sequence
// number) place: a pack with a wrong CRC, a type outside 80h-8Fh, or a padding block (all
// zero) is not CD-Text.
class TextCollector {
public:
    // Whether `pack` was new (the collected text changed).
    bool add(const TextPack& pack);
    // In block order, then sequence number: READ TOC format 5's order.
    std::vector<std::uint8_t> packs() const;
    bool empty() const { return count_ == 0; }

private:
    std::vector<TextPack> slots_ = std::vector<TextPack>(text_blocks * text_packs_per_block, TextPack{});
    std::vector<bool> present_ = std::vector<bool>(text_blocks * text_packs_per_block, false);
    std::size_t count_ = 0;
};

// Whether `packs` (18 bytes each) is CD-Text a disc may keep: whole packs of types 80h-8Fh
// with good CRCs, at most 8 x 256 of them.
bool valid_text_packs(std::span<const std::uint8_t> packs);

} // namespace spindle::cd
