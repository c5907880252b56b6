#include "emulator/drive/commands/write_timing.hpp"

#include "emulator/drive/speeds.hpp"
#include "emulator/drive/write_parameters.hpp"
#include "emulator/timing/transfer_rate.hpp"

namespace spindle::write_timing {

namespace {

constexpr std::uint8_t write_parameters_page = 0x05;

// BUFE as page 05h has it now; a drive without the page has no way to clear it.
bool bufe_bit(const DriveState& s) {
    if (s.mode_pages.page(write_parameters_page, PageControl::Current) == nullptr) return true;
    return write_parameters(s).bufe;
}

DriveTime answer_at(const DriveState& s, DriveTime done) {
    return s.timing_mode == TimingMode::RealTime ? done : s.now();
}

} // namespace

std::uint64_t write_bytes_per_second(const DriveState& s) {
    if (!s.medium) return 0;
    const MediaFamily family = s.medium->disc.family();
    std::uint32_t kbps = effective_speeds(s).write_kbps;
    if (kbps == 0) kbps = timing::one_x_kbps(family);
    return timing::user_bytes_per_second(family, kbps);
}

bool buffer_underrun_free(const DriveState& s) {
    if (s.medium && !write_parameters_apply(s.medium->disc.kind)) return true;
    return bufe_bit(s);
}

WriteTiming write(DriveState& s, std::uint64_t bytes) {
    const DriveTime now = s.now();
    s.buffer.set_rate(now, write_bytes_per_second(s));
    if (s.buffer.streaming() && now > s.buffer.empty_at() && !buffer_underrun_free(s)) {
        s.buffer.clear();
        return WriteTiming{now, loss_of_streaming()};
    }
    return WriteTiming{answer_at(s, s.buffer.fill(now, bytes)), std::nullopt};
}

DriveTime flush(DriveState& s) {
    const DriveTime now = s.now();
    s.buffer.set_rate(now, write_bytes_per_second(s));
    return answer_at(s, s.buffer.flush(now));
}

// Nominal times, so progress can be watched: a minimal CD-RW blank takes about a minute on a
// real drive, a full one and a full DVD-RW format the time of writing the disc; a DVD+RW
// format returns within seconds and goes on in the background. Closing writes a few lead-out
// or border blocks: in fast mode that is data stored as fast as the machine can, so done at
// once (a burner polling with Immed finds the drive ready at its first TEST UNIT READY).
Duration operation(const DriveState& s, Operation op) {
    using std::chrono::seconds;
    const bool fast = s.timing_mode == TimingMode::Fast;
    switch (op) {
    case Operation::CloseTrack: return fast ? seconds(0) : seconds(1);
    case Operation::CloseSession:
    case Operation::Finalize:
    case Operation::StopBackgroundFormat: return fast ? seconds(0) : seconds(2);
    case Operation::BlankMinimal:
    case Operation::FormatQuick: return seconds(10);
    case Operation::BlankFull:
    case Operation::FormatFull: return seconds(60);
    }
    return seconds(0);
}

scsi::SenseData loss_of_streaming() {
    return scsi::sense::make(scsi::SenseKey::MediumError, scsi::asc::loss_of_streaming);
}

} // namespace spindle::write_timing
