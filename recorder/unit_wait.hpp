#pragma once
// Waiting on a long operation (FORMAT UNIT, BLANK, CLOSE, SYNCHRONIZE CACHE sent with Immed)
// as careful burners wait (libburn, growisofs): TEST UNIT READY at an
// interval, the progress indication from the sense-key specific bytes (SKSV), REQUEST SENSE
// when TEST UNIT READY carries none (growisofs wait_for_unit), until the drive is ready.
#include "recorder/disc_recorder_ex.hpp"

#include <chrono>
#include <functional>
#include <optional>

namespace spindle::recorder {

struct UnitWaitOptions {
    std::chrono::milliseconds interval{500};              // DDiscFormat2EraseEvents: every 0.5 or 1 s
    std::chrono::milliseconds limit{3'600'000};           // libburn spc_wait_unit_attention: 3600 s
    std::function<bool()> cancelled{};                    // polled between tries; the drive is not stopped
    std::function<void(std::optional<double>)> on_poll{}; // progress 0..1 when the drive reports it
};

// Polls until TEST UNIT READY succeeds. Not-ready conditions of a running operation
// (2/04/04, 2/04/07, 2/04/08, 2/04/01) and unit attentions are waited through; anything else
// is returned as the error the sense maps to. `timeout_hr` is returned past the limit.
Result<void> wait_for_unit(DiscRecorderEx& ex, const UnitWaitOptions& options, HResult timeout_hr);

// The fraction done from fixed-format sense with SKSV (byte 15 bit 7, bytes 16-17 / 65536).
std::optional<double> sense_progress(std::span<const std::uint8_t> sense);

} // namespace spindle::recorder
