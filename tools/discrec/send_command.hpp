#pragma once
// discrec send: one raw CDB, its data or its sense.
#include "recorder/disc_recorder.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace spindle::discrec {

struct SendOptions {
    std::vector<std::uint8_t> cdb;
    std::size_t in_length = 0;     // bytes to read from the drive
    std::vector<std::uint8_t> out; // bytes to send to it
    std::uint32_t timeout = 30;    // seconds
    bool keep_unit_attention = false;
};

// Clears pending UNIT ATTENTION first (unless asked not to), so the answer printed is the
// command's own, then sends it. Returns the exit status.
int send_command(recorder::DiscRecorder& rec, const SendOptions& o);

} // namespace spindle::discrec
