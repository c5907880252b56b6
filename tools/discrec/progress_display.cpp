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

void ProgressDisplay::bar(double fraction, const std::string& label, const std::string& details) {
    constexpr int width = 30;
    const int filled = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * width);
    fmt::print(
        stderr, "\r  {:<16} [{}{}] {:3.0f}%  {}\x1b[K", label, std::string(static_cast<std::size_t>(filled), '#'),
        std::string(static_cast<std::size_t>(width - filled), '.'), std::clamp(fraction, 0.0, 1.0) * 100, details);
    std::fflush(stderr);
    open_line_ = true;
}

void ProgressDisplay::write_progress(const recorder::WriteProgress& p) {
    const double fraction =
        p.sector_count > 0 && (p.action == WriteAction::WritingData || p.action == WriteAction::Verifying)
            ? static_cast<double>(p.sectors_done) / p.sector_count
            : std::max(0.0, p.operation_fraction);
    const bool moving = p.action == WriteAction::WritingData || p.action == WriteAction::Verifying;
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
                         {"remaining_seconds", p.remaining_seconds},
                         {"total_seconds", p.total_seconds},
                         {"start_lba", p.start_lba},
                         {"sector_count", p.sector_count},
                         {"sectors_done", p.sectors_done},
                         {"last_written_lba", p.last_written_lba},
                         {"drive_buffer_bytes", p.drive_buffer_bytes},
                         {"drive_buffer_free_bytes", p.drive_buffer_free_bytes}};
        if (p.operation_fraction >= 0) j["operation_fraction"] = p.operation_fraction;
        fmt::print("{}\n", j.dump());
        std::fflush(stdout);
        return;
    }
    case ProgressStyle::Plain: {
        const bool changed = !any_ || p.action != last_action_;
        const bool done = moving && p.sector_count > 0 && p.sectors_done == p.sector_count;
        if (!changed && !done && p.elapsed_seconds - last_plain_ < 1.0) return;
        last_plain_ = p.elapsed_seconds;
        std::string line = fmt::format("{}: {:.0f}%", label, fraction * 100);
        if (moving) line += fmt::format(", {} of {} sectors, {:.1f} MB/s", p.sectors_done, p.sector_count, rate);
        if (buffer >= 0 && p.action == WriteAction::WritingData) line += fmt::format(", drive buffer {:.0f}%", buffer);
        if (p.remaining_seconds > 0) line += fmt::format(", {} left", format_duration(p.remaining_seconds));
        fmt::print(stderr, "  {}\n", line);
        break;
    }
    case ProgressStyle::Bar: {
        const bool changed = !any_ || p.action != last_action_;
        if (changed) end_line();
        if (!moving && p.operation_fraction < 0) {
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
    switch (style_) {
    case ProgressStyle::None: return;
    case ProgressStyle::Json:
        fmt::print("{}\n", nlohmann::json{{"event", "progress"},
                                          {"action", what},
                                          {"elapsed_seconds", p.elapsed_seconds},

                                          {"estimated_total_seconds", p.estimated_total_seconds},
                                          {"fraction", p.fraction}}
                               .dump());
        std::fflush(stdout);
        return;
    case ProgressStyle::Plain:
        if (p.elapsed_seconds - last_plain_ < 1.0 && fraction < 1.0) return;
        last_plain_ = p.elapsed_seconds;
        fmt::print(stderr, "  {}: {:.0f}%, {} elapsed, about {} in all\n", what, fraction * 100,
                   format_duration(p.elapsed_seconds), format_duration(p.estimated_total_seconds));
        return;
    case ProgressStyle::Bar:
        bar(fraction, what,
            fmt::format("{} elapsed, about {} in all", format_duration(p.elapsed_seconds),
                        format_duration(p.estimated_total_seconds)));
        return;
    }
}

} // namespace spindle::discrec
