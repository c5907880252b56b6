#include "emulator/faults/fault_engine.hpp"

#include "emulator/drive/transitions.hpp"
#include "scsi/opcode.hpp"

#include <algorithm>

namespace spindle::faults {

namespace {
bool is_write(const Command& cmd) {
    if (cmd.cdb.empty()) return false;
    const auto op = static_cast<scsi::Opcode>(cmd.cdb[0]);
    return op == scsi::Opcode::Write10 || op == scsi::Opcode::Write12;
}

scsi::SenseData make_sense(scsi::SenseKey key, std::uint8_t asc, std::uint8_t ascq) {
    return scsi::SenseData(key, scsi::Asc{asc, ascq, ""});
}

Completion not_delivered(Delivery d) {
    Completion c;
    c.delivery = d;
    return c;
}
} // namespace

std::uint32_t FaultEngine::add_rule(Rule rule) {
    rule.id = next_id_++;
    rule.hits = 0;
    rule.seen = 0;
    rules_.push_back(std::move(rule));
    return rules_.back().id;
}

std::expected<std::uint32_t, ScenarioError> FaultEngine::add_rule(std::string_view line) {
    auto rule = parse_rule(line);
    if (!rule) return std::unexpected(rule.error());
    return add_rule(std::move(*rule));
}

bool FaultEngine::remove_rule(std::uint32_t id) {
    return std::erase_if(rules_, [id](const Rule& r) { return r.id == id; }) > 0;
}

void FaultEngine::clear() {
    rules_.clear();
    underrun_armed_ = false;
}

std::string FaultEngine::list() const {
    std::string out;
    for (const auto& r : rules_) out += to_string(r) + "\n";
    return out;
}

void FaultEngine::load_rules(const Scenario& scenario) {
    clear();
    reseed(scenario.seed);
    for (const auto& r : scenario.rules) add_rule(r);
}

void FaultEngine::reseed(std::uint64_t seed) {
    seed_ = seed;
    prng_.reseed(seed);
}

FaultEngine::Plan FaultEngine::before(DriveState& s, const Command& cmd) {
    Plan plan;
    plan.arrived = s.now();
    if (gone_) {
        plan.answer = not_delivered(Delivery::DeviceGone);
        return plan;
    }
    if (underrun_armed_ && is_write(cmd)) {
        underrun_armed_ = false;
        plan.answer =
            Completion::check_condition(scsi::sense::make(scsi::SenseKey::MediumError, scsi::asc::loss_of_streaming));
        return plan;
    }
    for (auto& rule : rules_) {
        if (rule.exhausted() || !static_match(rule.match, s, cmd)) continue;
        ++rule.seen;
        const auto n = rule.match.n;
        switch (rule.match.occurrence) {
        case Occurrence::Always: break;
        case Occurrence::Nth:
            if (rule.seen != n) continue;
            break;
        case Occurrence::EveryNth:
            if (n == 0 || rule.seen % n != 0) continue;
            break;
        case Occurrence::FromNth:
            if (rule.seen < n) continue;
            break;
        }
        if (rule.match.probability && prng_.unit() >= *rule.match.probability) continue;
        if (plan.answer && (rule.action.kind == ActionKind::Sense || rule.action.kind == ActionKind::Condition ||
                            rule.action.kind == ActionKind::Hang || rule.action.kind == ActionKind::Vanish))
            continue; // an earlier rule already answered this command
        if (auto answer = fire(s, cmd, rule, plan)) plan.answer = std::move(answer);
    }
    return plan;
}

std::optional<Completion> FaultEngine::fire(DriveState& s, const Command& cmd, Rule& rule, Plan& plan) {
    ++rule.hits;
    plan.fired.push_back(rule.id);
    const Action& a = rule.action;
    switch (a.kind) {
    case ActionKind::Sense: {
        auto sense = make_sense(a.sense.key, a.sense.asc, a.sense.ascq);
        auto info = a.sense.information;
        if (!info && rule.match.lba) // the first failing block, as scsi_debug's medium error range
            if (const auto e = lba_extent(cmd.cdb))
                info = static_cast<std::uint32_t>(std::max(e->first, rule.match.lba->first));
        if (info) sense.with_information(*info);
        if (a.sense.sense_key_specific) sense.with_sense_key_specific(*a.sense.sense_key_specific);
        return Completion::check_condition(sense);
    }
    case ActionKind::Condition: {
        auto c = condition_answer(s, a.condition, plan);
        if (condition_info(a.condition).effect == Effect::TruncatedData) return std::nullopt;
        return c;
    }
    case ActionKind::Delay:
    case ActionKind::Corrupt:
    case ActionKind::Truncate: plan.after.push_back(a); return std::nullopt;
    case ActionKind::Hang: return not_delivered(Delivery::Never);
    case ActionKind::State: transitions::change_state(s, a.state, a.duration); return std::nullopt;
    case ActionKind::Vanish: gone_ = true; return not_delivered(Delivery::DeviceGone);
    case ActionKind::Underrun: underrun_armed_ = true; return std::nullopt;
    }
    return std::nullopt;
}

Completion FaultEngine::condition_answer(const DriveState& s, Condition c, Plan& plan) {
    const auto& info = condition_info(c);
    switch (info.effect) {
    case Effect::Sense: {
        auto sense = scsi::sense::make(info.key, info.code);
        if (info.progress) sense.with_progress(0);
        if (info.field == "page") sense.with_field_pointer({true, 2, 5}); // MODE SENSE page code
        return Completion::check_condition(sense);
    }
    case Effect::QuirkSense: {
        const auto& q = c == Condition::UpsideDown ? s.profile.quirks.upside_down : s.profile.quirks.speed_mismatch;
        return Completion::check_condition(make_sense(static_cast<scsi::SenseKey>(q.key), q.asc, q.ascq));
    }
    case Effect::TruncatedData: {
        Action half;
        half.kind = ActionKind::Truncate;
        half.keep = SIZE_MAX; // half of whatever the drive answers, see after()
        plan.after.push_back(half);
        return Completion{};
    }
    case Effect::Hang: return not_delivered(Delivery::Never);
    case Effect::Vanish: gone_ = true; return not_delivered(Delivery::DeviceGone);
    case Effect::ReservationConflict: {
        Completion r;
        r.status = ScsiStatus::ReservationConflict;
        return r;
    }
    }
    return Completion{};
}

Completion FaultEngine::after(DriveState& s, const Command& cmd, const Plan& plan, Completion c) {
    for (const auto& a : plan.after) {
        switch (a.kind) {
        case ActionKind::Delay: c.busy_until = std::max(c.busy_until, plan.arrived) + a.duration; break;
        case ActionKind::Corrupt:
            if (a.offset < c.data_in_length && a.offset < cmd.data_in.size()) cmd.data_in[a.offset] ^= a.xor_mask;
            break;
        case ActionKind::Truncate: {
            const std::size_t keep = a.keep == SIZE_MAX ? c.data_in_length / 2 : a.keep;
            if (c.data_in_length > keep) {
                c.residual += c.data_in_length - keep;
                c.data_in_length = keep;
            }
            break;
        }
        default: break;
        }
    }
    c.busy_until = std::max(c.busy_until, s.now());
    LogEntry e;
    e.sequence = log_.next_sequence();
    e.time = plan.arrived;
    e.busy_until = c.busy_until;
    e.cdb_length = static_cast<std::uint8_t>(std::min<std::size_t>(cmd.cdb.size(), e.cdb.size()));
    std::copy_n(cmd.cdb.begin(), e.cdb_length, e.cdb.begin());
    e.status = c.status;
    e.delivery = c.delivery;
    if (c.status == ScsiStatus::CheckCondition) {
        e.sense_key = static_cast<std::uint8_t>(c.sense.key());
        e.asc = c.sense.asc();
        e.ascq = c.sense.ascq();
    }
    e.data_in = c.data_in_length;
    e.data_out = cmd.data_out.size();
    e.rules = plan.fired;
    log_.push(std::move(e));
    return c;
}

} // namespace spindle::faults
