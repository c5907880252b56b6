#include "emulator/targets/fusectl/drive_control.hpp"

#include "emulator/drive/transitions.hpp"
#include "emulator/faults/scenario.hpp"
#include "emulator/media/presets.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fmt/format.h>
#include <optional>
#include <vector>

namespace spindle::fusectl {

namespace {

using Result = std::expected<void, std::string>;

std::unexpected<std::string> refuse(std::string why) { return std::unexpected(std::move(why)); }

// One request per write: a single line.
std::expected<std::string_view, std::string> one_line(std::string_view text) {
    const auto t = trim(text);
    if (t.empty()) return std::unexpected("empty request");
    if (t.find('\n') != std::string_view::npos) return std::unexpected("one request per write (got several lines)");
    return t;
}

std::pair<std::string_view, std::string_view> split_word(std::string_view t) {
    const auto sp = t.find_first_of(" \t");
    if (sp == std::string_view::npos) return {t, {}};
    return {t.substr(0, sp), trim(t.substr(sp + 1))};
}

} // namespace

std::string_view trim(std::string_view t) {
    const auto b = t.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = t.find_last_not_of(" \t\r\n");
    return t.substr(b, e - b + 1);
}

Result write_tray(ServedDrive& drive, std::string_view text) {
    auto line = one_line(text);
    if (!line) return refuse(line.error());
    const std::string req(*line);
    Result r = drive.with([&](Drive& d) -> Result {
        const auto& s = d.state();
        if (req == "open") {
            if (s.removal_prevented())
                return refuse("the host prevents medium removal (PREVENT ALLOW MEDIUM REMOVAL); "
                              "write 'eject' to press the button anyway, or 'force-open'");
            d.open_tray();
        } else if (req == "eject") {
            d.press_eject();
        } else if (req == "force-open") {
            d.open_tray();
        } else if (req == "close") {
            d.close_tray();
        } else {
            return refuse(fmt::format("'{}': expected open, close, eject or force-open", req));
        }
        return {};
    });
    if (r) drive.note(fmt::format("tray: {}", req));
    return r;
}

namespace {

// Whether the preset names the disc already in `d` (by its image). That disc goes back in as
// it is: a copy read from its files would miss what the drive acknowledged since it last
// saved them, and a WRITE acknowledged while the copy was made would be overwritten by it.
bool names_disc_in(const Drive& d, const std::optional<MediumPreset>& preset) {
    const Medium* current = d.state().medium.get();
    if (!preset || current == nullptr || current->image.empty()) return false;
    const auto named = kept_image_of(*preset);
    std::error_code ec;
    return !named.empty() && std::filesystem::equivalent(named, current->image, ec);
}

} // namespace

Result write_medium(ServedDrive& drive, std::string_view text) {
    auto line = one_line(text);
    if (!line) return refuse(line.error());
    const std::string req(*line);
    const bool eject = req == "eject" || names_no_medium(req);
    std::optional<MediumPreset> preset;
    std::expected<std::unique_ptr<Medium>, std::string> built = std::unique_ptr<Medium>();
    if (!eject) { // made before anything changes (copying an image takes time): a bad preset changes nothing
        if (auto p = parse_preset(req)) preset = std::move(*p);
        built = make_medium(req);
    }
    Result r = drive.with([&](Drive& d) -> Result {
        if (d.state().removal_prevented())
            return refuse("the host prevents medium removal (PREVENT ALLOW MEDIUM REMOVAL)");
        if (eject) {
            if (!d.state().medium) return refuse("there is no medium in the drive");
            const bool was_open = d.state().tray_open;
            d.open_tray();
            (void)d.take_medium();
            if (!was_open) d.close_tray();
        } else if (names_disc_in(d, preset)) { // checked under the lock: nothing runs in between
            const Disc& disc = d.state().medium->disc;
            if (preset->kind && disc.kind != *preset->kind)
                return refuse(fmt::format("'{}': {} holds a {} disc, not a {}", req, d.state().medium->image.string(),
                                          disc.type().name, media_type(*preset->kind).name));
            d.open_tray();
            d.load(d.take_medium()); // any copy `built` from its files is dropped unused
        } else {
            if (!built) return refuse(fmt::format("'{}': {}", req, built.error()));
            d.load(std::move(*built));
        }
        return {};
    });
    if (r) drive.note(eject ? std::string("medium: eject") : fmt::format("medium: load {}", req));
    return r;
}

Result write_state(ServedDrive& drive, std::string_view text) {
    auto line = one_line(text);
    if (!line) return refuse(line.error());
    const auto [name, rest] = split_word(*line);
    std::optional<Duration> duration;
    if (!rest.empty()) {
        duration = faults::parse_duration(rest);
        if (!duration) return refuse(fmt::format("'{}': not a duration (e.g. 3s, 500ms, 1min; at most 1440min)", rest));
    }
    const auto condition = faults::medium_condition_by_name(name);
    const auto change = faults::state_by_name(name);
    if (!condition && !change)
        return refuse(fmt::format("'{}': expected ready, becoming-ready, format-in-progress, long-write, busy, "
                                  "upside-down, incompatible-medium, no-medium, tray-open or locked",
                                  name));
    if (condition == MediumCondition::Ready && duration) return refuse("'ready' takes no duration");
    Result r = drive.with([&](Drive& d) -> Result {
        if (condition) {
            if (!d.state().medium_present()) return refuse("there is no medium in the closed drive");
            // No duration: until something else changes it, as a scenario's state change
            // without `for`.
            const bool lasting = !duration && transitions::ends_by_itself(*condition);
            d.set_condition(*condition, lasting ? forever : duration.value_or(Duration{0}));
        } else {
            d.schedule(faults::TimedEvent{d.clock().now(), *change, duration.value_or(Duration{0})});
            d.catch_up(); // due now: the state file shows it at once
        }
        return {};
    });
    if (r) drive.note(fmt::format("state: {}", *line));
    return r;
}

bool is_faults_command(std::string_view line) {
    const auto t = trim(line);
    return t == "clear" || split_word(t).first == "remove";
}

Result write_faults_command(ServedDrive& drive, std::string_view line) {
    auto one = one_line(line);
    if (!one) return refuse(one.error());
    const auto t = *one;
    if (t == "clear") {
        drive.with([](Drive& d) { d.clear_faults(); });
        drive.note("faults: clear");
        return {};
    }
    const auto [word, rest] = split_word(t);
    std::uint32_t id = 0;
    const auto [p, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), id);
    if (word != "remove" || ec != std::errc{} || p != rest.data() + rest.size())
        return refuse(fmt::format("'{}': expected remove RULE-NUMBER", t));
    if (!drive.with([&](Drive& d) { return d.faults().remove_rule(id); }))
        return refuse(fmt::format("there is no rule #{}", id));
    drive.note(fmt::format("faults: remove #{}", id));
    return {};
}

std::expected<std::optional<faults::Rule>, std::string> parse_fault_line(std::string_view line, int line_no) {
    const auto indent = std::min(line.find_first_not_of(" \t\r"), line.size());
    const auto t = trim(line);
    if (t.empty() || t.starts_with('#')) return std::nullopt;
    auto rule = faults::parse_rule(t);
    if (rule) return std::move(*rule);
    // The parser counts within the trimmed line: the position is made the text's own.
    const auto& e = rule.error();
    const std::string where =
        e.line > 0 ? fmt::format("{}:{}", line_no, e.column + static_cast<int>(indent)) : fmt::format("{}", line_no);
    return refuse(fmt::format("{}: {}{}", where, e.field.empty() ? "" : e.field + ": ", e.message));
}

void add_fault_rules(ServedDrive& drive, std::vector<faults::Rule> rules) {
    if (rules.empty()) return;
    std::uint32_t first = 0, last = 0;
    drive.with([&](Drive& d) {
        for (auto& rule : rules) last = d.faults().add_rule(std::move(rule));
        first = last + 1 - static_cast<std::uint32_t>(rules.size()); // added together: numbered in a row
    });
    // One event for the list: thousands of rules would push every older event out of the log.
    drive.note(first == last ? fmt::format("faults: add #{}", first)
                             : fmt::format("faults: add #{}-#{} ({} rules)", first, last, rules.size()));
}

} // namespace spindle::fusectl
