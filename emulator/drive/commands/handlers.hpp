#pragma once
// Command handlers, one family per file (named beside each group). A handler may assume the
// dispatcher has checked the CDB length, the control byte, unit attention and, for commands
// that need it, a ready medium.
#include "emulator/drive/command.hpp"
#include "emulator/drive/drive_state.hpp"

namespace spindle::handlers {

using Handler = Completion (*)(DriveState&, const Command&);

// unit_ready.cpp
Completion test_unit_ready(DriveState&, const Command&);
Completion request_sense(DriveState&, const Command&);
// inquiry.cpp
Completion inquiry(DriveState&, const Command&);
// mode_cdbs.cpp
Completion mode_sense6(DriveState&, const Command&);
Completion mode_sense10(DriveState&, const Command&);
Completion mode_select6(DriveState&, const Command&);
Completion mode_select10(DriveState&, const Command&);
// configuration.cpp
Completion get_configuration(DriveState&, const Command&);
// event_status.cpp
Completion get_event_status_notification(DriveState&, const Command&);
// tray_and_motor.cpp
Completion start_stop_unit(DriveState&, const Command&);
Completion prevent_allow_medium_removal(DriveState&, const Command&);
Completion mechanism_status(DriveState&, const Command&);
// read.cpp
Completion read_capacity(DriveState&, const Command&);
Completion read10(DriveState&, const Command&);
Completion read12(DriveState&, const Command&);
// read_cd.cpp
Completion read_cd(DriveState&, const Command&);
Completion read_cd_msf(DriveState&, const Command&);
// read_subchannel.cpp
Completion read_subchannel(DriveState&, const Command&);
// read_toc.cpp
Completion read_toc_pma_atip(DriveState&, const Command&);
// disc_information.cpp
Completion read_disc_information(DriveState&, const Command&);
// track_information.cpp
Completion read_track_information(DriveState&, const Command&);
// disc_structure.cpp
Completion read_disc_structure(DriveState&, const Command&);
Completion send_disc_structure(DriveState&, const Command&);
// format_capacities.cpp
Completion read_format_capacities(DriveState&, const Command&);
// performance.cpp
Completion get_performance(DriveState&, const Command&);
Completion set_cd_speed(DriveState&, const Command&);
Completion set_streaming(DriveState&, const Command&);
// buffer.cpp
Completion read_buffer_capacity(DriveState&, const Command&);
// write.cpp
Completion write10(DriveState&, const Command&);
Completion write12(DriveState&, const Command&);
Completion write_and_verify10(DriveState&, const Command&);
// reserve_track.cpp
Completion reserve_track(DriveState&, const Command&);
// send_cue_sheet.cpp
Completion send_cue_sheet(DriveState&, const Command&);
// close_track_session.cpp
Completion close_track_session(DriveState&, const Command&);
// synchronize_cache.cpp
Completion synchronize_cache(DriveState&, const Command&);
// send_opc_information.cpp
Completion send_opc_information(DriveState&, const Command&);
// blank.cpp
Completion blank(DriveState&, const Command&);
// format_unit.cpp
Completion format_unit(DriveState&, const Command&);
// play_audio.cpp
Completion play_audio10(DriveState&, const Command&);
Completion play_audio12(DriveState&, const Command&);
Completion play_audio_msf(DriveState&, const Command&);
Completion pause_resume(DriveState&, const Command&);
Completion stop_play_scan(DriveState&, const Command&);
Completion scan(DriveState&, const Command&);

} // namespace spindle::handlers
