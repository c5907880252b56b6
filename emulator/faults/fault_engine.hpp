#pragma once
// The fault engine: rules consulted around the drive's dispatch, never inside a handler, so
// no command handler knows faults exist. Drive::execute asks before() whether a
// fault answers instead of the drive, runs the command otherwise, and hands the completion
// to after(), which applies delays and data corruption and writes the command log. A rule's
// state change is posted to the drive, which runs it and every later change on its clock
// (drive/transitions.hpp): the engine keeps no state of the drive's.
#include "emulator/drive/command.hpp"
#include "emulator/drive/drive_state.hpp"
#include "emulator/faults/command_log.hpp"
#include "emulator/faults/fault_rule.hpp"
#include "emulator/faults/prng.hpp"
#include "emulator/faults/scenario.hpp"

#include <cstdint>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spindle::faults {

class FaultEngine {
public:
    explicit FaultEngine(std::uint64_t seed = 0) : prng_(seed), seed_(seed) {}

    // Live control. Rules are tried in the order they were added.
    std::uint32_t add_rule(Rule rule);
    std::expected<std::uint32_t, ScenarioError> add_rule(std::string_view line); // scenario syntax
    bool remove_rule(std::uint32_t id);
    void clear(); // rules and a pending underrun; the drive's state stays
    const std::vector<Rule>& rules() const { return rules_; }
    std::string list() const; // to_string of each rule, one a line
    // Replaces the rules with the scenario's and reseeds the generator (its timed events are
    // the drive's to run: Drive::load_scenario).
    void load_rules(const Scenario& scenario);
    void reseed(std::uint64_t seed);
    std::uint64_t seed() const { return seed_; }

    CommandLog& log() { return log_; }
    const CommandLog& log() const { return log_; }
    bool device_gone() const { return gone_; }

    // What before() decided for one command.
    struct Plan {
        std::optional<Completion> answer; // a fault answers; the drive does not run the command
        std::vector<std::uint32_t> fired;
        std::vector<Action> after; // delay, corrupt, truncate: applied to the drive's answer
        DriveTime arrived{0};
    };
    Plan before(DriveState& s, const Command& cmd);
    Completion after(DriveState& s, const Command& cmd, const Plan& plan, Completion c);

private:
    // Fires `rule` for `cmd`; returns the answer when the action is one.
    std::optional<Completion> fire(DriveState& s, const Command& cmd, Rule& rule, Plan& plan);
    Completion condition_answer(const DriveState& s, Condition c, Plan& plan);

    std::vector<Rule> rules_;
    std::uint32_t next_id_ = 1;
    Prng prng_;
    std::uint64_t seed_;
    CommandLog log_;
    bool gone_ = false;
    bool underrun_armed_ = false;
};

// Static criteria: opcode, LBA, CDB fields, time window, drive state.
bool static_match(const Match& m, const DriveState& s, const Command& cmd);
// The blocks a command addresses [first, first + count), for commands that carry an LBA.
struct LbaExtent {
    std::uint64_t first = 0;
    std::uint64_t count = 0;
};
std::optional<LbaExtent> lba_extent(std::span<const std::uint8_t> cdb);

} // namespace spindle::faults
