#include "emulator/targets/fusectl/control_request.hpp"

#include "emulator/targets/fusectl/drive_control.hpp"
#include "emulator/targets/fusectl/drive_export.hpp"

#include <fmt/format.h>

namespace spindle::fusectl {

namespace {

bool blank(std::string_view text) { return trim(text).empty(); }

std::expected<void, std::string> carry_out(ServedDrive& drive, FileKind kind, std::string_view line) {
    switch (kind) {
    case FileKind::Tray: return write_tray(drive, line);
    case FileKind::Medium: return write_medium(drive, line);
    case FileKind::State: return write_state(drive, line);
    case FileKind::Faults: return write_faults_command(drive, line);
    case FileKind::Export: return write_export(drive, line);
    default: return std::unexpected("read-only file");
    }
}

} // namespace

std::unexpected<std::string> ControlRequest::refuse(std::string why) {
    refused_ = true;
    rules_.clear();
    return std::unexpected(std::move(why));
}

// `after` is what has arrived after the line: a one-line request followed by more is refused
// before anything is done.
std::expected<bool, std::string> ControlRequest::take_line(ServedDrive& drive, std::string_view line,
                                                           std::string_view after) {
    ++lines_;
    if (stage_ == Stage::Rules) {
        auto rule = parse_fault_line(line, lines_);
        if (!rule) return refuse(rule.error());
        if (*rule) rules_.push_back(std::move(**rule));
        return false;
    }
    if (blank(line)) return false;
    if (stage_ == Stage::Done) return refuse("one request at a time (got several lines)");
    if (kind_ == FileKind::Faults && !is_faults_command(line)) {
        stage_ = Stage::Rules;
        --lines_;
        return take_line(drive, line, after);
    }
    if (!blank(after)) return refuse("one request at a time (got several lines)");
    stage_ = Stage::Done;
    if (auto done = carry_out(drive, kind_, line); !done) return refuse(done.error());
    return true;
}

std::expected<bool, std::string> ControlRequest::add(ServedDrive& drive, std::string_view piece) {
    if (refused_) return std::unexpected("the request was refused");
    bytes_ += piece.size();
    if (bytes_ > max_bytes) return refuse(fmt::format("a request is at most {} bytes", max_bytes));
    tail_.append(piece);
    bool carried_out = false;
    std::size_t at = 0;
    const std::string_view text(tail_);
    for (auto nl = text.find('\n'); nl != std::string_view::npos; nl = text.find('\n', at)) {
        auto taken = take_line(drive, text.substr(at, nl - at), text.substr(nl + 1));
        if (!taken) {
            tail_.clear();
            return taken;
        }
        carried_out = carried_out || *taken;
        at = nl + 1;
    }
    tail_.erase(0, at);
    return carried_out;
}

std::expected<bool, std::string> ControlRequest::finish(ServedDrive& drive) {
    if (refused_ || bytes_ == 0) return false; // reported already; or nothing written (touch)
    bool carried_out = false;
    if (!tail_.empty()) { // the last line, without its newline
        const std::string last = std::move(tail_);
        tail_.clear();
        auto taken = take_line(drive, last, {});
        if (!taken) return taken;
        carried_out = *taken;
    }
    switch (stage_) {
    case Stage::Waiting: return refuse("empty request");
    case Stage::Rules:
        add_fault_rules(drive, std::move(rules_));
        rules_.clear();
        stage_ = Stage::Done;
        return true;
    case Stage::Done: break;
    }
    return carried_out;
}

} // namespace spindle::fusectl
