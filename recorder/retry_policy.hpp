#pragma once
// When the recorder tries a failed command again, and when it gives up: the one place for it.
// IMAPI2 does not publish its policy; careful Linux burners and the kernel do (libburn
// libburn/spc.c scsi_error_msg and scsi_eval_cmd_outcome, growisofs, Linux sr_do_ioctl):
//   - 2/04/01 becoming ready: wait and retry, bounded. Linux sr_do_ioctl sleeps 2 s and
//     retries up to 10 times; after that the caller gets E_IMAPI_RECORDER_MEDIA_BECOMING_READY.
//   - 2/04/00 cause not reportable: the same, but libburn gives up after about 5 s.
//   - 6/xx unit attention: the drive reports an event once; re-probe (re-issue) once per
//     distinct unit attention. The same one again means the drive keeps failing: give up.
//   - 2/04/07 operation in progress, 2/04/08 long write in progress, status BUSY: poll
//     (growisofs wait_for_unit: TEST UNIT READY once a second), bounded; then MEDIA_BUSY.
//   - everything else (no medium, format in progress, incompatible, timeouts, ...): fail fast.
#include "scsi/sense.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

namespace spindle::recorder {

struct RetryLimits {
    std::chrono::milliseconds becoming_ready_interval{2'000}; // sr_do_ioctl: ssleep(2)
    int becoming_ready_attempts = 10;                         // sr_do_ioctl: 10 retries
    std::chrono::milliseconds not_reportable_total{5'000};    // libburn: about 5 s for 2/04/00
    std::chrono::milliseconds busy_interval{1'000};           // growisofs wait_for_unit: 1 s
    std::chrono::milliseconds busy_total{120'000};            // a drained 4 MB buffer at 1x CD takes < 30 s
    int unit_attentions = 4; // distinct unit attentions re-probed for one command (reset + medium change + ...)
};

// What to do after one attempt of a command.
struct RetryDecision {
    enum class Kind : std::uint8_t { GiveUp, RetryNow, RetryAfter } kind = Kind::GiveUp;
    std::chrono::milliseconds delay{0};
};

// One command's retry bookkeeping; a fresh one per command.
class RetryPolicy {
public:
    explicit RetryPolicy(RetryLimits limits = {}) : limits_(limits) {}

    // The command failed with CHECK CONDITION and this sense.
    RetryDecision on_sense(const scsi::SenseData& sense);
    // The command failed with status BUSY (08h).
    RetryDecision on_busy();

    const RetryLimits& limits() const { return limits_; }
    std::chrono::milliseconds waited() const { return waited_; } // total delay asked for so far

private:
    RetryDecision wait(std::chrono::milliseconds interval, std::chrono::milliseconds total);

    RetryLimits limits_;
    int becoming_ready_tries_ = 0;
    std::chrono::milliseconds waited_{0};
    std::chrono::milliseconds busy_waited_{0};
    std::vector<scsi::SenseData> unit_attentions_seen_;
};

} // namespace spindle::recorder
