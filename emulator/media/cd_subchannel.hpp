#pragma once
// The sub-channels of a CD block as a drive returns them with READ CD (MMC-6 6.19): the Q
// sub-channel's position (mode 1) frame and the raw P-W form that interleaves it with the
// other seven channels. R-W carry what a host recorded in them (CD+G graphics, a SAO track's
// raw R-W), zero elsewhere; CD-Text lives in the lead-in (media/cd_text.hpp).
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace spindle::cd {

inline constexpr std::size_t q_bytes = 12; // as recorded: 10 bytes of data and a CRC
inline constexpr std::size_t raw_pw_bytes = 96;
using QFrame = std::array<std::uint8_t, q_bytes>;

// Q mode 1 inside a track: CONTROL (the track's, READ TOC's) and ADR 1, track number and
// index, time relative to index 1 of the track (`relative` blocks, counting down in the
// pregap), zero, absolute time of `lba`; BCD throughout (Red Book / ECMA-130 22.3.3).
QFrame q_position(std::uint8_t control, std::uint8_t track, std::uint8_t index, std::uint32_t relative,
                  std::int32_t lba);

// Q mode 2: the media catalogue number `mcn` (13 digits) as BCD in bytes 1-7 (the last
// nibble zero), byte 8 zero, byte 9 the absolute frame of `lba` (AFRAME, BCD).
QFrame q_catalogue(std::uint8_t control, std::string_view mcn, std::int32_t lba);
// Q mode 3: the ISRC `isrc` (12 characters): country and owner as five 6-bit codes in bytes
// 1-4 ('0'-'9' are 0-9, 'A'-'Z' are 17-42: the character minus '0'), then two zero bits;
// year and serial as seven BCD digits in bytes 5-8 (the last nibble zero); byte 9 AFRAME.
QFrame q_isrc(std::uint8_t control, std::string_view isrc, std::int32_t lba);
// Where a disc's Q carries modes 2 and 3 instead of its position: at least once in 100
// blocks (INF-8090, MMC-3), at block 25 of every hundred of a track for the catalogue number
// and at block 50 for an audio track's ISRC, counted from the track's start (libmirage
// sector.c subchannel_generate_q).
inline constexpr std::uint32_t q_interval = 100, q_catalogue_at = 25, q_isrc_at = 50;

// A catalogue number is 13 digits; an ISRC is 5 letters or digits then 7 digits.
bool valid_mcn(std::string_view mcn);
bool valid_isrc(std::string_view isrc);

// CRC of Q: x^16 + x^12 + x^5 + 1 over bytes 0-9, recorded inverted, most significant byte
// first (ECMA-130 22.3.3.7).
std::uint16_t q_crc(std::span<const std::uint8_t> q10);

// 96 bytes, one per sub-channel symbol: bit 7 P, bit 6 Q, bits 5-0 R-W (`rw`'s bits 5-0, or
// zero). P is 1 in a pause (index 0), 0 in a track's program.
std::array<std::uint8_t, raw_pw_bytes> raw_pw(const QFrame& q, bool pause, std::span<const std::uint8_t> rw = {});

// R-W as recorded are interleaved: the 24 six-bit symbols of each of a block's four packs are
// spread over the following packs, symbol i (after symbols 1, 2 and 3 trade places with 18, 5
// and 23) delayed by i mod 8 packs (IEC 60908, the R-W sub-channel's interleave). A block's
// packs as the host built them (READ CD's de-interleaved R-W) are therefore in `recorded`, the
// R-W of that block and the two after it (3 x 96 bytes, bits 5-0).
inline constexpr std::size_t rw_pack_symbols = 24, rw_interleave_blocks = 3;
std::array<std::uint8_t, raw_pw_bytes> deinterleave_rw(std::span<const std::uint8_t> recorded);
// Where symbol `symbol` of pack `pack` (counted from a block's first) is recorded, as a byte
// offset from that block's first R-W byte.
std::size_t interleaved_offset(std::size_t pack, std::size_t symbol);

} // namespace spindle::cd
