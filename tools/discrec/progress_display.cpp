#include "progress_display.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <unistd.h>

namespace spindle::discrec {

using recorder::WriteAction;

ProgressStyle progress_style(const std::string& option) {
    if (option == "json") return ProgressStyle::Json;
    if (option == "plain") return ProgressStyle::Plain;
    if (option == "bar") return ProgressStyle::Bar;
    if (option == "none") return ProgressStyle::None;
    return ::isatty(STDERR_FILENO) ? ProgressStyle::Bar : ProgressStyle::Plain;
}

std::string format_duration(double seconds) {
    const auto s = static_cast<long>(std::lround(std::max(0.0, seconds)));
    if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
    return fmt::format("{}:{:02}", s / 60, s % 60);
}

std::string format_bytes(std::uint64_t bytes) {
    const double b = static_cast<double>(bytes);
    if (b >= 1024.0 * 1024 * 1024) return fmt::format("{:.1f} GiB", b / (1024.0 * 1024 * 1024));
    if (b >= 1024.0 * 1024) return fmt::format("{:.1f} MiB", b / (1024.0 * 1024));
    if (b >= 1024.0) return fmt::format("{:.1f} KiB", b / 1024.0);
    return fmt::format("{} bytes", bytes);
}

void ProgressDisplay::end_line() {
    if (!open_line_) return;
    fmt::print(stderr, "\n");
    open_line_ = false;
}

void ProgressDisplay::bar(std::optional<double> fraction, const std::string& label, const std::string& details) {
    constexpr int width = 30;
    if (!fraction) {
        fmt::print(stderr, "\r  {:<16} {}\x1b[K", label, details);
    } else {
        const double f = std::clamp(*fraction, 0.0, 1.0);
        const int filled = static_cast<int>(f * width);
        fmt::print(stderr, "\r  {:<16} [{}{}] {:3.0f}%  {}\x1b[K", label,
                   std::string(static_cast<std::size_t>(filled), '#'),
                   std::string(static_cast<std::size_t>(width - filled), '.'), f * 100, details);
    }
    std::fflush(stderr);
    open_line_ = true;
}

void ProgressDisplay::write_progress(const recorder::WriteProgress& p) {
    const bool moving = p.action == WriteAction::WritingData || p.action == WriteAction::Verifying;
    // How far the step is, when something measures it: sectors of a known total, or the
    // drive's progress indication (format, close). Otherwise none.
    std::optional<double> fraction;
    if (moving && p.sector_count > 0)
        fraction = static_cast<double>(p.sectors_done) / p.sector_count;
    else if (!moving && p.operation_fraction >= 0)
        fraction = p.operation_fraction;
    const bool done = fraction && *fraction >= 1.0;
    const double rate =
        moving && p.action_seconds > 0 ? static_cast<double>(p.sectors_done) * 2048 / 1e6 / p.action_seconds : 0;
    const double buffer = p.drive_buffer_bytes > 0
                              ? 100.0 * (p.drive_buffer_bytes - p.drive_buffer_free_bytes) / p.drive_buffer_bytes
                              : -1;
    const std::string label(recorder::to_string(p.action));
    switch (style_) {
    case ProgressStyle::None: return;
    case ProgressStyle::Json: {
        nlohmann::json j{{"event", "progress"},
                         {"action", label},
                         {"action_code", static_cast<int>(p.action)},
                         {"elapsed_seconds", p.elapsed_seconds},
                         {"action_seconds", p.action_seconds},
                         {"start_lba", p.start_lba},
                         {"sector_count", p.sector_count},
                         {"sectors_done", p.sectors_done},
                         {"last_written_lba", p.last_written_lba},
                         {"drive_buffer_bytes", p.drive_buffer_bytes},
                         {"drive_buffer_free_bytes", p.drive_buffer_free_bytes}};
        // Time left only where it is known: estimated from the rate so far, or 0 once the
        // step has done all it measures; absent otherwise.
        if (p.remaining_seconds > 0 || (moving && done)) {
            j["remaining_seconds"] = p.remaining_seconds;
            j["total_seconds"] = p.total_seconds;
        }
        if (p.operation_fraction >= 0) j["operation_fraction"] = p.operation_fraction;
        fmt::print("{}\n", j.dump());
        std::fflush(stdout);
        return;
    }
    case ProgressStyle::Plain: {
        const bool changed = !any_ || p.action != last_action_;
        if (!changed && !(moving && done) && p.elapsed_seconds - last_plain_ < 1.0) return;
        last_plain_ = p.elapsed_seconds;
        std::string line = label;
        if (fraction) line += fmt::format(": {:.0f}%", *fraction * 100);
        if (moving) {
            line += fraction ? ", " : ": ";
            line += p.sector_count > 0 ? fmt::format("{} of {} sectors", p.sectors_done, p.sector_count)
                                       : fmt::format("{} sectors", p.sectors_done);
            line += fmt::format(", {:.1f} MB/s", rate);
        }
        if (buffer >= 0 && p.action == WriteAction::WritingData) line += fmt::format(", drive buffer {:.0f}%", buffer);
        if (p.remaining_seconds > 0) line += fmt::format(", {} left", format_duration(p.remaining_seconds));
        fmt::print(stderr, "  {}\n", line);
        break;
    }
    case ProgressStyle::Bar: {
        const bool changed = !any_ || p.action != last_action_;
        if (changed) end_line();
        if (!moving && !fraction) {
            // Nothing to measure (validating, initializing, completed): one line per action.
            if (changed) {
                fmt::print(stderr, "  {}\n", label);
                std::fflush(stderr);
            }
            break;
        }
        std::string details;
        if (moving)
            details += fmt::format("{:>10}  {:7.1f} MB/s", format_bytes(std::uint64_t{p.sectors_done} * 2048), rate);
        if (buffer >= 0 && p.action == WriteAction::WritingData) details += fmt::format("  buffer {:3.0f}%", buffer);
        if (p.remaining_seconds > 0) details += fmt::format("  {} left", format_duration(p.remaining_seconds));
        bar(fraction, label, details);
        break;
    }
    }
    any_ = true;
    last_action_ = p.action;
}

void ProgressDisplay::erase_progress(const recorder::EraseProgress& p, const char* what) {
    const double fraction = std::max(0.0, p.fraction);
    const bool estimated = p.estimated_total_seconds > 0;
    const std::string clock = drive_time_label_.empty() ? "" : fmt::format(" ({})", drive_time_label_);
    switch (style_) {
    case ProgressStyle::None: return;
    case ProgressStyle::Json: {
        nlohmann::json j{{"event", "progress"},
                         {"action", what},
                         {"elapsed_seconds", p.elapsed_seconds},
                         {"fraction", p.fraction},
                         {"clock", drive_time_label_.empty() ? "wall" : "emulated"}};
        if (estimated) j["estimated_total_seconds"] = p.estimated_total_seconds;
        fmt::print("{}\n", j.dump());
        std::fflush(stdout);
        return;
    }
    case ProgressStyle::Plain:
        if (p.elapsed_seconds - last_plain_ < 1.0 && fraction < 1.0) return;
        last_plain_ = p.elapsed_seconds;
        fmt::print(stderr, "  {}: {:.0f}%, {} elapsed{}{}\n", what, fraction * 100, format_duration(p.elapsed_seconds),
                   estimated ? fmt::format(", about {} in all", format_duration(p.estimated_total_seconds)) : "",
                   clock);
        return;
    case ProgressStyle::Bar:
        bar(fraction, what,
            fmt::format("{} elapsed{}{}", format_duration(p.elapsed_seconds),
                        estimated ? fmt::format(", about {} in all", format_duration(p.estimated_total_seconds)) : "",
                        clock));
        return;
    }
}

} // namespace spindle::discrec
