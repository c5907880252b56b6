#pragma once
// The named fields of the mode pages a profile may write as maps (MMC-6 section 7, SPC-4
// 7.5): one table per page, used both to encode YAML fields into page bytes and to print
// pages back as fields.
#include "scsi/bytes.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace spindle {

// `width` bits whose least significant bit is bit `shift` of byte `byte`. Fields wider than
// 8 bits are whole big-endian bytes (shift 0, width 16, 24 or 32).
struct ModePageField {
    std::string_view name;
    std::uint8_t byte;
    std::uint8_t shift;
    std::uint8_t width;
};

struct ModePageLayout {
    std::uint8_t page;
    std::string_view title;
    std::uint8_t length; // whole page in bytes, 2-byte header included, without descriptors
    std::span<const ModePageField> fields;
    bool has_write_speed_descriptors; // page 2Ah: a count at 30-31 and 4-byte descriptors from 32
};

const ModePageLayout* mode_page_layout(std::uint8_t page);
std::span<const ModePageLayout> mode_page_layouts();
const ModePageField* find_field(const ModePageLayout& layout, std::string_view name);

std::uint32_t field_max(const ModePageField& field);
std::uint32_t get_field(scsi::ByteView page, const ModePageField& field);
void put_field(scsi::MutableByteView page, const ModePageField& field, std::uint32_t value);

// Page 2Ah write speed descriptors (MMC-6 table 608).
namespace page_2a {
inline constexpr std::size_t descriptor_count_offset = 30;
inline constexpr std::size_t first_descriptor = 32;
inline constexpr std::size_t descriptor_size = 4;
inline constexpr std::size_t max_descriptors = (255 + 2 - first_descriptor) / descriptor_size;
inline constexpr std::uint8_t rotation_clv = 0; // CLV or non-pure CAV
inline constexpr std::uint8_t rotation_cav = 1; // pure CAV
} // namespace page_2a

} // namespace spindle
