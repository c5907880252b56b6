#pragma once
// A fault rule: a match (which commands) and an action (what happens to them). Rules are
// written as one YAML flow map each (README.md, "Rules"); to_string gives that line back.
#include "emulator/drive/drive_state.hpp"
#include "emulator/faults/conditions.hpp"
#include "emulator/timing/clock.hpp"
#include "scsi/sense_codes.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace spindle::faults {

// CDB byte `byte` masked with `mask` equals `value`.
struct CdbField {
    std::uint8_t byte = 0;
    std::uint8_t mask = 0xFF;
    std::uint8_t value = 0;
    bool operator==(const CdbField&) const = default;
};

// Inclusive block range; a command matches when the blocks it addresses overlap it.
struct LbaRange {
    std::uint64_t first = 0;
    std::uint64_t last = 0;
    bool operator==(const LbaRange&) const = default;
};

enum class Occurrence : std::uint8_t {
    Always,   // every matching command
    Nth,      // only the nth matching command
    EveryNth, // the nth, 2nth, 3nth ... (scsi_debug's every_nth)
    FromNth,  // the nth and every one after it
};

struct Match {
    std::optional<std::uint8_t> opcode; // none: any command
    std::optional<LbaRange> lba;        // only commands that carry an LBA
    std::vector<CdbField> cdb;
    Occurrence occurrence = Occurrence::Always;
    std::uint64_t n = 0;
    std::optional<double> probability; // 0..1, drawn from the engine's seeded generator
    std::optional<DriveTime> after;    // drive-clock window [after, before)
    std::optional<DriveTime> before;
    std::optional<bool> medium_present;           // the drive's state
    std::optional<MediumCondition> condition_now; // the loaded medium's condition
    bool operator==(const Match&) const = default;
};

// Timed state changes (a rule's `state:` action or a scenario event).
using spindle::StateKind; // drive/state_change.hpp: the drive runs state changes

struct SenseSpec {
    scsi::SenseKey key = scsi::SenseKey::NoSense;
    std::uint8_t asc = 0;
    std::uint8_t ascq = 0;
    std::optional<std::uint32_t> information;
    std::optional<std::array<std::uint8_t, 3>> sense_key_specific;
    bool operator==(const SenseSpec&) const = default;
};

enum class ActionKind : std::uint8_t {
    Sense,     // CHECK CONDITION with this sense instead of running the command
    Condition, // a named condition (conditions.hpp)
    Delay,     // the command runs; its answer comes `duration` later
    Hang,      // no completion: the initiator's timeout fires
    State,     // a state change for `duration` (0: until something else changes it)
    Corrupt,   // the command runs; data-in byte `offset` is XORed with `xor_mask`
    Truncate,  // the command runs; only the first `keep` data-in bytes arrive
    Vanish,    // the device disappears (the target removes it)
    Underrun,  // the next WRITE ends with 3/0C/09 LOSS OF STREAMING
};

struct Action {
    ActionKind kind = ActionKind::Sense;
    SenseSpec sense;
    Condition condition = Condition::NoMedium;
    StateKind state = StateKind::BecomingReady;
    Duration duration{0};
    std::size_t offset = 0;
    std::uint8_t xor_mask = 0xFF;
    std::size_t keep = 0;
    bool operator==(const Action&) const = default;
};

struct Rule {
    std::uint32_t id = 0; // given by the engine
    Match match;
    Action action;
    std::uint64_t limit = 0; // fires at most this often; 0: permanent
    std::uint64_t seen = 0;  // commands that met the match (before occurrence and probability)
    std::uint64_t hits = 0;  // times it fired

    bool exhausted() const { return limit != 0 && hits >= limit; }
};

// The rule as one line of scenario syntax: "{command: READ(10), lba: [100, 199], sense: 3/11/00}".
std::string rule_text(const Rule& rule);
// For listings: "#3 {command: READ(10), sense: 3/11/00} hits=2 seen=5".
std::string to_string(const Rule& rule);

std::string_view state_name(StateKind kind);
std::optional<StateKind> state_by_name(std::string_view name);
std::string_view medium_condition_name(MediumCondition c);
std::optional<MediumCondition> medium_condition_by_name(std::string_view name);
// "500ms", "2s", "1min" ...: the shortest exact form.
std::string duration_text(Duration d);
// Times and delays of faults stay below a day: the drive's clock plus any of them cannot
// overflow, and a longer one is a typing mistake, not a fault a drive shows.
inline constexpr Duration max_fault_duration = std::chrono::hours(24);
// nullopt for text that is not a duration or is longer than max_fault_duration.
std::optional<Duration> parse_duration(std::string_view text);
// "3/0C/09"
std::string sense_text(scsi::SenseKey key, std::uint8_t asc, std::uint8_t ascq);
std::optional<SenseSpec> parse_sense_text(std::string_view text);
// The opcode's name in the drive's command table (or the MMC name of a command the drive does
// not implement), "" when unknown; and the reverse.
std::string_view opcode_name(std::uint8_t opcode);
std::optional<std::uint8_t> opcode_by_name(std::string_view name);

} // namespace spindle::faults
