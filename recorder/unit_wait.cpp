#include "recorder/unit_wait.hpp"

#include "recorder/sense_map.hpp"

#include "scsi/bytes.hpp"
#include "scsi/cdb.hpp"
#include "scsi/sense.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace spindle::recorder {
namespace {

bool operation_running(const scsi::SenseData& s) {
    using scsi::SenseKey;
    namespace asc = scsi::asc;
    if (s.matches(SenseKey::UnitAttention)) return true; // reported once, then the real state
    return s.matches(SenseKey::NotReady, asc::becoming_ready) ||
           s.matches(SenseKey::NotReady, asc::format_in_progress) ||
           s.matches(SenseKey::NotReady, asc::operation_in_progress) ||
           s.matches(SenseKey::NotReady, asc::long_write_in_progress);
}

} // namespace

std::optional<double> sense_progress(std::span<const std::uint8_t> sense) {
    // Progress indication (SPC-4 4.5.2.4.4): the sense-key-specific bytes, SKSV set.
    const auto s = scsi::SenseData::decode(sense);
    if (!s || !s->sense_key_specific()) return std::nullopt;
    return static_cast<double>(scsi::get_be16(*s->sense_key_specific(), 1)) / 65536.0;
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
        auto code = scsi::SenseData::decode(r->sense);
        if (!code) return fail(hr::invalid_response_from_device, "TEST UNIT READY failed without sense");
        if (!operation_running(*code))
            return std::unexpected(Error(hresult_for_sense(tur[0], *code)).with_sense(r->sense).with_cdb(tur));
        std::optional<double> progress = sense_progress(r->sense);
        if (!progress && code->matches(scsi::SenseKey::NotReady)) {
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
