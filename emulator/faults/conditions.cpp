#include "emulator/faults/conditions.hpp"

#include <array>

namespace spindle::faults {
namespace {

using C = Condition;
using E = Effect;
using K = scsi::SenseKey;
namespace asc = scsi::asc;

// Sources: the programs seen to handle each answer (libburn libburn/spc.c and mmc.c,
// growisofs, the Linux sr driver, the Windows cdrom class driver sample, the T10 names of
// dvd+rw-tools asctable.h and sg3_utils); MMC-6 annex F lists which commands report each code.
// clang-format off
constexpr std::array table{
    ConditionInfo{C::NoMedium, "no-medium", E::Sense, K::NotReady, asc::medium_not_present_tray_closed, false, "",
                  "MMC-6 annex F; libburn BURN_DISC_EMPTY, sr ENOMEDIUM"},
    ConditionInfo{C::TrayOpen, "tray-open", E::Sense, K::NotReady, asc::medium_not_present_tray_open, false, "",
                  "MMC-6 annex F: 2/3A/02 while the tray is out"},
    ConditionInfo{C::BecomingReady, "becoming-ready", E::Sense, K::NotReady, asc::becoming_ready, false, "",
                  "sr_do_ioctl and growisofs retry 2/04/01; scsi_debug tur_ms_to_ready"},
    ConditionInfo{C::FormatInProgress, "format-in-progress", E::Sense, K::NotReady, asc::format_in_progress, true, "",
                  "2/04/04 with progress in SKSV (growisofs sperror)"},
    ConditionInfo{C::Busy, "busy", E::Sense, K::NotReady, asc::operation_in_progress, true, "",
                  "2/04/07 while closing a session; growisofs loops on 0x20407"},
    ConditionInfo{C::LongWrite, "long-write", E::Sense, K::NotReady, asc::long_write_in_progress, true, "",
                  "2/04/08 while the buffer drains; growisofs drains on 0x20408"},
    ConditionInfo{C::UpsideDown, "upside-down", E::QuirkSense, K::NotReady, asc::medium_not_present_tray_closed, false, "",
                  "no T10 code: drives that find no lead-in say 2/3A/01 while GESN reports a disc; profile quirks.upside_down"},
    ConditionInfo{C::IncompatibleMedium, "incompatible-medium", E::Sense, K::NotReady, asc::incompatible_medium_installed, false, "",
                  "2/30/00 (growisofs EMEDIUMTYPE, WinCDROM STATUS_UNRECOGNIZED_MEDIA)"},
    ConditionInfo{C::SpeedMismatch, "speed-mismatch", E::QuirkSense, K::NotReady, asc::unsupported_medium_version, false, "",
                  "no dedicated code: MMC's 30/11 UNSUPPORTED MEDIUM VERSION or plain 2/30/00; profile quirks.speed_mismatch"},
    ConditionInfo{C::WriteProtected, "write-protected", E::Sense, K::DataProtect, asc::write_protected, false, "",
                  "7/27/00 (libburn, WinCDROM SK 7)"},
    ConditionInfo{C::NotFormatted, "not-formatted", E::Sense, K::NotReady, asc::medium_not_formatted, false, "",
                  "30/10 MEDIUM NOT FORMATTED (asctable.h, sg3_utils)"},
    ConditionInfo{C::LossOfStreaming, "loss-of-streaming", E::Sense, K::MediumError, asc::loss_of_streaming, false, "",
                  "3/0C/09 buffer underrun with BUFE off (libburn, asctable.h)"},
    ConditionInfo{C::NoSuchModePage, "no-such-mode-page", E::Sense, K::IllegalRequest, asc::invalid_field_in_cdb, false, "page",
                  "SPC-4 6.14: an unsupported page code is 5/24/00 pointing at CDB byte 2"},
    ConditionInfo{C::DvdStructureNotPresent, "dvd-structure-not-present", E::Sense, K::IllegalRequest,
                  asc::cannot_read_medium_incompatible_format, false, "",
                  "5/30/02 on READ DISC STRUCTURE (what drives answer for a CD)"},
    ConditionInfo{C::InvalidResponse, "invalid-response", E::TruncatedData, K::NoSense, asc::no_additional_sense, false, "",
                  "an answer shorter than its own header says (IMAPI2 INVALID_RESPONSE_FROM_DEVICE text)"},
    ConditionInfo{C::Timeout, "timeout", E::Hang, K::NoSense, asc::no_additional_sense, false, "",
                  "scsi_debug opts 4: no response; the initiator's timeout fires (DID_TIME_OUT)"},
    ConditionInfo{C::DeviceGone, "device-gone", E::Vanish, K::NoSense, asc::no_additional_sense, false, "",
                  "a USB drive unplugged: DID_NO_CONNECT, then ENODEV"},
    ConditionInfo{C::Locked, "locked", E::ReservationConflict, K::NoSense, asc::no_additional_sense, false, "",
                  "SAM-5 RESERVATION CONFLICT: another initiator reserved the drive (SPC-2 RESERVE)"},
};
// clang-format on

constexpr bool in_enum_order() {
    for (std::size_t i = 0; i < table.size(); ++i)
        if (static_cast<std::size_t>(table[i].id) != i) return false;
    return true;
}
static_assert(in_enum_order(), "condition table in Condition order");

} // namespace

std::span<const ConditionInfo> conditions() { return table; }

const ConditionInfo& condition_info(Condition c) { return table[static_cast<std::size_t>(c)]; }

std::string_view current_spelling(std::string_view name) {
    if (name == "no-media") return "no-medium";
    if (name == "incompatible-media") return "incompatible-medium";
    return name;
}

std::optional<Condition> condition_by_name(std::string_view name) {
    name = current_spelling(name);
    for (const auto& c : table)
        if (c.name == name) return c.id;
    return std::nullopt;
}

} // namespace spindle::faults
