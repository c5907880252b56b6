#pragma once
// What IDiscFormat2Data's properties set for a write, as one value: DataWriter keeps it and
// hands it to the burn (burn_run.hpp), which reads nothing else of the writer.
#include <chrono>
#include <cstdint>
#include <string>

namespace spindle::recorder {

// How DVD-R/-RW are written: incremental (multisession) or disc-at-once (RESERVE TRACK).
enum class DvdMinusMethod : std::uint8_t { Auto, Incremental, DiscAtOnce };

struct WriteSettings {
    bool force_media_to_be_closed = false;      // ForceMediaToBeClosed: no session can follow
    bool force_overwrite = false;               // ForceOverwrite: blank or write over what is there
    bool buffer_underrun_free_disabled = false; // BufferUnderrunFreeDisabled: page 05h BUFE clear
    bool test_write = false;                    // simulation: page 05h Test Write
    bool verify = false;                        // IBurnVerification FULL: read back, compare checksums
    DvdMinusMethod dvd_minus_method = DvdMinusMethod::Auto;
    std::string client_name = "spindle"; // ClientName
    // SetWriteSpeed's request, applied again when the write starts: sectors per second, -1
    // for the fastest (and, never set, for leaving the drive's speed alone).
    std::int32_t requested_speed = -1;
    bool requested_rotation_pure_cav = false;
    std::chrono::milliseconds progress_interval{500}; // IMAPI2: progress every 0.5 s
};

} // namespace spindle::recorder
