#pragma once
// Sense keys (SPC-4 table 27) and the additional sense codes spindle reports (SPC-4 table 28,
// MMC-6 annex F). Every ASC/ASCQ the emulator sends is named here, nowhere else (and listed
// in sense_names.cpp, which names codes for logs).
#include <cstdint>
#include <string_view>

namespace spindle::scsi {

enum class SenseKey : std::uint8_t {
    NoSense = 0x0,
    RecoveredError = 0x1,
    NotReady = 0x2,
    MediumError = 0x3,
    HardwareError = 0x4,
    IllegalRequest = 0x5,
    UnitAttention = 0x6,
    DataProtect = 0x7,
    BlankCheck = 0x8,
    VendorSpecific = 0x9,
    CopyAborted = 0xA,
    AbortedCommand = 0xB,
    VolumeOverflow = 0xD,
    Miscompare = 0xE,
};

struct Asc {
    std::uint8_t asc;
    std::uint8_t ascq;
    std::string_view name;
    constexpr bool operator==(const Asc& o) const { return asc == o.asc && ascq == o.ascq; }
};

namespace asc {
inline constexpr Asc no_additional_sense{0x00, 0x00, "NO ADDITIONAL SENSE INFORMATION"};
// SPC-4 table 28, the audio status REQUEST SENSE reports while the drive plays CD audio.
inline constexpr Asc audio_play_in_progress{0x00, 0x11, "AUDIO PLAY OPERATION IN PROGRESS"};
inline constexpr Asc audio_play_paused{0x00, 0x12, "AUDIO PLAY OPERATION PAUSED"};
inline constexpr Asc operation_in_progress_sense{0x00, 0x16, "OPERATION IN PROGRESS"};
inline constexpr Asc no_reference_position_found{0x06, 0x00, "NO REFERENCE POSITION FOUND"};
inline constexpr Asc not_ready_cause_not_reportable{0x04, 0x00, "LOGICAL UNIT NOT READY, CAUSE NOT REPORTABLE"};
inline constexpr Asc becoming_ready{0x04, 0x01, "LOGICAL UNIT IS IN PROCESS OF BECOMING READY"};
inline constexpr Asc initializing_command_required{0x04, 0x02, "LOGICAL UNIT NOT READY, INITIALIZING COMMAND REQUIRED"};
inline constexpr Asc manual_intervention_required{0x04, 0x03, "LOGICAL UNIT NOT READY, MANUAL INTERVENTION REQUIRED"};
inline constexpr Asc format_in_progress{0x04, 0x04, "LOGICAL UNIT NOT READY, FORMAT IN PROGRESS"};
inline constexpr Asc operation_in_progress{0x04, 0x07, "LOGICAL UNIT NOT READY, OPERATION IN PROGRESS"};
inline constexpr Asc long_write_in_progress{0x04, 0x08, "LOGICAL UNIT NOT READY, LONG WRITE IN PROGRESS"};
inline constexpr Asc write_error{0x0C, 0x00, "WRITE ERROR"};
inline constexpr Asc loss_of_streaming{0x0C, 0x09, "WRITE ERROR - LOSS OF STREAMING"};
inline constexpr Asc padding_blocks_added{0x0C, 0x0A, "WRITE ERROR - PADDING BLOCKS ADDED"};
inline constexpr Asc unrecovered_read_error{0x11, 0x00, "UNRECOVERED READ ERROR"};
inline constexpr Asc parameter_list_length_error{0x1A, 0x00, "PARAMETER LIST LENGTH ERROR"};
inline constexpr Asc invalid_command_operation_code{0x20, 0x00, "INVALID COMMAND OPERATION CODE"};
inline constexpr Asc lba_out_of_range{0x21, 0x00, "LOGICAL BLOCK ADDRESS OUT OF RANGE"};
inline constexpr Asc invalid_address_for_write{0x21, 0x02, "INVALID ADDRESS FOR WRITE"};
inline constexpr Asc invalid_field_in_cdb{0x24, 0x00, "INVALID FIELD IN CDB"};
inline constexpr Asc logical_unit_not_supported{0x25, 0x00, "LOGICAL UNIT NOT SUPPORTED"};
inline constexpr Asc invalid_field_in_parameter_list{0x26, 0x00, "INVALID FIELD IN PARAMETER LIST"};
inline constexpr Asc parameter_not_supported{0x26, 0x01, "PARAMETER NOT SUPPORTED"};
inline constexpr Asc parameter_value_invalid{0x26, 0x02, "PARAMETER VALUE INVALID"};
inline constexpr Asc write_protected{0x27, 0x00, "WRITE PROTECTED"};
inline constexpr Asc medium_may_have_changed{0x28, 0x00, "NOT READY TO READY CHANGE, MEDIUM MAY HAVE CHANGED"};
inline constexpr Asc power_on_reset{0x29, 0x00, "POWER ON, RESET, OR BUS DEVICE RESET OCCURRED"};
inline constexpr Asc mode_parameters_changed{0x2A, 0x01, "MODE PARAMETERS CHANGED"};
inline constexpr Asc command_sequence_error{0x2C, 0x00, "COMMAND SEQUENCE ERROR"};
inline constexpr Asc incompatible_medium_installed{0x30, 0x00, "INCOMPATIBLE MEDIUM INSTALLED"};
inline constexpr Asc cannot_read_medium_unknown_format{0x30, 0x01, "CANNOT READ MEDIUM - UNKNOWN FORMAT"};
inline constexpr Asc cannot_read_medium_incompatible_format{0x30, 0x02, "CANNOT READ MEDIUM - INCOMPATIBLE FORMAT"};
inline constexpr Asc cannot_write_medium_unknown_format{0x30, 0x04, "CANNOT WRITE MEDIUM - UNKNOWN FORMAT"};
inline constexpr Asc cannot_write_medium_incompatible_format{0x30, 0x05, "CANNOT WRITE MEDIUM - INCOMPATIBLE FORMAT"};
inline constexpr Asc cannot_format_medium_incompatible{0x30, 0x06, "CANNOT FORMAT MEDIUM - INCOMPATIBLE MEDIUM"};
inline constexpr Asc cleaning_failure{0x30, 0x07, "CLEANING FAILURE"};
inline constexpr Asc medium_not_formatted{0x30, 0x10, "MEDIUM NOT FORMATTED"};
inline constexpr Asc unsupported_medium_version{0x30, 0x11, "CANNOT WRITE MEDIUM - UNSUPPORTED MEDIUM VERSION"};
inline constexpr Asc medium_format_corrupted{0x31, 0x00, "MEDIUM FORMAT CORRUPTED"};
inline constexpr Asc format_command_failed{0x31, 0x01, "FORMAT COMMAND FAILED"};
inline constexpr Asc saving_parameters_not_supported{0x39, 0x00, "SAVING PARAMETERS NOT SUPPORTED"};
inline constexpr Asc medium_not_present{0x3A, 0x00, "MEDIUM NOT PRESENT"};
inline constexpr Asc medium_not_present_tray_closed{0x3A, 0x01, "MEDIUM NOT PRESENT - TRAY CLOSED"};
inline constexpr Asc medium_not_present_tray_open{0x3A, 0x02, "MEDIUM NOT PRESENT - TRAY OPEN"};
inline constexpr Asc operator_medium_removal_request{0x5A, 0x01, "OPERATOR MEDIUM REMOVAL REQUEST"};
inline constexpr Asc internal_target_failure{0x44, 0x00, "INTERNAL TARGET FAILURE"};
inline constexpr Asc erase_failure{0x51, 0x00, "ERASE FAILURE"};
inline constexpr Asc medium_removal_prevented{0x53, 0x02, "MEDIUM REMOVAL PREVENTED"};
inline constexpr Asc media_load_or_eject_failed{0x53, 0x00, "MEDIA LOAD OR EJECT FAILED"};
inline constexpr Asc unable_to_recover_toc{0x57, 0x00, "UNABLE TO RECOVER TABLE-OF-CONTENTS"};
inline constexpr Asc end_of_user_area_encountered{0x63, 0x00, "END OF USER AREA ENCOUNTERED ON THIS TRACK"};
inline constexpr Asc packet_does_not_fit{0x63, 0x01, "PACKET DOES NOT FIT IN AVAILABLE SPACE"};
inline constexpr Asc illegal_mode_for_this_track{0x64, 0x00, "ILLEGAL MODE FOR THIS TRACK"};
inline constexpr Asc invalid_packet_size{0x64, 0x01, "INVALID PACKET SIZE"};
inline constexpr Asc session_fixation_error{0x72, 0x00, "SESSION FIXATION ERROR"};
inline constexpr Asc session_fixation_error_incomplete_track{0x72, 0x03,
                                                             "SESSION FIXATION ERROR - INCOMPLETE TRACK IN SESSION"};
inline constexpr Asc empty_or_partially_written_reserved_track{0x72, 0x04, "EMPTY OR PARTIALLY WRITTEN RESERVED TRACK"};
inline constexpr Asc no_more_track_reservations_allowed{0x72, 0x05, "NO MORE TRACK RESERVATIONS ALLOWED"};
inline constexpr Asc power_calibration_area_almost_full{0x73, 0x01, "POWER CALIBRATION AREA ALMOST FULL"};
inline constexpr Asc power_calibration_area_is_full{0x73, 0x02, "POWER CALIBRATION AREA IS FULL"};
inline constexpr Asc power_calibration_area_error{0x73, 0x03, "POWER CALIBRATION AREA ERROR"};
inline constexpr Asc program_memory_area_is_full{0x73, 0x05, "PROGRAM MEMORY AREA IS FULL"};
} // namespace asc

} // namespace spindle::scsi
