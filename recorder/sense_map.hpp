#pragma once
// The one table that turns what a drive or the transport reported into an IMAPI2 HRESULT.
// Microsoft does not publish IMAPI2's own table; each row names its evidence (libburn
// libburn/spc.c, growisofs, the Linux sr driver, the Windows cdrom class driver sample,
// the imapi2error.h message text). Rows marked "inferred" have no source tying the sense code
// to the HRESULT beyond that text.
#include "recorder/hresult.hpp"
#include "scsi/sense.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace spindle::recorder {

// Where a rule applies: IMAPI2 is context-aware (5/24/00 is NO_SUCH_MODE_PAGE on MODE SENSE
// and DVD_STRUCTURE_NOT_PRESENT on READ DISC STRUCTURE).
enum class CommandContext : std::uint8_t {
    Any,
    ModeSense,         // 1Ah, 5Ah
    ModeSelect,        // 15h, 55h
    ReadDiscStructure, // ADh
    GetConfiguration,  // 46h
    Write,             // WRITE(10/12), WRITE AND VERIFY, SYNCHRONIZE CACHE, CLOSE, RESERVE, SEND CUE SHEET
    Erase,             // BLANK
};

CommandContext context_for_opcode(std::uint8_t opcode);

inline constexpr int any_value = -1;

struct SenseRule {
    CommandContext context;
    std::optional<scsi::SenseKey> key; // nullopt: any key
    int asc;                           // or any_value
    int ascq_first;                    // inclusive range; any_value for all
    int ascq_last;
    HResult result;
    std::string_view evidence;
};

// Rules in match order: the first row that matches wins, so context rows come first.
std::span<const SenseRule> sense_rules();

// A failed command with sense. A sense code no row knows maps to
// E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE in a write context and E_FAIL elsewhere.
HResult hresult_for_sense(std::uint8_t opcode, const scsi::SenseData& sense);

// What went wrong below SCSI: the transport's own failures.
enum class TransportFailure : std::uint8_t {
    Timeout,          // SG_IO DID_TIME_OUT / the ioctl timed out / busy_until past the timeout
    NoDevice,         // ENODEV, ENXIO, ENOENT on open, DID_NO_CONNECT: the device is gone
    BadHandle,        // EBADF: the descriptor is closed or invalid
    ExclusiveBusy,    // EBUSY on an O_EXCL open: someone else holds the device
    Reserved,         // SCSI status RESERVATION CONFLICT: another initiator reserved the drive
    PermissionDenied, // EACCES, EPERM
    ShortData,        // fewer bytes than a well-formed answer needs, or inconsistent lengths
    HostError,        // other host_status / driver_status failures (bus reset, abort)
    Other,            // any other errno
};

struct TransportRule {
    TransportFailure failure;
    HResult result;
    std::string_view evidence;
};

std::span<const TransportRule> transport_rules();
HResult hresult_for_transport(TransportFailure failure);
// errno from open/ioctl -> the failure it means (EBUSY only counts as ExclusiveBusy when the
// open asked for O_EXCL; callers pass `exclusive_open`).
TransportFailure transport_failure_for_errno(int err, bool exclusive_open = false);

} // namespace spindle::recorder
