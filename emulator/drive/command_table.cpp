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
    CommandInfo{Opcode::TestUnitReady, Any, Reports, h::test_unit_ready},
    CommandInfo{Opcode::RequestSense, Any, Exempt, h::request_sense, RunsWhenReserved},
    CommandInfo{Opcode::FormatUnit, Medium, Reports, h::format_unit},
    CommandInfo{Opcode::Inquiry, Any, Exempt, h::inquiry, RunsWhenReserved},
    CommandInfo{Opcode::ModeSelect6, Any, Reports, h::mode_select6},
    CommandInfo{Opcode::ModeSense6, Any, Reports, h::mode_sense6},
    CommandInfo{Opcode::StartStopUnit, Any, Reports, h::start_stop_unit},
    CommandInfo{Opcode::PreventAllowMediumRemoval, Any, Reports, h::prevent_allow_medium_removal},
    CommandInfo{Opcode::ReadFormatCapacities, Any, Reports, h::read_format_capacities},
    CommandInfo{Opcode::ReadCapacity, Medium, Reports, h::read_capacity},
    CommandInfo{Opcode::Read10, Medium, Reports, h::read10},
    CommandInfo{Opcode::Write10, Medium, Reports, h::write10},
    CommandInfo{Opcode::WriteAndVerify10, Medium, Reports, h::write_and_verify10},
    CommandInfo{Opcode::SynchronizeCache, Medium, Reports, h::synchronize_cache},
    CommandInfo{Opcode::ReadSubchannel, Medium, Reports, h::read_subchannel},
    CommandInfo{Opcode::ReadTocPmaAtip, Medium, Reports, h::read_toc_pma_atip},
    CommandInfo{Opcode::PlayAudio10, Medium, Reports, h::play_audio10},
    CommandInfo{Opcode::GetConfiguration, Any, Exempt, h::get_configuration},
    CommandInfo{Opcode::PlayAudioMsf, Medium, Reports, h::play_audio_msf},
    CommandInfo{Opcode::GetEventStatusNotification, Any, Exempt, h::get_event_status_notification},
    CommandInfo{Opcode::PauseResume, Medium, Reports, h::pause_resume},
    CommandInfo{Opcode::StopPlayScan, Medium, Reports, h::stop_play_scan},
    CommandInfo{Opcode::ReadDiscInformation, Medium, Reports, h::read_disc_information},
    CommandInfo{Opcode::ReadTrackInformation, Medium, Reports, h::read_track_information},
    CommandInfo{Opcode::ReserveTrack, Medium, Reports, h::reserve_track},
    CommandInfo{Opcode::SendOpcInformation, Medium, Reports, h::send_opc_information},
    CommandInfo{Opcode::ModeSelect10, Any, Reports, h::mode_select10},
    CommandInfo{Opcode::ModeSense10, Any, Reports, h::mode_sense10},
    CommandInfo{Opcode::CloseTrackSession, Medium, Reports, h::close_track_session},
    CommandInfo{Opcode::ReadBufferCapacity, Any, Reports, h::read_buffer_capacity},
    CommandInfo{Opcode::SendCueSheet, Medium, Reports, h::send_cue_sheet},
    CommandInfo{Opcode::Blank, Medium, Reports, h::blank},
    CommandInfo{Opcode::PlayAudio12, Medium, Reports, h::play_audio12},
    CommandInfo{Opcode::Read12, Medium, Reports, h::read12},
    CommandInfo{Opcode::Write12, Medium, Reports, h::write12},
    CommandInfo{Opcode::GetPerformance, Any, Reports, h::get_performance},
    CommandInfo{Opcode::ReadDiscStructure, Any, Reports, h::read_disc_structure},
    CommandInfo{Opcode::SetStreaming, Any, Reports, h::set_streaming},
    CommandInfo{Opcode::ReadCdMsf, Medium, Reports, h::read_cd_msf},
    CommandInfo{Opcode::Scan, Medium, Reports, h::scan},
    CommandInfo{Opcode::SetCdSpeed, Any, Reports, h::set_cd_speed},
    CommandInfo{Opcode::MechanismStatus, Any, Reports, h::mechanism_status},
    CommandInfo{Opcode::ReadCd, Medium, Reports, h::read_cd},
    CommandInfo{Opcode::SendDiscStructure, Medium, Reports, h::send_disc_structure},
};

constexpr bool table_is_consistent() {
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto op = static_cast<std::uint8_t>(table[i].opcode);
        if (i > 0 && static_cast<std::uint8_t>(table[i - 1].opcode) >= op) return false; // sorted, unique
        if (!scsi::cdb_length(op)) return false; // every command's group fixes its CDB length
        if (scsi::opcode_name(table[i].opcode).empty()) return false;
    }
    return true;
}
static_assert(table_is_consistent(),
              "command table: opcodes sorted and unique, each of a group that fixes its CDB length");

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
