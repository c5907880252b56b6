#include "recorder/sense_map.hpp"

#include "scsi/opcode.hpp"

#include <array>
#include <cerrno>

namespace spindle::recorder {
namespace {

using C = CommandContext;
using K = scsi::SenseKey;
constexpr int any = any_value;
constexpr std::optional<K> any_key = std::nullopt;

// Evidence strings name the program or document each row rests on: "burners" the burners' sense
// handling (libburn libburn/spc.c, growisofs, Linux sr, the Windows cdrom class driver sample),
// "IDiscRecorder2Ex docs" Microsoft's IDiscRecorder2Ex pages, "SPC-4" the standard; "inferred"
// marks a row with no public source tying it to the HRESULT beyond the message text.
// clang-format off
constexpr std::array rules{
    // Context rows first: the same sense means different things on different commands.
    SenseRule{C::ModeSense,         K::IllegalRequest, 0x24, 0x00, 0x00, hr::no_such_mode_page, "burners: standard reply for an unsupported page code + IMAPI text (inferred)"},
    SenseRule{C::ModeSense,         K::IllegalRequest, 0x39, 0x00, 0x00, hr::no_such_mode_page, "SPC-4: SAVING PARAMETERS NOT SUPPORTED for PC=11b: no saved page (inferred from IMAPI text \"(and type)\")"},
    SenseRule{C::ReadDiscStructure, K::IllegalRequest, 0x24, 0x00, 0x00, hr::dvd_structure_not_present, "burners: 05/24/00 on READ DISC STRUCTURE (inferred)"},
    SenseRule{C::ReadDiscStructure, K::IllegalRequest, 0x30, 0x02, 0x02, hr::dvd_structure_not_present, "burners: 05/30/02 on READ DISC STRUCTURE (inferred)"},
    SenseRule{C::ModeSelect,        K::IllegalRequest, 0x26, 0x00, 0x02, hr::invalid_mode_parameters, "burners: 26/00-02 on MODE SELECT, IMAPI text + libburn/asctable names (inferred)"},
    SenseRule{C::ModeSelect,        K::IllegalRequest, 0x1A, 0x00, 0x00, hr::invalid_mode_parameters, "burners: PARAMETER LIST LENGTH ERROR on MODE SELECT (inferred)"},
    SenseRule{C::GetConfiguration,  K::IllegalRequest, 0x20, 0x00, 0x00, hr::get_configuration_not_supported, "burners: Linux sr maps 20/00 to -EDRIVE_CANT_DO_THIS"},
    SenseRule{C::Erase,             K::MediumError, 0x51, 0x00, 0x01, hr::erase_drive_failed_erase_command, "burners: libburn names ERASE FAILURE / INCOMPLETE ERASE (inferred)"},
    // The logical unit went away (what LIO answers once a LUN is removed: a vanished device).
    SenseRule{C::Any, K::IllegalRequest, 0x25, 0x00, 0x00, hr::dev_not_exist, "SPC-4: LOGICAL UNIT NOT SUPPORTED, no logical unit at this address; Windows classpnp: no such device, no retry (inferred)"},
    // Medium presence and readiness.
    SenseRule{C::Any, K::NotReady, 0x3A, 0x00, 0x03, hr::media_no_media, "burners: libburn BURN_DISC_EMPTY; growisofs ENOMEDIUM; WinCDROM STATUS_NO_MEDIA_IN_DEVICE"},
    SenseRule{C::Any, K::NotReady, 0x04, 0x03, 0x03, hr::media_no_media, "burners: WinCDROM STATUS_NO_MEDIA_IN_DEVICE, no retry (inferred)"},
    SenseRule{C::Any, K::NotReady, 0x04, 0x01, 0x01, hr::media_becoming_ready, "burners: Linux sr_do_ioctl retries; growisofs retries 0x20401; WinCDROM retries"},
    SenseRule{C::Any, K::NotReady, 0x04, 0x00, 0x00, hr::media_becoming_ready, "burners: WinCDROM: drives report 2/4/0 while spinning up (inferred)"},
    SenseRule{C::Any, K::NotReady, 0x04, 0x04, 0x04, hr::media_format_in_progress, "burners: WinCDROM not ready, no retry; growisofs handles 0x20404"},
    SenseRule{C::Any, K::NotReady, 0x04, 0x07, 0x08, hr::media_busy, "burners: growisofs loops on 0x20407, drains on 0x20408; WinCDROM retries"},
    SenseRule{C::Any, K::NotReady, 0x06, 0x00, 0x00, hr::media_upside_down, "burners: no T10 code; cannot find a reference position (heuristic, inferred)"},
    // Medium format and compatibility: 30/10 and 30/11 before the 30/xx rows.
    SenseRule{C::Any, any_key, 0x30, 0x10, 0x10, hr::media_not_formatted, "burners: asctable.h and sg3_utils MEDIUM NOT FORMATTED"},
    SenseRule{C::Any, K::MediumError, 0x31, 0x00, 0x00, hr::media_not_formatted, "burners: MEDIUM FORMAT CORRUPTED"},
    SenseRule{C::Any, any_key, 0x30, 0x11, 0x11, hr::media_speed_mismatch, "burners: the only MMC code about medium version (inferred)"},
    SenseRule{C::Any, any_key, 0x30, 0x00, 0x02, hr::media_incompatible, "burners: growisofs EMEDIUMTYPE; WinCDROM STATUS_UNRECOGNIZED_MEDIA"},
    SenseRule{C::Any, any_key, 0x30, 0x04, 0x06, hr::media_incompatible, "burners: growisofs ASC 0x30 -> EMEDIUMTYPE"},
    SenseRule{C::Any, any_key, 0x30, 0x08, 0x08, hr::media_incompatible, "burners: APPLICATION CODE MISMATCH, growisofs ASC 0x30"},
    SenseRule{C::Any, K::IllegalRequest, 0x57, 0x00, 0x00, hr::media_incompatible, "burners: WinCDROM STATUS_UNRECOGNIZED_MEDIA (inferred)"},
    // Protection.
    SenseRule{C::Any, K::DataProtect, 0x27, 0x00, 0x07, hr::media_write_protected, "burners: libburn \"Write protected\"; WinCDROM SK 7"},
    SenseRule{C::Any, K::DataProtect, any, any, any, hr::media_write_protected, "burners: WinCDROM SK 7 DATA PROTECT -> STATUS_MEDIA_WRITE_PROTECTED"},
    // Writing.
    SenseRule{C::Any, any_key, 0x0C, 0x09, 0x09, hr::e_loss_of_streaming, "burners: libburn and asctable name LOSS OF STREAMING"},
    SenseRule{C::Write, K::MediumError, 0x0C, 0x00, 0x00, hr::e_unexpected_response_from_device, "burners: WRITE ERROR during write"},
    SenseRule{C::Write, K::IllegalRequest, 0x21, 0x02, 0x02, hr::e_unexpected_response_from_device, "burners: growisofs special-cases 0x52102"},
    SenseRule{C::Write, K::IllegalRequest, 0x2C, 0x00, 0x00, hr::e_unexpected_response_from_device, "burners: growisofs special-cases 0x52C00"},
    SenseRule{C::Write, K::IllegalRequest, 0x63, 0x01, 0x01, hr::e_unexpected_response_from_device, "burners: PACKET DOES NOT FIT"},
    SenseRule{C::Write, K::IllegalRequest, 0x64, 0x00, 0x00, hr::e_unexpected_response_from_device, "burners: libburn 5/64/00 on DVD-RW TAO"},
    SenseRule{C::Write, K::MediumError, 0x72, any, any, hr::e_unexpected_response_from_device, "burners: SESSION FIXATION ERROR"},
    SenseRule{C::Write, any_key, 0x73, any, any, hr::e_unexpected_response_from_device, "burners: growisofs fails on 73/xx with SK != 1"},
    SenseRule{C::Write, K::HardwareError, any, any, any, hr::e_unexpected_response_from_device, "burners: hardware error during write"},
    // A unit attention that outlived the recorder's retries: the medium is still settling.
    SenseRule{C::Any, K::UnitAttention, 0x28, 0x00, 0x00, hr::media_becoming_ready, "burners: libburn retries 6/28/00 (inferred)"},
    SenseRule{C::Any, K::UnitAttention, 0x29, any, any, hr::media_becoming_ready, "burners: libburn classes ASC 29 as RETRY (inferred)"},
};

constexpr std::array transport{
    TransportRule{TransportFailure::Timeout, hr::command_timeout, "burners: cdrkit usalo_send DID_TIME_OUT -> SCG_TIMEOUT; IMAPI text"},
    TransportRule{TransportFailure::NoDevice, hr::dev_not_exist, "IDiscRecorder2Ex docs: HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST), \"Value: 55\""},
    TransportRule{TransportFailure::BadHandle, hr::invalid_handle, "IDiscRecorder2Ex docs: HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE), \"Value: 6\""},
    TransportRule{TransportFailure::ExclusiveBusy, hr::recorder_locked, "burners: cdrkit sg_open_excl retries EBUSY; libburn O_EXCL (Linux analogue)"},
    TransportRule{TransportFailure::Reserved, hr::recorder_locked, "SAM-5 RESERVATION CONFLICT: the drive is held by another initiator; IMAPI text \"exclusively locked\" (inferred)"},
    TransportRule{TransportFailure::PermissionDenied, hr::e_accessdenied, "winerror.h E_ACCESSDENIED = HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED)"},
    TransportRule{TransportFailure::ShortData, hr::invalid_response_from_device, "burners: short or inconsistent returned data; IMAPI text"},
    TransportRule{TransportFailure::HostError, hr::io_device, "winerror.h ERROR_IO_DEVICE: the request failed below SCSI"},
    TransportRule{TransportFailure::Other, hr::e_fail, "IDiscRecorder2Ex docs: E_FAIL, unspecified failure"},
};
// clang-format on

bool matches(int want, std::uint8_t have) { return want == any || want == have; }

} // namespace

CommandContext context_for_opcode(std::uint8_t opcode) {
    using scsi::Opcode;
    switch (static_cast<Opcode>(opcode)) {
    case Opcode::ModeSense6:
    case Opcode::ModeSense10: return C::ModeSense;
    case Opcode::ModeSelect6:
    case Opcode::ModeSelect10: return C::ModeSelect;
    case Opcode::ReadDiscStructure: return C::ReadDiscStructure;
    case Opcode::GetConfiguration: return C::GetConfiguration;
    case Opcode::Blank: return C::Erase;
    case Opcode::Write10:
    case Opcode::Write12:
    case Opcode::WriteAndVerify10:
    case Opcode::SynchronizeCache:
    case Opcode::CloseTrackSession:
    case Opcode::ReserveTrack:
    case Opcode::SendCueSheet:
    case Opcode::FormatUnit: return C::Write;
    default: return C::Any;
    }
}

std::span<const SenseRule> sense_rules() { return rules; }

HResult hresult_for_sense(std::uint8_t opcode, const scsi::SenseData& sense) {
    const CommandContext ctx = context_for_opcode(opcode);
    for (const auto& r : rules) {
        if (r.context != C::Any && r.context != ctx) continue;
        if ((r.key && *r.key != sense.key()) || !matches(r.asc, sense.asc())) continue;
        if (r.ascq_first != any && (sense.ascq() < r.ascq_first || sense.ascq() > r.ascq_last)) continue;
        return r.result;
    }
    return ctx == C::Write ? hr::e_unexpected_response_from_device : hr::e_fail;
}

std::span<const TransportRule> transport_rules() { return transport; }

HResult hresult_for_transport(TransportFailure failure) {
    for (const auto& r : transport)
        if (r.failure == failure) return r.result;
    return hr::e_fail;
}

TransportFailure transport_failure_for_errno(int err, bool exclusive_open) {
    switch (err) {
    case ETIMEDOUT: return TransportFailure::Timeout;
    case ENODEV:
    case ENXIO:
    case ENOENT:
    case ENOTCONN: // a CUSE device whose server went away
        return TransportFailure::NoDevice;
    case EBADF: return TransportFailure::BadHandle;
    case EBUSY: return exclusive_open ? TransportFailure::ExclusiveBusy : TransportFailure::Other;
    case EACCES:
    case EPERM:
    case EROFS: return TransportFailure::PermissionDenied;
    case EIO: return TransportFailure::HostError;
    default: return TransportFailure::Other;
    }
}

} // namespace spindle::recorder
