#pragma once
// The commands a profile capture sends, each returning the drive's whole answer. Failures keep
// the recorder's Error (HRESULT, sense, CDB), so a caller can tell "not supported" from "broken".
#include "recorder/disc_recorder_ex.hpp"

#include <cstdint>

namespace spindle::recorder::capture {

// INQUIRY (SPC-4 6.4): standard data with allocation length 255, or one VPD page.
Result<Bytes> inquiry(DiscRecorderEx& ex);
Result<Bytes> inquiry_vpd(DiscRecorderEx& ex, std::uint8_t page);
// GET CONFIGURATION (MMC-6 6.6), RT 00b from feature 0000h: the feature header and every
// descriptor, read at the length the header announces.
Result<Bytes> get_configuration_all(DiscRecorderEx& ex);
// MODE SENSE(10) (SPC-4 6.12), DBD set, one page or 3Fh, page control 0..3: the whole answer.
Result<Bytes> mode_sense10(DiscRecorderEx& ex, std::uint8_t page, std::uint8_t page_control);
// GET PERFORMANCE (MMC-6 6.7): every descriptor of `type` with Data Type `data_type`.
Result<Bytes> get_performance(DiscRecorderEx& ex, std::uint8_t type, std::uint8_t data_type);
// READ BUFFER CAPACITY (MMC-6 6.21), Block = 0: 12 bytes.
Result<Bytes> read_buffer_capacity(DiscRecorderEx& ex);
// SET CD SPEED (MMC-6 6.37): speeds in kB/s, FFFFh = the fastest; CLV.
Result<void> set_cd_speed(DiscRecorderEx& ex, std::uint16_t read_kbps, std::uint16_t write_kbps);
// SET STREAMING (MMC-6 6.39) type 00h for the whole medium: a direction with 0 is left as it
// is; `restore_defaults` sends RDD, which returns the drive to its own speeds.
Result<void> set_streaming(DiscRecorderEx& ex, std::uint32_t read_kbps, std::uint32_t write_kbps,
                           bool restore_defaults = false);

} // namespace spindle::recorder::capture
