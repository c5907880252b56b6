#pragma once
// Operation codes: SPC-4 table 61 (commands for all device types) and MMC-6 table 13, the ones
// the drive implements, the recorder sends or a fault rule may name. Code that means an opcode
// spells it as one of these, never in hex.
#include <cstdint>

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

// SPC-4 4.3.2: the group code (top three bits) fixes the CDB length, except for groups 3
// (variable/reserved) and 6, 7 (vendor specific), where 0 is returned.
constexpr unsigned cdb_length_for_opcode(std::uint8_t opcode) {
    switch (opcode >> 5) {
    case 0: return 6;
    case 1:
    case 2: return 10;
    case 4: return 16;
    case 5: return 12;
    default: return 0;
    }
}

} // namespace spindle::scsi
