#pragma once
// CDB views of the writing MMC commands.
#include "scsi/cdb.hpp"

namespace spindle::scsi {

// MMC-6 table 614 / SBC-3: WRITE(10).
struct Write10Cdb : CdbView {
    using CdbView::CdbView;
    bool fua() const { return bit(1, 3); }
    bool bytchk() const { return false; }
    std::uint32_t lba() const { return be32(2); }
    std::uint32_t transfer_length() const { return be16(7); }
    static constexpr std::uint16_t transfer_length_byte = 7;
};

// MMC-6 table 620: WRITE AND VERIFY(10), with BYTCHK (byte 1 bit 1) an MMC drive requires
// to be zero (it verifies the medium, not against a second copy of the data).
struct WriteAndVerify10Cdb : Write10Cdb {
    using Write10Cdb::Write10Cdb;
    bool bytchk() const { return bit(1, 1); }
};

// MMC-6 table 616: WRITE(12), with the Streaming bit (byte 10 bit 7).
struct Write12Cdb : CdbView {
    using CdbView::CdbView;
    bool bytchk() const { return false; }
    std::uint32_t lba() const { return be32(2); }
    std::uint32_t transfer_length() const { return be32(6); }
    bool streaming() const { return bit(10, 7); }
    static constexpr std::uint16_t transfer_length_byte = 6;
};

// MMC-6 table 565: RESERVE TRACK. ARSV (byte 1 bit 0) reserves at an LBA (bytes 2-5);
// otherwise bytes 5-8 are the reservation size in blocks.
struct ReserveTrackCdb : CdbView {
    using CdbView::CdbView;
    bool arsv() const { return bit(1, 0); }
    std::uint32_t reservation_size() const { return be32(5); }
    static constexpr std::uint16_t size_byte = 5;
};

// MMC-6 table 585: SEND CUE SHEET; bytes 6-8 are the cue sheet size in bytes.
struct SendCueSheetCdb : CdbView {
    using CdbView::CdbView;
    std::uint32_t cue_sheet_size() const { return be24(6); }
    static constexpr std::uint16_t size_byte = 6;
};

// MMC-6 table 147: CLOSE TRACK/SESSION.
struct CloseTrackSessionCdb : CdbView {
    using CdbView::CdbView;
    bool immed() const { return bit(1, 0); }
    std::uint8_t close_function() const { return bits(2, 0, 3); }
    std::uint16_t track_number() const { return be16(4); }
    static constexpr std::uint16_t function_byte = 2;
    static constexpr std::uint16_t track_byte = 4;
};

// MMC-6 table 143: BLANK. Bytes 2-5: the start address or track number for types 2 and 4.
struct BlankCdb : CdbView {
    using CdbView::CdbView;
    bool immed() const { return bit(1, 4); }
    std::uint8_t blanking_type() const { return bits(1, 0, 3); }
    std::uint32_t address() const { return be32(2); }
    static constexpr std::uint16_t type_byte = 1;
};

// MMC-6 table 179 (SBC-3 5.2): FORMAT UNIT. FmtData bit 4, CmpList bit 3, format code 2-0.
struct FormatUnitCdb : CdbView {
    using CdbView::CdbView;
    bool fmt_data() const { return bit(1, 4); }
    bool cmp_list() const { return bit(1, 3); }
    std::uint8_t format_code() const { return bits(1, 0, 3); }
};

// MMC-6 table 640: SYNCHRONIZE CACHE(10).
struct SynchronizeCacheCdb : CdbView {
    using CdbView::CdbView;
    bool immed() const { return bit(1, 1); }
};

// MMC-6 table 599: SEND DISC STRUCTURE.
struct SendDiscStructureCdb : CdbView {
    using CdbView::CdbView;
    std::uint8_t media_type() const { return bits(1, 0, 4); }
    std::uint8_t format() const { return u8(7); }
    std::uint16_t parameter_list_length() const { return be16(8); }
};

// MMC-6 table 601: SEND OPC INFORMATION.
struct SendOpcInformationCdb : CdbView {
    using CdbView::CdbView;
    bool do_opc() const { return bit(1, 0); }
    std::uint16_t parameter_list_length() const { return be16(7); }
};

namespace cdb {
// MMC-6 table 614: WRITE(10). FUA byte 1 bit 3, LBA 2-5, blocks 7-8.
inline CdbBytes<10> write10(std::uint32_t lba, std::uint16_t blocks, bool fua = false) {
    auto c = zeroed<Opcode::Write10>();
    put_bit(c, 1, 3, fua);
    put_be32(c, 2, lba);
    put_be16(c, Write10Cdb::transfer_length_byte, blocks);
    return c;
}
// MMC-6 table 620: WRITE AND VERIFY(10), WRITE(10)'s fields and BYTCHK byte 1 bit 1.
inline CdbBytes<10> write_and_verify10(std::uint32_t lba, std::uint16_t blocks, bool bytchk = false) {
    auto c = zeroed<Opcode::WriteAndVerify10>();
    put_bit(c, 1, 1, bytchk);
    put_be32(c, 2, lba);
    put_be16(c, Write10Cdb::transfer_length_byte, blocks);
    return c;
}
// MMC-6 table 616: WRITE(12). LBA 2-5, blocks 6-9, Streaming byte 10 bit 7.
inline CdbBytes<12> write12(std::uint32_t lba, std::uint32_t blocks, bool streaming = false) {
    auto c = zeroed<Opcode::Write12>();
    put_be32(c, 2, lba);
    put_be32(c, Write12Cdb::transfer_length_byte, blocks);
    put_bit(c, 10, 7, streaming);
    return c;
}

// MMC-6 table 565: RESERVE TRACK by size (ARSV 0): blocks in bytes 5-8.
inline CdbBytes<10> reserve_track(std::uint32_t blocks) {
    auto c = zeroed<Opcode::ReserveTrack>();
    put_be32(c, ReserveTrackCdb::size_byte, blocks);
    return c;
}

// MMC-6 table 585: SEND CUE SHEET, the cue sheet's size in bytes 6-8.
inline CdbBytes<10> send_cue_sheet(std::uint32_t cue_sheet_size) {
    auto c = zeroed<Opcode::SendCueSheet>();
    put_be24(c, SendCueSheetCdb::size_byte, cue_sheet_size);
    return c;
}

// CLOSE TRACK/SESSION's Close Function (MMC-6 table 148): what a writer uses.
namespace close_function {
inline constexpr std::uint8_t track = 1, session = 2, finalize = 5;
}
// MMC-6 table 147: CLOSE TRACK/SESSION. Immed byte 1 bit 0, close function byte 2 bits 2-0,
// track number 4-5.
inline CdbBytes<10> close_track_session(std::uint8_t function, std::uint16_t track_number = 0, bool immed = false) {
    auto c = zeroed<Opcode::CloseTrackSession>();
    put_bit(c, 1, 0, immed);
    put_bits(c, CloseTrackSessionCdb::function_byte, 0, 3, function);
    put_be16(c, CloseTrackSessionCdb::track_byte, track_number);
    return c;
}

// BLANK's Blanking Type (MMC-6 table 144).
namespace blanking_type {
inline constexpr std::uint8_t full = 0, minimal = 1, track = 2, unreserve_track = 3, track_tail = 4,
                              unclose_session = 5, session = 6;
}
// MMC-6 table 143: BLANK. Immed byte 1 bit 4, blanking type bits 2-0, start address or track
// number 2-5.
inline CdbBytes<12> blank(std::uint8_t type, bool immed = false, std::uint32_t address = 0) {
    auto c = zeroed<Opcode::Blank>();
    put_bit(c, BlankCdb::type_byte, 4, immed);
    put_bits(c, BlankCdb::type_byte, 0, 3, type);
    put_be32(c, 2, address);
    return c;
}

// MMC-6 table 179: FORMAT UNIT. FmtData byte 1 bit 4 (a parameter list follows), CmpList bit
// 3, format code bits 2-0 (001b: the one MMC defines).
inline CdbBytes<6> format_unit(bool fmt_data = true, std::uint8_t format_code = 1, bool cmp_list = false) {
    auto c = zeroed<Opcode::FormatUnit>();
    put_bit(c, 1, 4, fmt_data);
    put_bit(c, 1, 3, cmp_list);
    put_bits(c, 1, 0, 3, format_code);
    return c;
}

// MMC-6 table 640: SYNCHRONIZE CACHE(10), Immed byte 1 bit 1.
inline CdbBytes<10> synchronize_cache(bool immed = false) {
    auto c = zeroed<Opcode::SynchronizeCache>();
    put_bit(c, 1, 1, immed);
    return c;
}

// MMC-6 table 599: SEND DISC STRUCTURE. Media type byte 1 bits 3-0, format 7, parameter list
// length 8-9.
inline CdbBytes<12> send_disc_structure(std::uint8_t format, std::uint16_t parameter_list_length,
                                        std::uint8_t media_type = 0) {
    auto c = zeroed<Opcode::SendDiscStructure>();
    put_bits(c, 1, 0, 4, media_type);
    c[7] = format;
    put_be16(c, 8, parameter_list_length);
    return c;
}

// MMC-6 table 601: SEND OPC INFORMATION. DoOPC byte 1 bit 0 (calibrate now), parameter list
// length 7-8.
inline CdbBytes<10> send_opc_information(bool do_opc = true, std::uint16_t parameter_list_length = 0) {
    auto c = zeroed<Opcode::SendOpcInformation>();
    put_bit(c, 1, 0, do_opc);
    put_be16(c, 7, parameter_list_length);
    return c;
}
} // namespace cdb

} // namespace spindle::scsi
