#include "scsi/sense_names.hpp"

#include <array>
#include <cstdio>

namespace spindle::scsi {

namespace {
// Every code of sense_codes.hpp; a code added there belongs here too.
constexpr std::array known_codes{
    &asc::no_additional_sense,
    &asc::audio_play_in_progress,
    &asc::audio_play_paused,
    &asc::operation_in_progress_sense,
    &asc::no_reference_position_found,
    &asc::not_ready_cause_not_reportable,
    &asc::becoming_ready,
    &asc::initializing_command_required,
    &asc::manual_intervention_required,
    &asc::format_in_progress,
    &asc::operation_in_progress,
    &asc::long_write_in_progress,
    &asc::write_error,
    &asc::loss_of_streaming,
    &asc::padding_blocks_added,
    &asc::unrecovered_read_error,
    &asc::parameter_list_length_error,
    &asc::invalid_command_operation_code,
    &asc::lba_out_of_range,
    &asc::invalid_address_for_write,
    &asc::invalid_field_in_cdb,
    &asc::logical_unit_not_supported,
    &asc::invalid_field_in_parameter_list,
    &asc::parameter_not_supported,
    &asc::parameter_value_invalid,
    &asc::write_protected,
    &asc::medium_may_have_changed,
    &asc::power_on_reset,
    &asc::mode_parameters_changed,
    &asc::command_sequence_error,
    &asc::incompatible_medium_installed,
    &asc::cannot_read_medium_unknown_format,
    &asc::cannot_read_medium_incompatible_format,
    &asc::cannot_write_medium_unknown_format,
    &asc::cannot_write_medium_incompatible_format,
    &asc::cannot_format_medium_incompatible,
    &asc::cleaning_failure,
    &asc::medium_not_formatted,
    &asc::unsupported_medium_version,
    &asc::medium_format_corrupted,
    &asc::format_command_failed,
    &asc::saving_parameters_not_supported,
    &asc::medium_not_present,
    &asc::medium_not_present_tray_closed,
    &asc::medium_not_present_tray_open,
    &asc::operator_medium_removal_request,
    &asc::erase_failure,
    &asc::internal_target_failure,
    &asc::medium_removal_prevented,
    &asc::media_load_or_eject_failed,
    &asc::unable_to_recover_toc,
    &asc::end_of_user_area_encountered,
    &asc::packet_does_not_fit,
    &asc::illegal_mode_for_this_track,
    &asc::invalid_packet_size,
    &asc::session_fixation_error,
    &asc::session_fixation_error_incomplete_track,
    &asc::empty_or_partially_written_reserved_track,
    &asc::no_more_track_reservations_allowed,
    &asc::power_calibration_area_almost_full,
    &asc::power_calibration_area_is_full,
    &asc::power_calibration_area_error,
    &asc::program_memory_area_is_full,
};
} // namespace

std::string_view sense_key_name(SenseKey key) {
    switch (key) {
    case SenseKey::NoSense: return "NO SENSE";
    case SenseKey::RecoveredError: return "RECOVERED ERROR";
    case SenseKey::NotReady: return "NOT READY";
    case SenseKey::MediumError: return "MEDIUM ERROR";
    case SenseKey::HardwareError: return "HARDWARE ERROR";
    case SenseKey::IllegalRequest: return "ILLEGAL REQUEST";
    case SenseKey::UnitAttention: return "UNIT ATTENTION";
    case SenseKey::DataProtect: return "DATA PROTECT";
    case SenseKey::BlankCheck: return "BLANK CHECK";
    case SenseKey::VendorSpecific: return "VENDOR SPECIFIC";
    case SenseKey::CopyAborted: return "COPY ABORTED";
    case SenseKey::AbortedCommand: return "ABORTED COMMAND";
    case SenseKey::VolumeOverflow: return "VOLUME OVERFLOW";
    case SenseKey::Miscompare: return "MISCOMPARE";
    }
    return "RESERVED";
}

std::string asc_name(std::uint8_t asc, std::uint8_t ascq) {
    for (const Asc* code : known_codes)
        if (code->asc == asc && code->ascq == ascq) return std::string(code->name);
    char buf[32];
    std::snprintf(buf, sizeof buf, "ASC %02Xh ASCQ %02Xh", asc, ascq);
    return buf;
}

} // namespace spindle::scsi
