#include "recorder/unit_wait.hpp"

#include "recorder/sense_code.hpp"
#include "recorder/sense_map.hpp"

#include "scsi/cdb.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace spindle::recorder {
namespace {

bool operation_running(const SenseCode& c) {
    if (c.key == 0x6) return true; // a unit attention: reported once, then the real state
    if (c.key != 0x2 || c.asc != 0x04) return false;
    return c.ascq == 0x01 || c.ascq == 0x04 || c.ascq == 0x07 || c.ascq == 0x08;
}

} // namespace

std::optional<double> sense_progress(std::span<const std::uint8_t> sense) {
    if (sense.size() < 18 || (sense[0] & 0x7E) != 0x70 || (sense[15] & 0x80) == 0) return std::nullopt;
    return static_cast<double>((sense[16] << 8) | sense[17]) / 65536.0;
}

Result<void> wait_for_unit(DiscRecorderEx& ex, const UnitWaitOptions& o, HResult timeout_hr) {
    const auto tur = scsi::cdb::test_unit_ready();
    const auto request_sense = scsi::cdb::request_sense(18);
    std::chrono::milliseconds waited{0};
    for (;;) {
        // Raw commands: the sense of a running operation is what this loop is about.
        auto r = ex.send_command_no_data(tur, 30);
        if (!r) return std::unexpected(r.error());
        if (r->hr == hr::s_ok) return {};
        auto code = parse_sense(r->sense);
        if (!code) return fail(hr::invalid_response_from_device, "TEST UNIT READY failed without sense");
        if (!operation_running(*code))
            return std::unexpected(Error(hresult_for_sense(tur[0], *code)).with_sense(r->sense).with_cdb(tur));
        std::optional<double> progress = sense_progress(r->sense);
        if (!progress && code->key == 0x2) {
            std::array<std::uint8_t, 18> sense{};
            auto rs = ex.send_command_get_data_from_device(request_sense, 30, sense);
            if (rs && rs->hr == hr::s_ok) progress = sense_progress(sense);
        }
        if (o.on_poll) o.on_poll(progress);
        if (o.cancelled && o.cancelled()) return fail(hr::e_request_cancelled, "while waiting for the drive");
        if (waited >= o.limit)
            return fail(timeout_hr, fmt::format("the drive was still busy after {} s", waited.count() / 1000));
        const auto interval = std::max(o.interval, std::chrono::milliseconds(1)); // time must pass
        ex.transport().pause(interval);
        waited += interval;
    }
}

} // namespace spindle::recorder
