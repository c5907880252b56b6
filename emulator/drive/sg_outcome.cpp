#include "emulator/drive/sg_outcome.hpp"

#include <algorithm>

namespace spindle {

SgOutcome sg_outcome(const Completion& c, std::size_t length, bool data_in, DriveTime arrived, Duration timeout) {
    SgOutcome o;
    if (c.delivery == Delivery::DeviceGone) {
        o.due = arrived;
        o.host_status = did_no_connect;
        o.residual = length;
        return o;
    }
    const DriveTime deadline = arrived + timeout;
    if (c.delivery == Delivery::Never || c.busy_until > deadline) {
        o.due = deadline;
        o.host_status = did_time_out;
        o.residual = length;
        return o;
    }
    o.due = std::max(c.busy_until, arrived);
    o.status = static_cast<std::uint8_t>(c.status);
    if (c.status == ScsiStatus::CheckCondition) {
        o.driver_status = driver_sense;
        return o;
    }
    if (data_in) {
        o.data_in_length = std::min(c.data_in_length, length);
        o.residual = length - o.data_in_length;
    }
    return o;
}

} // namespace spindle
