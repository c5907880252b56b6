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

} // namespace spindle::scsi
