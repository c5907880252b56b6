#include "emulator/drive/command_table.hpp"

#include <algorithm>

namespace spindle {
namespace {

using scsi::Opcode;
namespace h = handlers;

constexpr bool Medium = true, Any = false;
constexpr bool Exempt = true, Reports = false;
constexpr bool RunsWhenReserved = true;

constexpr std::array table{
    CommandInfo{Opcode::TestUnitReady, "TEST UNIT READY", 6, Any, Reports, h::test_unit_ready},
    CommandInfo{Opcode::RequestSense, "REQUEST SENSE", 6, Any, Exempt, h::request_sense, RunsWhenReserved},
    CommandInfo{Opcode::FormatUnit, "FORMAT UNIT", 6, Medium, Reports, h::format_unit},
    CommandInfo{Opcode::Inquiry, "INQUIRY", 6, Any, Exempt, h::inquiry, RunsWhenReserved},
    CommandInfo{Opcode::ModeSelect6, "MODE SELECT(6)", 6, Any, Reports, h::mode_select6},
    CommandInfo{Opcode::ModeSense6, "MODE SENSE(6)", 6, Any, Reports, h::mode_sense6},
    CommandInfo{Opcode::StartStopUnit, "START STOP UNIT", 6, Any, Reports, h::start_stop_unit},
    CommandInfo{Opcode::PreventAllowMediumRemoval, "PREVENT ALLOW MEDIUM REMOVAL", 6, Any, Reports,
                h::prevent_allow_medium_removal},
    CommandInfo{Opcode::ReadFormatCapacities, "READ FORMAT CAPACITIES", 10, Any, Reports, h::read_format_capacities},
    CommandInfo{Opcode::ReadCapacity, "READ CAPACITY", 10, Medium, Reports, h::read_capacity},
    CommandInfo{Opcode::Read10, "READ(10)", 10, Medium, Reports, h::read10},
    CommandInfo{Opcode::Write10, "WRITE(10)", 10, Medium, Reports, h::write10},
    CommandInfo{Opcode::WriteAndVerify10, "WRITE AND VERIFY(10)", 10, Medium, Reports, h::write_and_verify10},
    CommandInfo{Opcode::SynchronizeCache, "SYNCHRONIZE CACHE", 10, Medium, Reports, h::synchronize_cache},
    CommandInfo{Opcode::ReadSubchannel, "READ SUB-CHANNEL", 10, Medium, Reports, h::read_subchannel},
    CommandInfo{Opcode::ReadTocPmaAtip, "READ TOC/PMA/ATIP", 10, Medium, Reports, h::read_toc_pma_atip},
    CommandInfo{Opcode::PlayAudio10, "PLAY AUDIO(10)", 10, Medium, Reports, h::play_audio10},
    CommandInfo{Opcode::GetConfiguration, "GET CONFIGURATION", 10, Any, Exempt, h::get_configuration},
    CommandInfo{Opcode::PlayAudioMsf, "PLAY AUDIO MSF", 10, Medium, Reports, h::play_audio_msf},
    CommandInfo{Opcode::GetEventStatusNotification, "GET EVENT STATUS NOTIFICATION", 10, Any, Exempt,
                h::get_event_status_notification},
    CommandInfo{Opcode::PauseResume, "PAUSE/RESUME", 10, Medium, Reports, h::pause_resume},
    CommandInfo{Opcode::StopPlayScan, "STOP PLAY/SCAN", 10, Medium, Reports, h::stop_play_scan},
    CommandInfo{Opcode::ReadDiscInformation, "READ DISC INFORMATION", 10, Medium, Reports, h::read_disc_information},
    CommandInfo{Opcode::ReadTrackInformation, "READ TRACK INFORMATION", 10, Medium, Reports, h::read_track_information},
    CommandInfo{Opcode::ReserveTrack, "RESERVE TRACK", 10, Medium, Reports, h::reserve_track},
    CommandInfo{Opcode::SendOpcInformation, "SEND OPC INFORMATION", 10, Medium, Reports, h::send_opc_information},
    CommandInfo{Opcode::ModeSelect10, "MODE SELECT(10)", 10, Any, Reports, h::mode_select10},
    CommandInfo{Opcode::ModeSense10, "MODE SENSE(10)", 10, Any, Reports, h::mode_sense10},
    CommandInfo{Opcode::CloseTrackSession, "CLOSE TRACK/SESSION", 10, Medium, Reports, h::close_track_session},
    CommandInfo{Opcode::ReadBufferCapacity, "READ BUFFER CAPACITY", 10, Any, Reports, h::read_buffer_capacity},
    CommandInfo{Opcode::SendCueSheet, "SEND CUE SHEET", 10, Medium, Reports, h::send_cue_sheet},
    CommandInfo{Opcode::Blank, "BLANK", 12, Medium, Reports, h::blank},
    CommandInfo{Opcode::PlayAudio12, "PLAY AUDIO(12)", 12, Medium, Reports, h::play_audio12},
    CommandInfo{Opcode::Read12, "READ(12)", 12, Medium, Reports, h::read12},
    CommandInfo{Opcode::Write12, "WRITE(12)", 12, Medium, Reports, h::write12},
    CommandInfo{Opcode::GetPerformance, "GET PERFORMANCE", 12, Any, Reports, h::get_performance},
    CommandInfo{Opcode::ReadDiscStructure, "READ DISC STRUCTURE", 12, Any, Reports, h::read_disc_structure},
    CommandInfo{Opcode::SetStreaming, "SET STREAMING", 12, Any, Reports, h::set_streaming},
    CommandInfo{Opcode::ReadCdMsf, "READ CD MSF", 12, Medium, Reports, h::read_cd_msf},
    CommandInfo{Opcode::Scan, "SCAN", 12, Medium, Reports, h::scan},
    CommandInfo{Opcode::SetCdSpeed, "SET CD SPEED", 12, Any, Reports, h::set_cd_speed},
    CommandInfo{Opcode::MechanismStatus, "MECHANISM STATUS", 12, Any, Reports, h::mechanism_status},
    CommandInfo{Opcode::ReadCd, "READ CD", 12, Medium, Reports, h::read_cd},
    CommandInfo{Opcode::SendDiscStructure, "SEND DISC STRUCTURE", 12, Medium, Reports, h::send_disc_structure},
};

constexpr bool table_is_consistent() {
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto op = static_cast<std::uint8_t>(table[i].opcode);
        if (i > 0 && static_cast<std::uint8_t>(table[i - 1].opcode) >= op) return false; // sorted, unique
        const auto group_length = scsi::cdb_length(op); // nullopt: the group fixes no length
        if (group_length && *group_length != table[i].cdb_length) return false;
        if (table[i].name.empty()) return false;
    }
    return true;
}
static_assert(table_is_consistent(), "command table: opcodes sorted and unique, CDB length matching the group code");

constexpr std::array<std::int16_t, 256> build_index() {
    std::array<std::int16_t, 256> index{};
    for (auto& i : index) i = -1;
    for (std::size_t i = 0; i < table.size(); ++i)
        index[static_cast<std::uint8_t>(table[i].opcode)] = static_cast<std::int16_t>(i);
    return index;
}
constexpr auto index = build_index();

constexpr std::array audio_play_enders{
    Opcode::FormatUnit,   Opcode::StartStopUnit,     Opcode::Read10,       Opcode::Write10, Opcode::WriteAndVerify10,
    Opcode::ReserveTrack, Opcode::CloseTrackSession, Opcode::SendCueSheet, Opcode::Blank,   Opcode::Read12,
    Opcode::Write12,      Opcode::SetCdSpeed,
};

} // namespace

bool ends_audio_play(Opcode opcode) { return std::ranges::find(audio_play_enders, opcode) != audio_play_enders.end(); }

const CommandInfo* find_command(std::uint8_t opcode) {
    const auto i = index[opcode];
    return i < 0 ? nullptr : &table[static_cast<std::size_t>(i)];
}

std::span<const CommandInfo> command_table() { return table; }

} // namespace spindle
