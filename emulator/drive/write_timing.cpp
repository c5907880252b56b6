#include "emulator/drive/write_timing.hpp"

#include "emulator/drive/speeds.hpp"
#include "emulator/profile/mode_page_layouts.hpp"
#include "emulator/timing/transfer_rate.hpp"

namespace spindle {

namespace {

constexpr std::uint8_t write_parameters_page = 0x05;

bool page_05_governs(MediaKind k) {
    switch (k) {
    case MediaKind::CdR:
    case MediaKind::CdRw:
    case MediaKind::DvdMinusR:
    case MediaKind::DvdMinusRDl:
    case MediaKind::DvdMinusRwSequential: return true;
    default: return false;
    }
}

bool bufe_bit(const DriveState& s) {
    const scsi::Bytes* page = s.mode_pages.page(write_parameters_page, PageControl::Current);
    const ModePageLayout* layout = mode_page_layout(write_parameters_page);
    const ModePageField* field = layout ? find_field(*layout, "bufe") : nullptr;
    if (page == nullptr || field == nullptr || page->size() <= field->byte) return true; // no page: no BUFE to turn off
    return get_field(*page, *field) != 0;
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
    if (s.medium && !page_05_governs(s.medium->disc.kind)) return true;
    return bufe_bit(s);
}

WriteTiming account_write(DriveState& s, std::uint64_t bytes) {
    const DriveTime now = s.clock.now();
    s.buffer.set_rate(now, write_bytes_per_second(s));
    if (s.buffer.streaming() && now > s.buffer.empty_at() && !buffer_underrun_free(s)) {
        s.buffer.clear();
        return WriteTiming{now, true};
    }
    const DriveTime done = s.buffer.fill(now, bytes);
    return WriteTiming{s.timing_mode == TimingMode::RealTime ? done : now, false};
}

DriveTime account_flush(DriveState& s) {
    const DriveTime now = s.clock.now();
    s.buffer.set_rate(now, write_bytes_per_second(s));
    const DriveTime done = s.buffer.flush(now);
    return s.timing_mode == TimingMode::RealTime ? done : now;
}

void discard_buffer(DriveState& s) { s.buffer.clear(); }

scsi::SenseData loss_of_streaming() {
    return scsi::sense::make(scsi::SenseKey::MediumError, scsi::asc::loss_of_streaming);
}

void mark_lost_streaming(Track& t) { t.damaged = true; }

} // namespace spindle
