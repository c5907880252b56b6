#include "emulator/drive/drive.hpp"

#include "emulator/drive/command_table.hpp"
#include "emulator/drive/transitions.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace spindle {

using scsi::SenseData;
namespace asc = scsi::asc;

Drive::Drive(DriveProfile profile, Clock& clock, DriveOptions options)
    : state_dir_lock_(std::move(options.state_dir_lock)),
      state_(std::move(profile), clock, std::move(options.state_dir)) {
    state_.timing_mode = options.timing;
    state_.unit_attentions.push_back(asc::power_on_reset);
    transitions::note_feature_change(state_); // what the drive starts with is no change
}

namespace {
Completion finish(const DriveState& s, Completion c) {
    c.busy_until = std::max(c.busy_until, s.now());
    return c;
}

// SPC-2 5.5.1: while another initiator holds a reservation, only the commands the table
// marks run (INQUIRY, REQUEST SENSE); the rest meet RESERVATION CONFLICT. An opcode the drive
// does not implement (REPORT LUNS among them) is refused as such.
bool conflicts_with_reservation(const DriveState& s, const Command& cmd) {
    if (!s.reserved() || cmd.cdb.empty()) return false;
    const CommandInfo* info = find_command(cmd.cdb[0]);
    return info != nullptr && !info->runs_when_reserved;
}
} // namespace

Completion Drive::execute(const Command& cmd) {
    catch_up();
    if (!faults_.device_gone() && conflicts_with_reservation(state_, cmd)) {
        faults::FaultEngine::Plan none;
        none.arrived = state_.now();
        Completion conflict;
        conflict.status = ScsiStatus::ReservationConflict;
        return faults_.after(state_, cmd, none, finish(state_, conflict));
    }
    auto plan = faults_.before(state_, cmd);
    Completion c = plan.answer ? finish(state_, *plan.answer) : dispatch(cmd);
    return faults_.after(state_, cmd, plan, c);
}

void Drive::catch_up() { transitions::run_due(state_); }

std::optional<DriveTime> Drive::next_due() const { return transitions::next_due(state_); }

void Drive::schedule(const faults::TimedEvent& event) {
    transitions::schedule(state_, ScheduledChange{event.at, event.state, event.duration, false});
}

void Drive::load_scenario(const faults::Scenario& scenario) {
    clear_faults();
    faults_.load_rules(scenario);
    for (const auto& e : scenario.events) schedule(e);
}

void Drive::clear_faults() {
    faults_.clear();
    std::erase_if(state_.schedule, [](const ScheduledChange& c) { return !c.restore; });
}

Completion Drive::dispatch(const Command& cmd) {
    if (cmd.cdb.empty()) return finish(state_, Completion::check_condition(scsi::sense::invalid_opcode()));

    const CommandInfo* info = find_command(cmd.cdb[0]);
    if (!state_.unit_attentions.empty() && (info == nullptr || !info->ignores_unit_attention)) {
        const auto ua = state_.unit_attentions.front();
        state_.unit_attentions.pop_front();
        return finish(state_, Completion::check_condition(scsi::sense::unit_attention(ua)));
    }
    if (info == nullptr) return finish(state_, Completion::check_condition(scsi::sense::invalid_opcode()));

    // Handlers read a CDB of exactly the table's length: a short one is zero-padded, as an
    // ATAPI packet is, so no handler can read past what the initiator sent.
    std::array<std::uint8_t, 16> padded{};
    const std::size_t n = std::min<std::size_t>(cmd.cdb.size(), info->cdb_length());
    std::memcpy(padded.data(), cmd.cdb.data(), n);
    Command normalized = cmd;
    normalized.cdb = std::span<const std::uint8_t>(padded.data(), info->cdb_length());

    // SPC-4 table 9: NACA is not supported; the obsolete LINK bit neither.
    const std::uint8_t control = padded[info->cdb_length() - 1];
    if (control & 0x04)
        return finish(state_, Completion::check_condition(scsi::sense::invalid_field_in_cdb(
                                  static_cast<std::uint16_t>(info->cdb_length() - 1), 2)));
    if (control & 0x01)
        return finish(state_, Completion::check_condition(scsi::sense::invalid_field_in_cdb(
                                  static_cast<std::uint16_t>(info->cdb_length() - 1), 0)));

    DriveTime spin_up_until{0};
    if (info->needs_ready_medium) {
        if (auto s = state_.not_ready_sense()) return finish(state_, Completion::check_condition(*s));
        if (state_.stopped) { // a media access spins a stopped disc up
            transitions::spin_up(state_);
            spin_up_until = state_.now() + state_.profile.timings.spin_up;
        }
    }
    if (ends_audio_play(info->opcode)) audio::stop(state_);
    Completion c = info->handler(state_, normalized);
    c.busy_until = std::max(c.busy_until, spin_up_until);
    return finish(state_, c);
}

bool Drive::press_eject() {
    if (state_.removal_prevented()) {
        state_.events.post_media(event_code::media_eject_request);
        return false;
    }
    transitions::open_tray(state_);
    return true;
}

void Drive::open_tray() { transitions::open_tray(state_); }
void Drive::close_tray() { transitions::close_tray(state_); }

void Drive::insert(std::unique_ptr<Medium> medium) {
    state_.medium = std::move(medium);
    if (!state_.tray_open && state_.medium) transitions::begin_load(state_);
}

std::unique_ptr<Medium> Drive::take_medium() {
    if (!state_.tray_open) return nullptr;
    return std::move(state_.medium);
}

void Drive::load(std::unique_ptr<Medium> medium) {
    open_tray();
    state_.medium = std::move(medium);
    close_tray();
}

void Drive::set_condition(MediumCondition kind, Duration duration, std::optional<SenseData> sense) {
    transitions::set_condition(state_, kind, duration, std::move(sense));
}

} // namespace spindle
