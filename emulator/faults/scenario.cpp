// Scenario YAML -> Scenario, with the profile loader's located reader (README.md, schema).
#include "emulator/faults/scenario.hpp"

#include "emulator/profile/yaml_reader.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>

namespace spindle::faults {

namespace {

using profile_yaml::describe;
using profile_yaml::join;
using profile_yaml::LoadFailure;
using profile_yaml::Reader;

constexpr std::size_t max_file_bytes = 1024 * 1024;
constexpr std::size_t max_rules = 1024;
constexpr std::size_t max_events = 1024;
constexpr std::size_t max_cdb_fields = 16;

constexpr std::array<std::string_view, 9> action_keys{"sense",   "condition", "delay",  "hang",    "state",
                                                      "corrupt", "truncate",  "vanish", "underrun"};

Duration duration(const Reader& r, const YAML::Node& n, const std::string& path) {
    constexpr std::string_view expected =
        "a duration such as 500ms, 2s or 1min (units ns, us, ms, s, min), at most 1440min";
    const auto s = r.scalar(n, path, expected);
    const auto d = parse_duration(s);
    if (!d) r.fail(n, path, fmt::format("expected {}, got {}", expected, describe(n)));
    return *d;
}

std::string names_of_conditions() {
    std::string out;
    for (const auto& c : conditions()) out += (out.empty() ? "" : ", ") + std::string(c.name);
    return out;
}

constexpr std::string_view state_list =
    "becoming-ready, format-in-progress, long-write, busy, upside-down, incompatible-medium, no-medium, tray-open, "
    "locked";

void read_match(const Reader& r, const YAML::Node& n, const std::string& path, Match& m) {
    if (const auto c = n["command"]) {
        const auto p = join(path, "command");
        constexpr std::string_view expected = "a command name such as READ(10) or an opcode such as 0x28";
        const auto s = r.scalar(c, p, expected);
        if (auto op = opcode_by_name(s))
            m.opcode = op;
        else if (auto num = profile_yaml::parse_number(s); num && *num <= 0xFF)
            m.opcode = static_cast<std::uint8_t>(*num);
        else
            r.fail(c, p, fmt::format("expected {}, got {}", expected, describe(c)));
    }
    if (const auto l = n["lba"]) {
        const auto p = join(path, "lba");
        if (l.IsSequence()) {
            if (l.size() != 2) r.fail(l, p, fmt::format("expected [first, last], got {} entries", l.size()));
            m.lba = LbaRange{r.number(l[0], profile_yaml::indexed(p, 0), 0, UINT64_MAX),
                             r.number(l[1], profile_yaml::indexed(p, 1), 0, UINT64_MAX)};
            if (m.lba->last < m.lba->first) r.fail(l, p, "expected first <= last");
        } else {
            const auto b = r.number(l, p, 0, UINT64_MAX);
            m.lba = LbaRange{b, b};
        }
    }
    if (const auto c = n["cdb"]) {
        const auto p = join(path, "cdb");
        r.expect_list(c, p, max_cdb_fields);
        for (std::size_t i = 0; i < c.size(); ++i) {
            const auto fp = profile_yaml::indexed(p, i);
            r.expect_map(c[i], fp, {"byte", "mask", "value"});
            CdbField f;
            f.byte =
                r.number_as<std::uint8_t>(r.required(c[i], "byte", fp, "a CDB byte 0..15"), join(fp, "byte"), 0, 15);
            if (c[i]["mask"]) f.mask = r.number_as<std::uint8_t>(c[i]["mask"], join(fp, "mask"), 0, 255);
            f.value =
                r.number_as<std::uint8_t>(r.required(c[i], "value", fp, "a byte value"), join(fp, "value"), 0, 255);
            m.cdb.push_back(f);
        }
    }
    int occurrences = 0;
    for (auto [key, kind] : {std::pair{"nth", Occurrence::Nth}, std::pair{"every", Occurrence::EveryNth},
                             std::pair{"from", Occurrence::FromNth}}) {
        if (const auto o = n[key]) {
            if (++occurrences > 1) r.fail(o, join(path, key), "expected only one of nth, every, from");
            m.occurrence = kind;
            m.n = r.number(o, join(path, key), 1, UINT32_MAX);
        }
    }
    if (const auto pr = n["probability"]) {
        const auto p = join(path, "probability");
        constexpr std::string_view expected = "a probability from 0 to 1, such as 0.25";
        const auto s = r.scalar(pr, p, expected);
        double v = -1;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc{} || end != s.data() + s.size() || !(v >= 0.0 && v <= 1.0))
            r.fail(pr, p, fmt::format("expected {}, got {}", expected, describe(pr)));
        m.probability = v;
    }
    if (const auto a = n["after"]) m.after = duration(r, a, join(path, "after"));
    if (const auto b = n["before"]) m.before = duration(r, b, join(path, "before"));
    if (m.after && m.before && *m.before <= *m.after)
        r.fail(n["before"], join(path, "before"), "expected a time after `after`");
    if (const auto md = n["medium"]) {
        const auto s = r.scalar(md, join(path, "medium"), "present or absent");
        if (s != "present" && s != "absent")
            r.fail(md, join(path, "medium"), fmt::format("expected present or absent, got {}", describe(md)));
        m.medium_present = s == "present";
    }
    if (const auto mc = n["medium_condition"]) {
        const auto p = join(path, "medium_condition");
        constexpr std::string_view expected =
            "one of: ready, becoming-ready, format-in-progress, long-write, busy, upside-down, incompatible-medium";
        auto c = medium_condition_by_name(r.scalar(mc, p, expected));
        if (!c) r.fail(mc, p, fmt::format("expected {}, got {}", expected, describe(mc)));
        m.condition_now = c;
    }
}

bool yes(const Reader& r, const YAML::Node& n, const std::string& path) {
    if (!r.boolean(n, path)) r.fail(n, path, "expected true (leave the key out for false)");
    return true;
}

void read_action(const Reader& r, const YAML::Node& n, const std::string& path, Action& a) {
    std::string_view chosen;
    for (auto key : action_keys) {
        if (!n[std::string(key)]) continue;
        if (!chosen.empty())
            r.fail(n[std::string(key)], join(path, key),
                   fmt::format("expected one action; `{}` is already given", chosen));
        chosen = key;
    }
    if (chosen.empty())
        r.fail(n, path,
               "missing an action; expected one of: sense, condition, delay, hang, state, corrupt, truncate, "
               "vanish, underrun");
    const auto node = n[std::string(chosen)];
    const auto p = join(path, chosen);
    auto only_with = [&](std::string_view key, std::string_view action) {
        if (n[std::string(key)] && chosen != action)
            r.fail(n[std::string(key)], join(path, key), fmt::format("only with `{}`", action));
    };
    only_with("information", "sense");
    only_with("sks", "sense");
    only_with("for", "state");
    if (chosen == "sense") {
        a.kind = ActionKind::Sense;
        constexpr std::string_view expected = "a sense key/ASC/ASCQ in hex, such as 3/0C/09";
        auto s = parse_sense_text(r.scalar(node, p, expected));
        if (!s) r.fail(node, p, fmt::format("expected {}, got {}", expected, describe(node)));
        a.sense = *s;
        if (const auto i = n["information"])
            a.sense.information = r.number_as<std::uint32_t>(i, join(path, "information"), 0, UINT32_MAX);
        if (const auto k = n["sks"]) {
            const auto b = r.hex(k, join(path, "sks"), 3);
            if (b.size() != 3) r.fail(k, join(path, "sks"), fmt::format("expected 3 hex bytes, got {}", b.size()));
            a.sense.sense_key_specific = std::array<std::uint8_t, 3>{b[0], b[1], b[2]};
        }
    } else if (chosen == "condition") {
        a.kind = ActionKind::Condition;
        const auto expected = fmt::format("one of: {}", names_of_conditions());
        auto c = condition_by_name(r.scalar(node, p, expected));
        if (!c) r.fail(node, p, fmt::format("expected {}, got {}", expected, describe(node)));
        a.condition = *c;
    } else if (chosen == "delay") {
        a.kind = ActionKind::Delay;
        a.duration = duration(r, node, p);
    } else if (chosen == "state") {
        a.kind = ActionKind::State;
        const auto expected = fmt::format("one of: {}", state_list);
        auto k = state_by_name(r.scalar(node, p, expected));
        if (!k) r.fail(node, p, fmt::format("expected {}, got {}", expected, describe(node)));
        a.state = *k;
        if (const auto f = n["for"]) a.duration = duration(r, f, join(path, "for"));
    } else if (chosen == "corrupt") {
        a.kind = ActionKind::Corrupt;
        r.expect_map(node, p, {"byte", "xor"});
        a.offset = r.number_as<std::size_t>(r.required(node, "byte", p, "a data-in byte offset"), join(p, "byte"), 0,
                                            0xFFFFFF);
        if (node["xor"]) a.xor_mask = r.number_as<std::uint8_t>(node["xor"], join(p, "xor"), 1, 255);
    } else if (chosen == "truncate") {
        a.kind = ActionKind::Truncate;
        a.keep = r.number_as<std::size_t>(node, p, 0, 0xFFFFFF);
    } else if (chosen == "hang") {
        a.kind = ActionKind::Hang;
        yes(r, node, p);
    } else if (chosen == "vanish") {
        a.kind = ActionKind::Vanish;
        yes(r, node, p);
    } else {
        a.kind = ActionKind::Underrun;
        yes(r, node, p);
    }
}

Rule read_rule(const Reader& r, const YAML::Node& n, const std::string& path) {
    r.expect_map(n, path, {"command",
                           "lba",
                           "cdb",
                           "nth",
                           "every",
                           "from",
                           "probability",
                           "after",
                           "before",
                           "medium",
                           "medium_condition",
                           "sense",
                           "information",
                           "sks",
                           "condition",
                           "delay",
                           "hang",
                           "state",
                           "for",
                           "corrupt",
                           "truncate",
                           "vanish",
                           "underrun",
                           "once",
                           "times"});
    Rule rule;
    read_match(r, n, path, rule.match);
    read_action(r, n, path, rule.action);
    if (n["once"] && n["times"]) r.fail(n["times"], join(path, "times"), "expected `once` or `times`, not both");
    if (const auto o = n["once"]) rule.limit = yes(r, o, join(path, "once")) ? 1 : 0;
    if (const auto t = n["times"]) rule.limit = r.number(t, join(path, "times"), 1, UINT32_MAX);
    return rule;
}

TimedEvent read_event(const Reader& r, const YAML::Node& n, const std::string& path) {
    r.expect_map(n, path, {"at", "state", "for"});
    TimedEvent e;
    e.at = duration(r, r.required(n, "at", path, "a time on the drive's clock, such as 2s"), join(path, "at"));
    const auto expected = fmt::format("one of: {}", state_list);
    const auto s = r.required(n, "state", path, expected);
    auto k = state_by_name(r.scalar(s, join(path, "state"), expected));
    if (!k) r.fail(s, join(path, "state"), fmt::format("expected {}, got {}", expected, describe(s)));
    e.state = *k;
    if (const auto f = n["for"]) e.duration = duration(r, f, join(path, "for"));
    return e;
}

Scenario read_scenario(const Reader& r, const YAML::Node& root) {
    r.expect_map(root, "", {"seed", "rules", "events"});
    Scenario s;
    s.name = r.file();
    if (root["seed"]) s.seed = r.number(root["seed"], "seed", 0, UINT64_MAX);
    if (const auto rules = root["rules"]) {
        r.expect_list(rules, "rules", max_rules);
        for (std::size_t i = 0; i < rules.size(); ++i)
            s.rules.push_back(read_rule(r, rules[i], profile_yaml::indexed("rules", i)));
    }
    if (const auto events = root["events"]) {
        r.expect_list(events, "events", max_events);
        for (std::size_t i = 0; i < events.size(); ++i)
            s.events.push_back(read_event(r, events[i], profile_yaml::indexed("events", i)));
    }
    return s;
}

template <class F>
auto guarded(std::string_view name, F&& f) -> std::expected<decltype(f()), ScenarioError> {
    try {
        return f();
    } catch (const LoadFailure& failure) {
        return std::unexpected(failure.error);
    } catch (const YAML::Exception& e) {
        return std::unexpected(ScenarioError{std::string(name), e.mark.line + 1, e.mark.column + 1, "",
                                             fmt::format("YAML syntax error: {}", e.msg)});
    }
}

} // namespace

std::expected<Scenario, ScenarioError> load_scenario_text(std::string_view yaml, std::string_view name) {
    const Reader reader{std::string(name)};
    return guarded(name, [&] {
        const YAML::Node root = YAML::Load(std::string(yaml));
        if (!root.IsDefined() || root.IsNull()) {
            Scenario empty;
            empty.name = std::string(name);
            return empty;
        }
        return read_scenario(reader, root);
    });
}

std::expected<Rule, ScenarioError> parse_rule(std::string_view line, std::string_view name) {
    const Reader reader{std::string(name)};
    return guarded(name, [&] {
        const YAML::Node root = YAML::Load(std::string(line));
        return read_rule(reader, root, "");
    });
}

std::expected<Scenario, ScenarioError> load_scenario_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::unexpected(
            ScenarioError{path.string(), 0, 0, "", fmt::format("cannot open: {}", std::strerror(errno))});
    std::string text(max_file_bytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) return std::unexpected(ScenarioError{path.string(), 0, 0, "", "read error"});
    if (text.size() > max_file_bytes)
        return std::unexpected(ScenarioError{
            path.string(), 0, 0, "", fmt::format("larger than {} bytes; not a fault scenario", max_file_bytes)});
    return load_scenario_text(text, path.string());
}

} // namespace spindle::faults
