#pragma once
// What Linux's SG_IO reports beside the SCSI status (struct sg_io_hdr, <scsi/sg.h>):
// host_status, the adapter's word (DID_*, include/scsi/scsi_status.h enum scsi_host_status;
// include/scsi/scsi.h before Linux 5.14), and driver_status, the mid-layer's (DRIVER_*,
// include/scsi/scsi.h before 5.14, still reported by drivers/scsi/sg.c; sg3_utils'
// SG_LIB_DRIVER_*). The emulator's SG_IO devices answer with them, the recorder reads them.
#include <cstdint>

namespace spindle::scsi::sg {

inline constexpr std::uint16_t did_ok = 0x00;         // DID_OK: no error
inline constexpr std::uint16_t did_no_connect = 0x01; // DID_NO_CONNECT: could not connect before timeout
inline constexpr std::uint16_t did_bus_busy = 0x02;   // DID_BUS_BUSY
inline constexpr std::uint16_t did_time_out = 0x03;   // DID_TIME_OUT: timed out for another reason
inline constexpr std::uint16_t did_bad_target = 0x04; // DID_BAD_TARGET: bad target (the device is gone)
inline constexpr std::uint16_t did_abort = 0x05;      // DID_ABORT: told to abort
inline constexpr std::uint16_t did_error = 0x07;      // DID_ERROR: internal error
inline constexpr std::uint16_t did_reset = 0x08;      // DID_RESET: reset by somebody

inline constexpr std::uint16_t driver_ok = 0x00;
inline constexpr std::uint16_t driver_error = 0x04;   // DRIVER_ERROR
inline constexpr std::uint16_t driver_timeout = 0x06; // DRIVER_TIMEOUT
inline constexpr std::uint16_t driver_sense = 0x08;   // DRIVER_SENSE: sense data came back
inline constexpr std::uint16_t driver_mask = 0x0F;    // DRIVER_MASK: the high nibble held SUGGEST_* hints

} // namespace spindle::scsi::sg
