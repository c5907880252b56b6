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

namespace cdb {
// MMC-6 table 455: READ CAPACITY, every field zero in MMC.
inline CdbBytes<10> read_capacity() { return zeroed<Opcode::ReadCapacity>(); }

// MMC-6 tables 443 and 445: READ(10) (LBA 2-5, blocks 7-8) and READ(12) (blocks 6-9).
inline CdbBytes<10> read10(std::uint32_t lba, std::uint16_t blocks) {
    auto c = zeroed<Opcode::Read10>();
    put_be32(c, 2, lba);
    put_be16(c, Read10Cdb::transfer_length_byte, blocks);
    return c;
}
inline CdbBytes<12> read12(std::uint32_t lba, std::uint32_t blocks) {
    auto c = zeroed<Opcode::Read12>();
    put_be32(c, 2, lba);
    put_be32(c, Read12Cdb::transfer_length_byte, blocks);
    return c;
}

// READ CD's byte 9, the main-channel selection (MMC-6 table 389): what of each sector is sent.
namespace read_cd_main {
inline constexpr std::uint8_t sync = 0x80, all_headers = 0x60, user_data = 0x10, edc_ecc = 0x08;
inline constexpr std::uint8_t whole_sector = sync | all_headers | user_data | edc_ecc; // 2352 bytes
} // namespace read_cd_main
// READ CD's byte 10 bits 2-0, the sub-channel selection (MMC-6 table 394): none, raw P-W
// (96 bytes), formatted Q (16 bytes), corrected and de-interleaved R-W (96 bytes).
namespace read_cd_sub {
inline constexpr std::uint8_t none = 0, raw_pw = 1, q = 2, rw = 4;
} // namespace read_cd_sub
// MMC-6 table 389: READ CD. Expected sector type byte 1 bits 4-2, starting LBA 2-5 (negative
// in the lead-in), blocks 6-8, main channel byte 9, sub-channel byte 10 bits 2-0.
inline CdbBytes<12> read_cd(std::int32_t lba, std::uint32_t blocks, std::uint8_t main_channel = read_cd_main::user_data,
                            std::uint8_t sector_type = 0, std::uint8_t subchannel = 0) {
    auto c = zeroed<Opcode::ReadCd>();
    put_bits(c, 1, 2, 3, sector_type);
    put_be32(c, 2, static_cast<std::uint32_t>(lba));
    put_be24(c, ReadCdCdb::transfer_length_byte, blocks);
    c[9] = main_channel;
    put_bits(c, 10, 0, 3, subchannel);
    return c;
}
// MMC-6 table 403: READ CD MSF, the first block (bytes 3-5) and the one after the last (6-8)
// as minute, second, frame; bytes 1, 9 and 10 as READ CD.
struct Msf {
    std::uint8_t m = 0, s = 0, f = 0;
};
inline CdbBytes<12> read_cd_msf(Msf start, Msf end, std::uint8_t main_channel = read_cd_main::user_data,
                                std::uint8_t sector_type = 0, std::uint8_t subchannel = 0) {
    auto c = zeroed<Opcode::ReadCdMsf>();
    put_bits(c, 1, 2, 3, sector_type);
    c[3] = start.m;
    c[4] = start.s;
    c[5] = start.f;
    c[6] = end.m;
    c[7] = end.s;
    c[8] = end.f;
    c[9] = main_channel;
    put_bits(c, 10, 0, 3, subchannel);
    return c;
}

// MMC-6 table 413: READ SUB-CHANNEL. MSF byte 1 bit 1, SubQ byte 2 bit 6, parameter list
// (sub-channel data format) byte 3, track number 6, allocation 7-8.
inline CdbBytes<10> read_subchannel(std::uint8_t parameter_list, std::uint16_t allocation_length, bool subq = true,
                                    bool msf = false, std::uint8_t track_number = 0) {
    auto c = zeroed<Opcode::ReadSubchannel>();
    put_bit(c, 1, 1, msf);
    put_bit(c, 2, 6, subq);
    c[3] = parameter_list;
    c[6] = track_number;
    put_be16(c, 7, allocation_length);
    return c;
}

// READ TOC/PMA/ATIP formats (MMC-6 table 474).
namespace toc_format {
inline constexpr std::uint8_t toc = 0, session_info = 1, full_toc = 2, pma = 3, atip = 4, cd_text = 5;
}
// MMC-6 table 473: READ TOC/PMA/ATIP. MSF byte 1 bit 1, format byte 2 bits 3-0, track/session
// number 6, allocation 7-8.
inline CdbBytes<10> read_toc(std::uint8_t format, std::uint8_t track_session_number, std::uint16_t allocation_length,
                             bool msf = false) {
    auto c = zeroed<Opcode::ReadTocPmaAtip>();
    put_bit(c, 1, 1, msf);
    put_bits(c, 2, 0, 4, format);
    c[6] = track_session_number;
    put_be16(c, 7, allocation_length);
    return c;
}

// MMC-6 table 507: READ DISC INFORMATION. Data type byte 1 bits 2-0 (000b standard), allocation 7-8.
inline CdbBytes<10> read_disc_information(std::uint16_t allocation_length, std::uint8_t data_type = 0) {
    auto c = zeroed<Opcode::ReadDiscInformation>();
    put_bits(c, 1, 0, 3, data_type);
    put_be16(c, 7, allocation_length);
    return c;
}

// READ TRACK INFORMATION's Address/Number Type (byte 1 bits 1-0).
namespace track_address {
inline constexpr std::uint8_t lba = 0, track = 1, session = 2;
inline constexpr std::uint32_t invisible_track = 0xFF; // the incomplete track, as a track number
} // namespace track_address
// MMC-6 table 527: READ TRACK INFORMATION. Open byte 1 bit 2, address type bits 1-0, LBA or
// track/session number 2-5, allocation 7-8.
inline CdbBytes<10> read_track_information(std::uint8_t address_type, std::uint32_t address,
                                           std::uint16_t allocation_length, bool open = false) {
    auto c = zeroed<Opcode::ReadTrackInformation>();
    put_bit(c, 1, 2, open);
    put_bits(c, 1, 0, 2, address_type);
    put_be32(c, 2, address);
    put_be16(c, 7, allocation_length);
    return c;
}

// MMC-6 table 459: READ DISC STRUCTURE. Media type byte 1 bits 3-0 (0000b DVD, 0001b BD),
// address 2-5, layer 6, format 7, allocation 8-9, AGID byte 10 bits 7-6.
inline CdbBytes<12> read_disc_structure(std::uint8_t format, std::uint16_t allocation_length,
                                        std::uint8_t media_type = 0, std::uint32_t address = 0, std::uint8_t layer = 0,
                                        std::uint8_t agid = 0) {
    auto c = zeroed<Opcode::ReadDiscStructure>();
    put_bits(c, 1, 0, 4, media_type);
    put_be32(c, 2, address);
    c[6] = layer;
    c[7] = format;
    put_be16(c, 8, allocation_length);
    put_bits(c, 10, 6, 2, agid);
    return c;
}

// MMC-6 table 465: READ FORMAT CAPACITIES, allocation 7-8.
inline CdbBytes<10> read_format_capacities(std::uint16_t allocation_length) {
    auto c = zeroed<Opcode::ReadFormatCapacities>();
    put_be16(c, 7, allocation_length);
    return c;
}
} // namespace cdb

} // namespace spindle::scsi
