#pragma once
// IDiscFormat2Erase: quick and full erase of CD-RW and DVD-RW (BLANK type 1 / 0 with Immed)
// and of formattable rewritable media (FORMAT UNIT), with the elapsed and estimated total time
// from the drive's progress indication every poll interval (IMAPI2: every 0.5 or 1 s).
// format_media() is the FORMAT UNIT half on its own (`discrec format`).
#include "recorder/disc_recorder.hpp"
#include "recorder/format_types.hpp"

#include <string>

namespace spindle::recorder {

class DiscEraser {
public:
    explicit DiscEraser(DiscRecorder& recorder) : recorder_(&recorder) {}

    // FullErase: overwrite the whole disc (BLANK type 0, full format / certification);
    // otherwise only what makes it blank (BLANK type 1, quick format).
    void set_full_erase(bool v) { full_ = v; }
    bool full_erase() const { return full_; }
    void set_client_name(std::string name) { client_name_ = std::move(name); }
    const std::string& client_name() const { return client_name_; }
    void set_progress_handler(EraseProgressHandler h) { on_progress_ = std::move(h); }
    void set_clock(ProgressClock c) { clock_ = std::move(c); }
    void set_poll_interval(std::chrono::milliseconds d) { interval_ = d; }

    Result<std::uint16_t> current_physical_media_type();

    // EraseMedia: CD-RW, DVD-RW: BLANK. DVD+RW, DVD-RAM, BD-RE: unformatted, or with
    // FullErase, FORMAT UNIT; then, as IMAPI2 erases overwrite-only media, zeros over the
    // areas file systems keep their anchors in (the first 1024 and the last 512 sectors).
    // E_IMAPI_ERASE_MEDIA_IS_NOT_ERASABLE for write-once media, E_IMAPI_ERASE_MEDIA_IS_NOT_SUPPORTED
    // for no medium or ROM; E_IMAPI_ERASE_TOOK_LONGER_THAN_ONE_HOUR.
    Result<void> erase_media();
    // FORMAT UNIT with a descriptor from READ FORMAT CAPACITIES: DVD+RW 26h, DVD-RAM and BD-RE
    // 00h (quick: BD-RE 30h quick certification), DVD-RW 00h / 15h (restricted overwrite);
    // on random-access media the anchor areas are zeroed after it (reformatting a DVD+RW
    // leaves its data readable).
    Result<void> format_media();

private:
    Result<void> run_blank(std::uint8_t type);
    Result<void> run_format(std::uint16_t profile);
    Result<void> wait();
    Result<void> clear_anchor_areas();

    DiscRecorder* recorder_;
    bool full_ = false;
    std::string client_name_ = "spindle";
    EraseProgressHandler on_progress_;
    ProgressClock clock_ = system_progress_clock;
    std::chrono::milliseconds interval_{500};
    std::chrono::steady_clock::time_point started_{};
};

} // namespace spindle::recorder
