#pragma once
// The 2352-byte raw form of a CD-ROM Mode 1 sector (ECMA-130 14.3): sync, header, 2048 bytes
// of user data, EDC, 8 zero bytes and the P and Q parity of the Reed-Solomon product code.
// Discs keep only the user data; READ CD builds the rest on demand, as a drive's decoder
// would hand it over.
#include <array>
#include <cstdint>
#include <span>

namespace spindle::cd {

inline constexpr std::size_t raw_sector_bytes = 2352;
inline constexpr std::size_t sync_bytes = 12;
inline constexpr std::size_t header_bytes = 4;
inline constexpr std::size_t user_bytes = 2048;
inline constexpr std::size_t edc_ecc_bytes = 288; // EDC 4, zero 8, P parity 172, Q parity 104
inline constexpr std::size_t user_offset = sync_bytes + header_bytes;
inline constexpr std::size_t edc_offset = user_offset + user_bytes;
inline constexpr std::size_t p_parity_offset = edc_offset + 12;
inline constexpr std::size_t q_parity_offset = p_parity_offset + 172;

using RawSector = std::array<std::uint8_t, raw_sector_bytes>;

// EDC over `bytes`: CRC-32 with P(x) = (x^16 + x^15 + x^2 + 1)(x^16 + x^2 + x + 1), bits taken
// least significant first, no inversion (ECMA-130 14.3). Stored least significant byte first.
std::uint32_t edc(std::span<const std::uint8_t> bytes);

// Fills `sector` with the Mode 1 sector at `lba` holding `user` (2048 bytes).
void encode_mode1(std::int32_t lba, std::span<const std::uint8_t> user, RawSector& sector);

// Recomputes the P and Q parity bytes of a sector from bytes 12-2075 (ECMA-130 annex A).
void compute_parity(RawSector& sector);

} // namespace spindle::cd
