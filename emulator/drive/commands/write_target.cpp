#include "emulator/drive/commands/write_target.hpp"

#include "emulator/drive/transitions.hpp"
#include "emulator/drive/write_parameters.hpp"

namespace spindle {

WriteTarget write_target(DriveState& s) {
    if (!simulating(s)) {
        s.simulation.reset();
        return {s.medium->disc, DiscWriter(*s.medium), false};
    }
    if (!s.simulation || s.simulation->of != s.medium.get())
        s.simulation = WriteSimulation{s.medium.get(), s.medium->disc};
    return {s.simulation->disc, DiscWriter(s.simulation->disc), true};
}

std::optional<scsi::SenseData> medium_failure(const DriveState& s, const scsi::Asc& code) {
    if (!s.medium || s.medium->failure.empty()) return std::nullopt;
    return scsi::sense::make(scsi::SenseKey::MediumError, code);
}

Completion long_operation(DriveState& s, bool immed, MediumCondition kind, Duration duration) {
    Completion c;
    if (immed)
        transitions::set_condition(s, kind, duration);
    else
        c.busy_until = s.now() + duration;
    return c;
}

} // namespace spindle
