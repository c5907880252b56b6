#include "emulator/drive/write_timing.hpp"

namespace spindle::write_timing {

WriteTiming write(DriveState& s, std::uint64_t) { return {s.clock.now(), std::nullopt}; }

DriveTime flush(DriveState& s) { return s.clock.now(); }

// Nominal times, so progress can be watched: a minimal CD-RW blank takes about a minute on a
// real drive, a full one and a full DVD-RW format the time of writing the disc; a DVD+RW
// format returns within seconds and goes on in the background.
Duration operation(const DriveState&, Operation op) {
    using std::chrono::seconds;
    switch (op) {
    case Operation::CloseTrack: return seconds(1);
    case Operation::CloseSession:
    case Operation::Finalize:
    case Operation::StopBackgroundFormat: return seconds(2);
    case Operation::BlankMinimal:
    case Operation::FormatQuick: return seconds(10);
    case Operation::BlankFull:
    case Operation::FormatFull: return seconds(60);
    }
    return seconds(0);
}

} // namespace spindle::write_timing
