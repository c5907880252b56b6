#pragma once
// Operation codes: SPC-4 table 61 (commands for all device types) and MMC-6 table 13, the ones
// the drive implements, the recorder sends or a fault rule may name. Code that means an opcode
// spells it as one of these, never in hex.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace spindle::scsi {

enum class Opcode : std::uint8_t {
    TestUnitReady = 0x00,
    RequestSense = 0x03,
    FormatUnit = 0x04,
    Inquiry = 0x12,
    ModeSelect6 = 0x15,
    ModeSense6 = 0x1A,
    StartStopUnit = 0x1B,
    PreventAllowMediumRemoval = 0x1E,
    ReadFormatCapacities = 0x23,
    ReadCapacity = 0x25,
    Read10 = 0x28,
    Write10 = 0x2A,
    Seek10 = 0x2B,
    WriteAndVerify10 = 0x2E,
    Verify10 = 0x2F,
    SynchronizeCache = 0x35,
    ReadSubchannel = 0x42,
    ReadTocPmaAtip = 0x43,
    PlayAudio10 = 0x45,
    GetConfiguration = 0x46,
    PlayAudioMsf = 0x47,
    GetEventStatusNotification = 0x4A,
    PauseResume = 0x4B,
    StopPlayScan = 0x4E,
    ReadDiscInformation = 0x51,
    ReadTrackInformation = 0x52,
    ReserveTrack = 0x53,
    SendOpcInformation = 0x54,
    ModeSelect10 = 0x55,
    RepairTrack = 0x58,
    ModeSense10 = 0x5A,
    CloseTrackSession = 0x5B,
    ReadBufferCapacity = 0x5C,
    SendCueSheet = 0x5D,
    Read16 = 0x88,
    Write16 = 0x8A,
    Blank = 0xA1,
    PlayAudio12 = 0xA5,
    Read12 = 0xA8,
    Write12 = 0xAA,
    GetPerformance = 0xAC,
    ReadDiscStructure = 0xAD,
    SetStreaming = 0xB6,
    ReadCdMsf = 0xB9,
    Scan = 0xBA,
    SetCdSpeed = 0xBB,
    MechanismStatus = 0xBD,
    ReadCd = 0xBE,
    SendDiscStructure = 0xBF,
};

// The command's name as MMC-6 table 13 and SPC-4 table 61 write it: the one spelling of it for
// the drive's command table, fault rules, logs and the recorder's trace. Empty for an opcode
// that is none of the above.
constexpr std::string_view opcode_name(Opcode op) {
    switch (op) {
    case Opcode::TestUnitReady: return "TEST UNIT READY";
    case Opcode::RequestSense: return "REQUEST SENSE";
    case Opcode::FormatUnit: return "FORMAT UNIT";
    case Opcode::Inquiry: return "INQUIRY";
    case Opcode::ModeSelect6: return "MODE SELECT(6)";
    case Opcode::ModeSense6: return "MODE SENSE(6)";
    case Opcode::StartStopUnit: return "START STOP UNIT";
    case Opcode::PreventAllowMediumRemoval: return "PREVENT ALLOW MEDIUM REMOVAL";
    case Opcode::ReadFormatCapacities: return "READ FORMAT CAPACITIES";
    case Opcode::ReadCapacity: return "READ CAPACITY";
    case Opcode::Read10: return "READ(10)";
    case Opcode::Write10: return "WRITE(10)";
    case Opcode::Seek10: return "SEEK(10)";
    case Opcode::WriteAndVerify10: return "WRITE AND VERIFY(10)";
    case Opcode::Verify10: return "VERIFY(10)";
    case Opcode::SynchronizeCache: return "SYNCHRONIZE CACHE";
    case Opcode::ReadSubchannel: return "READ SUB-CHANNEL";
    case Opcode::ReadTocPmaAtip: return "READ TOC/PMA/ATIP";
    case Opcode::PlayAudio10: return "PLAY AUDIO(10)";
    case Opcode::GetConfiguration: return "GET CONFIGURATION";
    case Opcode::PlayAudioMsf: return "PLAY AUDIO MSF";
    case Opcode::GetEventStatusNotification: return "GET EVENT STATUS NOTIFICATION";
    case Opcode::PauseResume: return "PAUSE/RESUME";
    case Opcode::StopPlayScan: return "STOP PLAY/SCAN";
    case Opcode::ReadDiscInformation: return "READ DISC INFORMATION";
    case Opcode::ReadTrackInformation: return "READ TRACK INFORMATION";
    case Opcode::ReserveTrack: return "RESERVE TRACK";
    case Opcode::SendOpcInformation: return "SEND OPC INFORMATION";
    case Opcode::ModeSelect10: return "MODE SELECT(10)";
    case Opcode::RepairTrack: return "REPAIR TRACK";
    case Opcode::ModeSense10: return "MODE SENSE(10)";
    case Opcode::CloseTrackSession: return "CLOSE TRACK/SESSION";
    case Opcode::ReadBufferCapacity: return "READ BUFFER CAPACITY";
    case Opcode::SendCueSheet: return "SEND CUE SHEET";
    case Opcode::Read16: return "READ(16)";
    case Opcode::Write16: return "WRITE(16)";
    case Opcode::Blank: return "BLANK";
    case Opcode::PlayAudio12: return "PLAY AUDIO(12)";
    case Opcode::Read12: return "READ(12)";
    case Opcode::Write12: return "WRITE(12)";
    case Opcode::GetPerformance: return "GET PERFORMANCE";
    case Opcode::ReadDiscStructure: return "READ DISC STRUCTURE";
    case Opcode::SetStreaming: return "SET STREAMING";
    case Opcode::ReadCdMsf: return "READ CD MSF";
    case Opcode::Scan: return "SCAN";
    case Opcode::SetCdSpeed: return "SET CD SPEED";
    case Opcode::MechanismStatus: return "MECHANISM STATUS";
    case Opcode::ReadCd: return "READ CD";
    case Opcode::SendDiscStructure: return "SEND DISC STRUCTURE";
    }
    return {};
}
constexpr std::string_view opcode_name(std::uint8_t op) { return opcode_name(static_cast<Opcode>(op)); }

// SPC-4 4.2.5.1 table 5: the group code (bits 7-5 of the operation code) fixes the CDB
// length: group 0 6 bytes, 1 and 2 10, 4 16, 5 12. Group 3 is reserved (and holds 7Fh, the
// variable-length CDB of SPC-4 4.2.3), groups 6 and 7 are vendor specific: their length is
// unknown here (nullopt), and each caller decides what it does with such a CDB.
constexpr std::optional<std::size_t> cdb_length(std::uint8_t opcode) {
    switch (opcode >> 5) {
    case 0: return 6;
    case 1:
    case 2: return 10;
    case 4: return 16;
    case 5: return 12;
    default: return std::nullopt;
    }
}

// The variable-length CDB (SPC-4 4.2.3): byte 7 counts the bytes after byte 7.
inline constexpr std::uint8_t variable_length_cdb = 0x7F;

// How many CDB bytes Linux takes where SPC-4 fixes no length: COMMAND_SIZE
// (include/scsi/scsi_common.h, scsi_command_size_tbl) gives group 3 12 bytes and groups 6, 7
// 10. Whatever mirrors the kernel (the TCMU ring, the sr ioctls) takes as many as it copied.
constexpr std::size_t linux_command_size(std::uint8_t opcode) {
    if (const auto n = cdb_length(opcode)) return *n;
    return (opcode >> 5) == 3 ? 12 : 10;
}

} // namespace spindle::scsi
