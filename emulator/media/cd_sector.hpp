#pragma once
// The 2352-byte raw form of a CD-ROM sector (ECMA-130 14): sync, header, then
// - Mode 1 (14.3): 2048 bytes of user data, EDC, 8 zero bytes, P and Q parity of the
//   Reed-Solomon product code. Discs keep only the user data; READ CD builds the rest on
//   demand, as a drive's decoder would hand it over.
// - Mode 2 (14.4): 2336 bytes. Formless, all of them are user data; CD-ROM XA puts an 8-byte
//   subheader first (file, channel, submode, coding information, written twice) whose submode
//   bit 5 chooses Form 1 (2048 bytes of user data, EDC, P and Q parity computed with the header
//   taken as zero) or Form 2 (2324 bytes, EDC). Discs keep Mode 2 sectors whole, as written.
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

// Mode 2 (ECMA-130 14.4; CD-ROM XA Form 1 and Form 2): offsets in the raw sector.
inline constexpr std::size_t mode2_bytes = 2336; // all after the header
inline constexpr std::size_t subheader_offset = user_offset;
inline constexpr std::size_t subheader_bytes = 8;
inline constexpr std::size_t xa_user_offset = subheader_offset + subheader_bytes;
inline constexpr std::size_t form1_user_bytes = 2048;
inline constexpr std::size_t form1_edc_offset = xa_user_offset + form1_user_bytes; // 2072
inline constexpr std::size_t form1_edc_ecc_bytes = 280;                            // EDC 4, P 172, Q 104
inline constexpr std::size_t form2_user_bytes = 2324;
inline constexpr std::size_t form2_edc_offset = xa_user_offset + form2_user_bytes; // 2348
inline constexpr std::size_t form2_edc_bytes = 4;
inline constexpr std::uint8_t submode_form2 = 0x20; // submode bit 5

// What a data sector holds, as its header's mode byte and (Mode 2) its submode say.
enum class SectorForm : std::uint8_t { Mode1, Mode2Formless, Form1, Form2 };

// The subheader as page 05h bytes 48-51 give it: file number, channel, submode, coding.
using Subheader = std::array<std::uint8_t, 4>;

// EDC over `bytes`: CRC-32 with P(x) = (x^16 + x^15 + x^2 + 1)(x^16 + x^2 + x + 1), bits taken
// least significant first, no inversion (ECMA-130 14.3). Stored least significant byte first.
std::uint32_t edc(std::span<const std::uint8_t> bytes);

// Fills `sector` with the Mode 1 sector at `lba` holding `user` (2048 bytes).
void encode_mode1(std::int32_t lba, std::span<const std::uint8_t> user, RawSector& sector);

// Fills `sector` with the formless Mode 2 sector at `lba` holding `user` (2336 bytes).
void encode_mode2_formless(std::int32_t lba, std::span<const std::uint8_t> user, RawSector& sector);

// Fills `sector` with the CD-ROM XA sector at `lba`: `subheader` in both copies, the form its
// submode bit 5 gives, `user` (2048 bytes for Form 1, 2324 for Form 2) and the EDC (and for
// Form 1 the P and Q parity).
void encode_xa(std::int32_t lba, const Subheader& subheader, std::span<const std::uint8_t> user, RawSector& sector);

// The form of a Mode 2 sector built by encode_xa (`xa`) or encode_mode2_formless.
inline SectorForm mode2_form(std::span<const std::uint8_t, raw_sector_bytes> sector, bool xa) {
    if (!xa) return SectorForm::Mode2Formless;
    return (sector[subheader_offset + 2] & submode_form2) != 0 ? SectorForm::Form2 : SectorForm::Form1;
}

// Recomputes the P and Q parity bytes of a sector from bytes 12-2075 (ECMA-130 annex A).
void compute_parity(RawSector& sector);

} // namespace spindle::cd
