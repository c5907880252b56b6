#pragma once
// Sense key / ASC / ASCQ out of sense bytes in either format (SPC-4 4.5.2 descriptor,
// 4.5.3 fixed), as libburn's spc_decode_sense does.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace spindle::recorder {

struct SenseCode {
    std::uint8_t key = 0;
    std::uint8_t asc = 0;
    std::uint8_t ascq = 0;
    constexpr bool operator==(const SenseCode&) const = default;
};

// nullopt when the bytes are too short or the response code is not 70h-73h.
std::optional<SenseCode> parse_sense(std::span<const std::uint8_t> sense);
std::string to_string(SenseCode code); // "2/3A/01"
// The INFORMATION field (for a medium error, the LBA that failed), when the sense marks it valid:
// fixed format bytes 3-6 with VALID, or a descriptor-format information descriptor (00h).
std::optional<std::uint64_t> sense_information(std::span<const std::uint8_t> sense);

// Fixed-format sense as IMAPI2's 18-byte SenseBuffer holds it; descriptor sense is converted.
void to_fixed_sense(std::span<const std::uint8_t> sense, std::span<std::uint8_t, 18> out);

} // namespace spindle::recorder
