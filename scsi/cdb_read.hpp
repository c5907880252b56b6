#pragma once
// CDB views of the read-side MMC commands.
#include "scsi/cdb.hpp"

namespace spindle::scsi {

// MMC-6 table 455 (SBC READ CAPACITY(10)): LBA and PMI are obsolete in MMC.
struct ReadCapacityCdb : CdbView {
    using CdbView::CdbView;
    std::uint32_t lba() const { return be32(2); }
    bool pmi() const { return bit(8, 0); }
};

// MMC-6 tables 443 and 445: READ(10) / READ(12).
struct Read10Cdb : CdbView {
    using CdbView::CdbView;
    std::uint32_t lba() const { return be32(2); }
    std::uint32_t transfer_length() const { return be16(7); }
    static constexpr std::uint16_t transfer_length_byte = 7;
};
struct Read12Cdb : CdbView {
    using CdbView::CdbView;
    std::uint32_t lba() const { return be32(2); }
    std::uint32_t transfer_length() const { return be32(6); }
    static constexpr std::uint16_t transfer_length_byte = 6;
};

// MMC-6 tables 389 and 403: READ CD and READ CD MSF share bytes 1, 9 and 10: the expected
// sector type, the main-channel selection (sync, header codes, user data, EDC/ECC, C2 error
// information) and the sub-channel selection.
struct ReadCdFields : CdbView {
    using CdbView::CdbView;
    std::uint8_t expected_sector_type() const { return bits(1, 2, 3); }
    bool sync() const { return bit(9, 7); }
    std::uint8_t header_codes() const { return bits(9, 5, 2); }
    bool user_data() const { return bit(9, 4); }
    bool edc_ecc() const { return bit(9, 3); }
    std::uint8_t c2_error() const { return bits(9, 1, 2); }
    std::uint8_t subchannel() const { return bits(10, 0, 3); }
};
struct ReadCdCdb : ReadCdFields {
    using ReadCdFields::ReadCdFields;
    std::int32_t lba() const { return static_cast<std::int32_t>(be32(2)); }
    std::uint32_t transfer_length() const { return be24(6); }
    static constexpr std::uint16_t transfer_length_byte = 6;
};
struct ReadCdMsfCdb : ReadCdFields {
    using ReadCdFields::ReadCdFields;
    // Bytes 3-5 and 6-8: the first block and the one after the last, as M, S, F.
    std::uint8_t start(unsigned i) const { return u8(3 + i); }
    std::uint8_t end(unsigned i) const { return u8(6 + i); }
};

// MMC-6 table 413: READ SUB-CHANNEL.
struct ReadSubchannelCdb : CdbView {
    using CdbView::CdbView;
    bool msf() const { return bit(1, 1); }
    bool subq() const { return bit(2, 6); }
    std::uint8_t parameter_list() const { return u8(3); }
    std::uint8_t track_number() const { return u8(6); }
    std::uint16_t allocation_length() const { return be16(7); }
};

// MMC-6 table 473: READ TOC/PMA/ATIP.
struct ReadTocCdb : CdbView {
    using CdbView::CdbView;
    bool msf() const { return bit(1, 1); }
    std::uint8_t format() const { return bits(2, 0, 4); }
    std::uint8_t track_session_number() const { return u8(6); }
    std::uint16_t allocation_length() const { return be16(7); }
    // Obsolete: format in control byte bits 7-6 when byte 2's format is 0 (SFF-8020).
    std::uint8_t legacy_format() const { return bits(9, 6, 2); }
};

// MMC-6 table 507: READ DISC INFORMATION.
struct ReadDiscInformationCdb : CdbView {
    using CdbView::CdbView;
    std::uint8_t data_type() const { return bits(1, 0, 3); }
    std::uint16_t allocation_length() const { return be16(7); }
};

// MMC-6 table 527: READ TRACK INFORMATION.
struct ReadTrackInformationCdb : CdbView {
    using CdbView::CdbView;
    bool open() const { return bit(1, 2); }
    std::uint8_t address_type() const { return bits(1, 0, 2); }
    std::uint32_t address() const { return be32(2); }
    std::uint16_t allocation_length() const { return be16(7); }
};

// MMC-6 table 459: READ DISC STRUCTURE.
struct ReadDiscStructureCdb : CdbView {
    using CdbView::CdbView;
    std::uint8_t media_type() const { return bits(1, 0, 4); }
    std::uint32_t address() const { return be32(2); }
    std::uint8_t layer() const { return u8(6); }
    std::uint8_t format() const { return u8(7); }
    std::uint16_t allocation_length() const { return be16(8); }
    std::uint8_t agid() const { return bits(10, 6, 2); }
};

// MMC-6 table 465: READ FORMAT CAPACITIES.
struct ReadFormatCapacitiesCdb : CdbView {
    using CdbView::CdbView;
    std::uint16_t allocation_length() const { return be16(7); }
};

} // namespace spindle::scsi
