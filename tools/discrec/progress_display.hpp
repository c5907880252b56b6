#pragma once
// How `discrec burn/erase/format` and the demo show progress: a bar on a terminal (percent,
// rate, drive buffer fill, time left), plain lines when stderr is not a terminal, or one JSON
// object per line on stdout for programs (--progress=json). A percentage or a time left is
// shown only where something measures it: steps without progress show their name alone.
#include "recorder/format_types.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace spindle::discrec {

enum class ProgressStyle : std::uint8_t { Bar, Plain, Json, None };

// "auto" picks Bar on a terminal and Plain otherwise.
ProgressStyle progress_style(const std::string& option);

class ProgressDisplay {
public:
    explicit ProgressDisplay(ProgressStyle style) : style_(style) {}
    ~ProgressDisplay() { end_line(); }
    ProgressDisplay(const ProgressDisplay&) = delete;
    ProgressDisplay& operator=(const ProgressDisplay&) = delete;

    void write_progress(const recorder::WriteProgress& p);
    void erase_progress(const recorder::EraseProgress& p, const char* what);
    // Erase and format times come from the drive's clock: on an emulated drive with a virtual
    // clock they are its time, not this machine's, and are labelled so ("emulated drive time").
    void set_drive_time_label(std::string label) { drive_time_label_ = std::move(label); }
    // Ends a bar line so the next output starts on its own line.
    void end_line();
    ProgressStyle style() const { return style_; }

private:
    // A bar with its percentage, or (no fraction: nothing says how far) the details alone.
    void bar(std::optional<double> fraction, const std::string& label, const std::string& details);

    ProgressStyle style_;
    bool open_line_ = false;
    recorder::WriteAction last_action_ = recorder::WriteAction::Completed;
    bool any_ = false;
    double last_plain_ = -10;
    std::string drive_time_label_;
};

std::string format_duration(double seconds);   // "1:05", "0:03"
std::string format_bytes(std::uint64_t bytes); // "256 MiB", "1.5 GiB"

} // namespace spindle::discrec
