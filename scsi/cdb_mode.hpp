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

namespace cdb {
// MODE SENSE's page control (SPC-4 table 99).
enum class PageControl : std::uint8_t { Current = 0, Changeable = 1, Default = 2, Saved = 3 };
inline constexpr std::uint8_t all_mode_pages = 0x3F;

// SPC-4 6.12, MODE SENSE(10): DBD byte 1 bit 3 (no block descriptors unless asked), PC byte 2
// bits 7-6, page code 5-0, subpage byte 3, allocation 7-8.
inline CdbBytes<10> mode_sense10(std::uint8_t page_code, PageControl pc, std::uint16_t allocation_length,
                                 bool dbd = true, std::uint8_t subpage_code = 0) {
    auto c = zeroed<Opcode::ModeSense10>();
    put_bit(c, mode_cdb::flags_byte, 3, dbd);
    put_bits(c, mode_cdb::page_code_byte, 6, 2, static_cast<unsigned>(pc));
    put_bits(c, mode_cdb::page_code_byte, 0, 6, page_code);
    c[mode_cdb::subpage_code_byte] = subpage_code;
    put_be16(c, 7, allocation_length);
    return c;
}
// SPC-4 6.11, MODE SENSE(6): the same fields, allocation in byte 4.
inline CdbBytes<6> mode_sense6(std::uint8_t page_code, PageControl pc, std::uint8_t allocation_length, bool dbd = true,
                               std::uint8_t subpage_code = 0) {
    auto c = zeroed<Opcode::ModeSense6>();
    put_bit(c, mode_cdb::flags_byte, 3, dbd);
    put_bits(c, mode_cdb::page_code_byte, 6, 2, static_cast<unsigned>(pc));
    put_bits(c, mode_cdb::page_code_byte, 0, 6, page_code);
    c[mode_cdb::subpage_code_byte] = subpage_code;
    c[4] = allocation_length;
    return c;
}

// SPC-4 6.10, MODE SELECT(10): PF byte 1 bit 4 (pages as SPC/MMC define them), SP bit 0,
// parameter list length 7-8.
inline CdbBytes<10> mode_select10(std::uint16_t parameter_list_length, bool save_pages = false, bool pf = true) {
    auto c = zeroed<Opcode::ModeSelect10>();
    put_bit(c, mode_cdb::flags_byte, mode_cdb::pf_bit, pf);
    put_bit(c, mode_cdb::flags_byte, 0, save_pages);
    put_be16(c, 7, parameter_list_length);
    return c;
}
// SPC-4 6.9, MODE SELECT(6): the same, parameter list length in byte 4.
inline CdbBytes<6> mode_select6(std::uint8_t parameter_list_length, bool save_pages = false, bool pf = true) {
    auto c = zeroed<Opcode::ModeSelect6>();
    put_bit(c, mode_cdb::flags_byte, mode_cdb::pf_bit, pf);
    put_bit(c, mode_cdb::flags_byte, 0, save_pages);
    c[4] = parameter_list_length;
    return c;
}
} // namespace cdb

} // namespace spindle::scsi
