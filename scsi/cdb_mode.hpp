#pragma once
// Typed views of the MODE SENSE and MODE SELECT CDBs (SPC-4 6.9-6.12). The byte positions of
// fields a field pointer names are constants, the same in the 6- and 10-byte forms.
#include "scsi/cdb.hpp"

namespace spindle::scsi {

namespace mode_cdb {
inline constexpr std::uint16_t flags_byte = 1;        // PF bit 4, SP bit 0 (select); DBD bit 3 (sense)
inline constexpr std::uint8_t pf_bit = 4;             //
inline constexpr std::uint16_t page_code_byte = 2;    // PC bits 7-6, page code bits 5-0
inline constexpr std::uint8_t page_code_msb = 5;      // first (left-most) bit of the page code
inline constexpr std::uint16_t subpage_code_byte = 3; //
} // namespace mode_cdb

// SPC-4 6.11: MODE SENSE(6).
struct ModeSense6Cdb : CdbView {
    using CdbView::CdbView;
    bool dbd() const { return bit(1, 3); }
    std::uint8_t page_control() const { return bits(2, 6, 2); }
    std::uint8_t page_code() const { return bits(2, 0, 6); }
    std::uint8_t subpage_code() const { return u8(3); }
    std::uint8_t allocation_length() const { return u8(4); }
};

// SPC-4 6.12: MODE SENSE(10).
struct ModeSense10Cdb : CdbView {
    using CdbView::CdbView;
    bool llbaa() const { return bit(1, 4); }
    bool dbd() const { return bit(1, 3); }
    std::uint8_t page_control() const { return bits(2, 6, 2); }
    std::uint8_t page_code() const { return bits(2, 0, 6); }
    std::uint8_t subpage_code() const { return u8(3); }
    std::uint16_t allocation_length() const { return be16(7); }
};

// SPC-4 6.9: MODE SELECT(6).
struct ModeSelect6Cdb : CdbView {
    using CdbView::CdbView;
    bool pf() const { return bit(1, 4); }
    bool sp() const { return bit(1, 0); }
    std::uint8_t parameter_list_length() const { return u8(4); }
};

// SPC-4 6.10: MODE SELECT(10).
struct ModeSelect10Cdb : CdbView {
    using CdbView::CdbView;
    bool pf() const { return bit(1, 4); }
    bool sp() const { return bit(1, 0); }
    std::uint16_t parameter_list_length() const { return be16(7); }
};

} // namespace spindle::scsi
