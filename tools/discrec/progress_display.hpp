#pragma once
// How `discrec burn/erase/format` and the demo show progress: a bar on a terminal (percent,
// rate, drive buffer fill, time left), plain lines when stderr is not a terminal, or one JSON
// object per line on stdout for programs (--progress=json).
#include "recorder/format_types.hpp"

#include <cstdint>
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
    // Ends a bar line so the next output starts on its own line.
    void end_line();
    ProgressStyle style() const { return style_; }

private:
    void bar(double fraction, const std::string& label, const std::string& details);

    ProgressStyle style_;
    bool open_line_ = false;
    recorder::WriteAction last_action_ = recorder::WriteAction::Completed;
    bool any_ = false;
    double last_plain_ = -10;
};

std::string format_duration(double seconds);   // "1:05", "0:03"
std::string format_bytes(std::uint64_t bytes); // "256 MiB", "1.5 GiB"

} // namespace spindle::discrec
