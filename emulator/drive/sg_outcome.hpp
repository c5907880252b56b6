#pragma once
// What an SG_IO caller sees of a drive's completion, as the Linux sg driver reports it for our
// drive behind LIO (kernel.cuse_device compares the two): shared by every way the drive is
// reached through an SG_IO-shaped interface (the CUSE and exec sg devices, the recorder's
// in-process transport), so that they cannot disagree.
#include "emulator/drive/command.hpp"
#include "scsi/sg_status.hpp"

#include <cstddef>
#include <cstdint>

namespace spindle {

// sg's host and driver statuses, as Linux defines them (scsi/sg_status.hpp).
using scsi::sg::did_no_connect;
using scsi::sg::did_ok;
using scsi::sg::did_time_out;
using scsi::sg::driver_sense;

struct SgOutcome {
    DriveTime due{0}; // when the caller gets the answer
    std::uint16_t host_status = did_ok;
    std::uint16_t driver_status = 0; // driver_sense when sense data came back
    std::uint8_t status = 0;         // the SCSI status, with host_status did_ok
    std::size_t data_in_length = 0;  // bytes of the answer the caller gets
    std::size_t residual = 0;        // of the `length` bytes asked for
};

// `c` answered a command that moved `length` bytes (data in when `data_in`), which arrived at
// `arrived` with `timeout`: a vanished device is DID_NO_CONNECT at once, an answer past the
// timeout DID_TIME_OUT at the timeout, both with everything residual; a CHECK CONDITION comes
// with DRIVER_SENSE and, as sg reports it, neither data nor a residual.
SgOutcome sg_outcome(const Completion& c, std::size_t length, bool data_in, DriveTime arrived, Duration timeout);

} // namespace spindle
