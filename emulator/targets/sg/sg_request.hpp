#pragma once
// One SG_IO request (sg_io_hdr, <scsi/sg.h> interface 'S', version 3) run on a served drive, as
// the Linux sg driver would answer it: SCSI status, sense, residual, host and driver status,
// duration, and when the answer may be delivered (drive/sg_outcome.hpp decides what of the
// completion reaches the caller). No system calls: a target (the CUSE device, mmc-emu exec's
// ioctl handler) moves the bytes, this decides them.
#include "emulator/drive/sg_outcome.hpp"
#include "emulator/targets/served_drive.hpp"

#include <scsi/sg.h>

#include <cstdint>
#include <span>
#include <vector>

namespace spindle::sg {

// The kernel's include/scsi/sg.h has SG_DXFER_UNKNOWN (-5); glibc's <scsi/sg.h> lacks it.
inline constexpr int sg_dxfer_unknown = -5;
// SG_GET_VERSION_NUM: the sg driver version the device claims (3.5.36, Linux 2.6 to today).
inline constexpr int sg_version_num = 30536;
// SG_SET_TIMEOUT units: USER_HZ.
inline constexpr int user_hz = 100;
inline constexpr int default_timeout_ticks = 60 * user_hz; // SG_DEFAULT_TIMEOUT

inline constexpr std::uint32_t default_reserved_size = 64 * 1024;
// What a target can carry in one SG_IO: the largest transfer and scatter-gather list.
struct TransferLimits {
    std::uint32_t max_transfer;
    unsigned max_iovec_count;
};

// Whether data flows from the initiator (its bytes are fetched first) and to it.
bool sends_data(int dxfer_direction);
bool receives_data(int dxfer_direction);

struct SgResult {
    sg_io_hdr_t header{};              // the request's header with the result fields filled
    std::vector<std::uint8_t> sense;   // sb_len_wr bytes
    std::vector<std::uint8_t> data_in; // what goes back to dxferp (data_in_length bytes)
    DriveTime arrived{0};
    DriveTime due{0}; // when the answer is delivered
};

// Checks the header as sg does before anything runs: an errno, or 0.
int check_header(const sg_io_hdr_t& h, TransferLimits limits);

// Runs the command. `timeout_ms` is the request's timeout (the header's, or the file's default
// when the header says 0). A drive that answers after the timeout (or never) gives DID_TIME_OUT
// at the timeout; a device that vanished gives DID_NO_CONNECT, and so does every later command
// (`gone` is set and kept by the caller).
SgResult run_sg_io(ServedDrive& drive, const sg_io_hdr_t& h, std::span<const std::uint8_t> cdb,
                   std::span<const std::uint8_t> data_out, std::uint32_t timeout_ms, bool& gone);

// Fills duration (ms between arrival and delivery) into a result about to be delivered.
void set_duration(SgResult& r, DriveTime delivered);

} // namespace spindle::sg
