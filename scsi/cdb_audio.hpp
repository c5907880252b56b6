#pragma once
// CDBs of CD audio played by the drive: PLAY AUDIO(10), PLAY AUDIO(12), PLAY AUDIO MSF,
// PAUSE/RESUME, STOP PLAY/SCAN, SCAN (MMC-3 6.1.13-6.1.18; MMC-6 keeps them as legacy commands).
#include "scsi/cdb.hpp"
#include "scsi/cdb_read.hpp"

namespace spindle::scsi {

// LBA FFFFFFFFh in a PLAY AUDIO CDB, and M/S/F FFh FFh FFh in PLAY AUDIO MSF: from the
// current position.
inline constexpr std::uint32_t play_from_current_position = 0xFFFF'FFFF;
inline constexpr std::uint32_t play_msf_from_current_position = 0xFF'FFFF;

// MMC-3 table 142, PLAY AUDIO(10) CDB: starting LBA 2-5, transfer length 7-8 (blocks).
struct PlayAudio10Cdb : CdbView {
    using CdbView::CdbView;
    static constexpr std::size_t lba_byte = 2;
    std::uint32_t lba() const { return be32(2); }
    std::uint32_t length() const { return be16(7); }
};

// MMC-3 table 143, PLAY AUDIO(12) CDB: starting LBA 2-5, transfer length 6-9.
struct PlayAudio12Cdb : CdbView {
    using CdbView::CdbView;
    static constexpr std::size_t lba_byte = 2;
    std::uint32_t lba() const { return be32(2); }
    std::uint32_t length() const { return be32(6); }
};

// MMC-3 table 144, PLAY AUDIO MSF CDB: starting M/S/F 3-5, ending M/S/F 6-8 (the end is not
// played). A start of FFh FFh FFh plays from the current position.
struct PlayAudioMsfCdb : CdbView {
    using CdbView::CdbView;
    static constexpr std::size_t start_byte = 3;
    std::uint32_t start() const { return be24(3); }
    std::uint32_t end() const { return be24(6); }
};

// MMC-3 table 140, PAUSE/RESUME CDB: byte 8 bit 0 Resume.
struct PauseResumeCdb : CdbView {
    using CdbView::CdbView;
    bool resume() const { return bit(8, 0); }
};

// MMC-3 table 173, SCAN CDB: byte 1 bit 4 DIRECT (1: towards lower addresses), scan starting
// address 2-5 and byte 9 bits 7-6 its type (00b LBA, 01b MSF as 00h M S F, 10b a track number
// in byte 5).
struct ScanCdb : CdbView {
    using CdbView::CdbView;
    static constexpr std::size_t type_byte = 9;
    bool reverse() const { return bit(1, 4); }
    std::uint32_t start() const { return be32(2); }
    std::uint8_t type() const { return bits(9, 6, 2); }
};

namespace cdb {
// MMC-3 table 142: LBA 2-5, length 7-8.
inline CdbBytes<10> play_audio10(std::uint32_t lba, std::uint16_t length) {
    auto c = zeroed<Opcode::PlayAudio10>();
    put_be32(c, PlayAudio10Cdb::lba_byte, lba);
    put_be16(c, 7, length);
    return c;
}
// MMC-3 table 143: LBA 2-5, length 6-9.
inline CdbBytes<12> play_audio12(std::uint32_t lba, std::uint32_t length) {
    auto c = zeroed<Opcode::PlayAudio12>();
    put_be32(c, PlayAudio12Cdb::lba_byte, lba);
    put_be32(c, 6, length);
    return c;
}
// MMC-3 table 144: start M/S/F 3-5, end M/S/F 6-8.
inline CdbBytes<10> play_audio_msf(Msf start, Msf end) {
    auto c = zeroed<Opcode::PlayAudioMsf>();
    c[PlayAudioMsfCdb::start_byte] = start.m;
    c[4] = start.s;
    c[5] = start.f;
    c[6] = end.m;
    c[7] = end.s;
    c[8] = end.f;
    return c;
}
// MMC-3 table 140: byte 8 bit 0 Resume.
inline CdbBytes<10> pause_resume(bool resume) {
    auto c = zeroed<Opcode::PauseResume>();
    put_bit(c, 8, 0, resume);
    return c;
}
inline CdbBytes<10> stop_play_scan() { return zeroed<Opcode::StopPlayScan>(); }
// MMC-3 table 173: DIRECT byte 1 bit 4, start 2-5, type byte 9 bits 7-6.
inline CdbBytes<12> scan(bool reverse, std::uint32_t start, std::uint8_t type) {
    auto c = zeroed<Opcode::Scan>();
    put_bit(c, 1, 4, reverse);
    put_be32(c, 2, start);
    put_bits(c, ScanCdb::type_byte, 6, 2, type);
    return c;
}
} // namespace cdb

} // namespace spindle::scsi
