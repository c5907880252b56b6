// Rules back to one line of scenario syntax, and the small value syntaxes rules share.
#include "emulator/drive/command_table.hpp"
#include "emulator/faults/fault_rule.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

namespace spindle::faults {
namespace {

constexpr std::array<std::pair<StateKind, std::string_view>, 9> state_names{{
    {StateKind::BecomingReady, "becoming-ready"},
    {StateKind::FormatInProgress, "format-in-progress"},
    {StateKind::LongWrite, "long-write"},
    {StateKind::Busy, "busy"},
    {StateKind::UpsideDown, "upside-down"},
    {StateKind::Incompatible, "incompatible-medium"},
    {StateKind::NoMedium, "no-medium"},
    {StateKind::TrayOpen, "tray-open"},
    {StateKind::Locked, "locked"},
}};

constexpr std::array<std::pair<MediumCondition, std::string_view>, 7> medium_condition_names{{
    {MediumCondition::Ready, "ready"},
    {MediumCondition::BecomingReady, "becoming-ready"},
    {MediumCondition::FormatInProgress, "format-in-progress"},
    {MediumCondition::LongWrite, "long-write"},
    {MediumCondition::OperationInProgress, "busy"},
    {MediumCondition::UpsideDown, "upside-down"},
    {MediumCondition::Incompatible, "incompatible-medium"},
}};

// MMC commands a drive may lack from its table but a rule may still name (MMC-6 table 13).
constexpr std::array other_commands{
    scsi::Opcode::FormatUnit,   scsi::Opcode::Write10,
    scsi::Opcode::Seek10,       scsi::Opcode::WriteAndVerify10,
    scsi::Opcode::Verify10,     scsi::Opcode::SynchronizeCache,
    scsi::Opcode::ReserveTrack, scsi::Opcode::SendOpcInformation,
    scsi::Opcode::RepairTrack,  scsi::Opcode::CloseTrackSession,
    scsi::Opcode::SendCueSheet, scsi::Opcode::Blank,
    scsi::Opcode::Write12,
};

constexpr std::array<std::pair<std::string_view, std::int64_t>, 5> units{{
    {"min", 60'000'000'000},
    {"s", 1'000'000'000},
    {"ms", 1'000'000},
    {"us", 1'000},
    {"ns", 1},
}};

std::string hex_bytes(std::span<const std::uint8_t> b) {
    std::string out;
    for (auto x : b) out += fmt::format("{}{:02X}", out.empty() ? "" : " ", x);
    return out;
}

std::string quoted_if_needed(std::string_view name) {
    // Names with a comma, brace or colon would break a flow map.
    if (name.find_first_of(",{}[]:#") != std::string_view::npos) return fmt::format("\"{}\"", name);
    return std::string(name);
}

void match_text(std::vector<std::string>& f, const Match& m) {
    if (m.opcode) {
        const auto name = opcode_name(*m.opcode);
        f.push_back(name.empty() ? fmt::format("command: 0x{:02X}", *m.opcode)
                                 : fmt::format("command: {}", quoted_if_needed(name)));
    }
    if (m.lba) f.push_back(fmt::format("lba: [{}, {}]", m.lba->first, m.lba->last));
    if (!m.cdb.empty()) {
        std::string s = "cdb: [";
        for (std::size_t i = 0; i < m.cdb.size(); ++i)
            s += fmt::format("{}{{byte: {}, mask: 0x{:02X}, value: 0x{:02X}}}", i ? ", " : "", m.cdb[i].byte,
                             m.cdb[i].mask, m.cdb[i].value);
        f.push_back(s + "]");
    }
    switch (m.occurrence) {
    case Occurrence::Always: break;
    case Occurrence::Nth: f.push_back(fmt::format("nth: {}", m.n)); break;
    case Occurrence::EveryNth: f.push_back(fmt::format("every: {}", m.n)); break;
    case Occurrence::FromNth: f.push_back(fmt::format("from: {}", m.n)); break;
    }
    if (m.probability) f.push_back(fmt::format("probability: {}", *m.probability));
    if (m.after) f.push_back(fmt::format("after: {}", duration_text(*m.after)));
    if (m.before) f.push_back(fmt::format("before: {}", duration_text(*m.before)));
    if (m.medium_present) f.push_back(fmt::format("medium: {}", *m.medium_present ? "present" : "absent"));
    if (m.condition_now) f.push_back(fmt::format("medium_condition: {}", medium_condition_name(*m.condition_now)));
}

void action_text(std::vector<std::string>& f, const Action& a) {
    switch (a.kind) {
    case ActionKind::Sense:
        f.push_back(fmt::format("sense: {}", sense_text(a.sense.key, a.sense.asc, a.sense.ascq)));
        if (a.sense.information) f.push_back(fmt::format("information: {}", *a.sense.information));
        if (a.sense.sense_key_specific) f.push_back(fmt::format("sks: \"{}\"", hex_bytes(*a.sense.sense_key_specific)));
        break;
    case ActionKind::Condition: f.push_back(fmt::format("condition: {}", condition_info(a.condition).name)); break;
    case ActionKind::Delay: f.push_back(fmt::format("delay: {}", duration_text(a.duration))); break;
    case ActionKind::Hang: f.push_back("hang: true"); break;
    case ActionKind::State:
        f.push_back(fmt::format("state: {}", state_name(a.state)));
        if (a.duration.count() > 0) f.push_back(fmt::format("for: {}", duration_text(a.duration)));
        break;
    case ActionKind::Corrupt:
        f.push_back(fmt::format("corrupt: {{byte: {}, xor: 0x{:02X}}}", a.offset, a.xor_mask));
        break;
    case ActionKind::Truncate: f.push_back(fmt::format("truncate: {}", a.keep)); break;
    case ActionKind::Vanish: f.push_back("vanish: true"); break;
    case ActionKind::Underrun: f.push_back("underrun: true"); break;
    }
}

} // namespace

std::string rule_text(const Rule& rule) {
    std::vector<std::string> f;
    match_text(f, rule.match);
    action_text(f, rule.action);
    if (rule.limit == 1)
        f.push_back("once: true");
    else if (rule.limit > 1)
        f.push_back(fmt::format("times: {}", rule.limit));
    std::string out = "{";
    for (std::size_t i = 0; i < f.size(); ++i) out += (i ? ", " : "") + f[i];
    return out + "}";
}

std::string to_string(const Rule& rule) {
    return fmt::format("#{} {} hits={} seen={}{}", rule.id, rule_text(rule), rule.hits, rule.seen,
                       rule.exhausted() ? " (spent)" : "");
}

std::string_view state_name(StateKind kind) {
    for (const auto& [k, n] : state_names)
        if (k == kind) return n;
    return "?";
}

std::optional<StateKind> state_by_name(std::string_view name) {
    name = current_spelling(name);
    for (const auto& [k, n] : state_names)
        if (n == name) return k;
    return std::nullopt;
}

std::string_view medium_condition_name(MediumCondition c) {
    for (const auto& [k, n] : medium_condition_names)
        if (k == c) return n;
    return "?";
}

std::optional<MediumCondition> medium_condition_by_name(std::string_view name) {
    name = current_spelling(name);
    for (const auto& [k, n] : medium_condition_names)
        if (n == name) return k;
    return std::nullopt;
}

std::string duration_text(Duration d) {
    const auto ns = d.count();
    for (const auto& [unit, scale] : units)
        if (ns != 0 && ns % scale == 0) return fmt::format("{}{}", ns / scale, unit);
    return "0ms";
}

std::optional<Duration> parse_duration(std::string_view text) {
    std::int64_t n = 0;
    const auto* end = text.data() + text.size();
    const auto [p, ec] = std::from_chars(text.data(), end, n);
    if (ec != std::errc{} || n < 0 || p == text.data()) return std::nullopt;
    std::string_view unit(p, static_cast<std::size_t>(end - p));
    while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
    for (const auto& [u, scale] : units)
        if (unit == u) {
            if (n > max_fault_duration.count() / scale) return std::nullopt;
            return Duration(n * scale);
        }
    return std::nullopt;
}

std::string sense_text(scsi::SenseKey key, std::uint8_t asc, std::uint8_t ascq) {
    return scsi::SenseData(key, asc, ascq).code_text();
}

std::optional<SenseSpec> parse_sense_text(std::string_view text) {
    std::array<unsigned, 3> v{};
    std::size_t field = 0;
    const char* p = text.data();
    const char* end = text.data() + text.size();
    while (field < 3) {
        const auto [q, ec] = std::from_chars(p, end, v[field], 16);
        if (ec != std::errc{} || q == p || q - p > 2) return std::nullopt;
        p = q;
        ++field;
        if (field < 3) {
            if (p == end || *p != '/') return std::nullopt;
            ++p;
        }
    }
    if (p != end || v[0] > 0xF) return std::nullopt;
    SenseSpec s;
    s.key = static_cast<scsi::SenseKey>(v[0]);
    s.asc = static_cast<std::uint8_t>(v[1]);
    s.ascq = static_cast<std::uint8_t>(v[2]);
    return s;
}

std::string_view opcode_name(std::uint8_t opcode) {
    const bool nameable = find_command(opcode) != nullptr ||
                          std::ranges::find(other_commands, static_cast<scsi::Opcode>(opcode)) != other_commands.end();
    return nameable ? scsi::opcode_name(opcode) : std::string_view{};
}

std::optional<std::uint8_t> opcode_by_name(std::string_view name) {
    for (const auto& info : command_table())
        if (scsi::opcode_name(info.opcode) == name) return static_cast<std::uint8_t>(info.opcode);
    for (const auto op : other_commands)
        if (scsi::opcode_name(op) == name) return static_cast<std::uint8_t>(op);
    return std::nullopt;
}

} // namespace spindle::faults
