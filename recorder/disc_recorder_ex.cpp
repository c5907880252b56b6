// IDiscRecorder2Ex: the command path, raw commands, descriptors and transfer limits.
#include "recorder/disc_recorder_ex.hpp"

#include "recorder/retry_policy.hpp"
#include "recorder/sense_map.hpp"

#include "scsi/bytes.hpp"
#include "scsi/cdb.hpp"
#include "scsi/cdb_configuration.hpp"
#include "scsi/opcode.hpp"
#include "scsi/sense.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace spindle::recorder {
namespace {

constexpr std::uint8_t reservation_conflict = 0x18; // SAM-5 status

Error command_error(HResult hr, std::string detail, std::span<const std::uint8_t> cdb,
                    std::span<const std::uint8_t> sense = {}) {
    Error e(hr, std::move(detail));
    e.with_cdb(cdb);
    if (!sense.empty()) e.with_sense(sense);
    return e;
}

// A command timed out. The kernel may have waited longer than asked: the block layer raises
// SG_IO timeouts below 7 s to 7 s on /dev/srN (BLK_MIN_SG_TIMEOUT); SG_IO's duration says.
std::string timeout_text(std::chrono::milliseconds requested, std::chrono::milliseconds waited) {
    if (waited > requested + std::chrono::milliseconds(500))
        return fmt::format("no answer within {} ms (the kernel gave up after {} ms)", requested.count(),
                           waited.count());
    return fmt::format("no answer within {} ms", requested.count());
}

std::string trimmed(std::span<const std::uint8_t> field) {
    std::string s(field.begin(), field.end());
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
    return s;
}

} // namespace

std::string_view to_string(ModePageRequestType t) {
    switch (t) {
    case ModePageRequestType::Current: return "current";
    case ModePageRequestType::Changeable: return "changeable";
    case ModePageRequestType::Default: return "default";
    case ModePageRequestType::Saved: return "saved";
    }
    return "?";
}

bool cdb_size_matches_opcode(std::uint8_t opcode, std::size_t size) {
    if (size < 6 || size > 16) return false;
    // 60-7F (reserved, variable length) and C0-FF (vendor specific) fix no length: any of 6..16.
    const auto length = scsi::cdb_length(opcode);
    return !length || size == *length;
}

Result<std::size_t> DiscRecorderEx::run(std::span<const std::uint8_t> cdb, const Transfer& t) {
    RetryPolicy policy(retry_limits_); // when to try again: retry_policy.hpp
    for (;;) {
        ScsiRequest req;
        req.cdb = cdb;
        req.direction = t.direction;
        req.data_in = t.in;
        req.data_out = t.out;
        req.timeout = t.timeout;
        ++commands_sent_;
        auto r = transport_->execute(req);
        if (!r) {
            Error e = r.error();
            if (e.cdb().empty()) e.with_cdb(cdb);
            return std::unexpected(e);
        }
        switch (r->transport) {
        case TransportStatus::Ok: break;
        case TransportStatus::Timeout:
            return std::unexpected(command_error(hresult_for_transport(TransportFailure::Timeout),
                                                 timeout_text(t.timeout, r->duration), cdb));
        case TransportStatus::NoConnect:
            return std::unexpected(command_error(hresult_for_transport(TransportFailure::NoDevice),
                                                 fmt::format("host status 0x{:02X}", r->host_status), cdb));
        case TransportStatus::HostError:
        case TransportStatus::DriverError:
            return std::unexpected(command_error(
                hresult_for_transport(TransportFailure::HostError),
                fmt::format("host status 0x{:02X}, driver status 0x{:02X}", r->host_status, r->driver_status), cdb));
        }
        if (r->status == 0x00) {
            const std::size_t length = t.direction == DataDirection::FromDevice ? t.in.size() : 0;
            if (r->residual > length)
                return std::unexpected(
                    command_error(hr::invalid_response_from_device, "residual beyond the buffer", cdb));
            return length - r->residual;
        }
        if (r->status == reservation_conflict)
            return std::unexpected(command_error(hresult_for_transport(TransportFailure::Reserved),
                                                 "RESERVATION CONFLICT: another initiator holds the drive", cdb));
        if (r->status != 0x02) {
            const auto d = policy.on_busy();
            if (d.kind == RetryDecision::Kind::GiveUp)
                return std::unexpected(
                    command_error(hr::media_busy, fmt::format("SCSI status 0x{:02X}", r->status), cdb));
            transport_->pause(d.delay);
            continue;
        }
        const auto code = scsi::SenseData::decode(r->sense);
        if (!code)
            return std::unexpected(
                command_error(hr::invalid_response_from_device, "CHECK CONDITION without valid sense", cdb, r->sense));
        const auto d = policy.on_sense(*code);
        if (d.kind == RetryDecision::Kind::RetryNow) continue;
        if (d.kind == RetryDecision::Kind::RetryAfter) {
            transport_->pause(d.delay);
            continue;
        }
        HResult hr = hresult_for_sense(cdb[0], *code);
        if (hr == hr::media_no_media && cdb[0] != static_cast<std::uint8_t>(scsi::Opcode::GetEventStatusNotification) &&
            disc_present_per_gesn())
            hr = hr::media_upside_down;
        std::string detail = policy.waited().count() > 0
                                 ? fmt::format("after {} ms of retries", policy.waited().count())
                                 : std::string{};
        return std::unexpected(command_error(hr, std::move(detail), cdb, r->sense));
    }
}

bool DiscRecorderEx::disc_present_per_gesn() {
    // Drives have no sense code for an upside-down disc: they report 2/3A (no medium) while
    // the mechanism knows a disc is there. GET EVENT STATUS NOTIFICATION (MMC-6 table 151),
    // polled, media class: byte 5 bit 1 Media Present, bit 0 Door/Tray Open.
    const auto gesn = scsi::cdb::get_event_status_notification(scsi::cdb::event_class::media, 8);
    std::array<std::uint8_t, 8> answer{};
    auto n = run(gesn, Transfer{DataDirection::FromDevice, answer, {}});
    if (!n || *n < 8 || (answer[2] & 0x80) != 0 || (answer[2] & 0x07) != 4) return false;
    return (answer[5] & 0x02) != 0 && (answer[5] & 0x01) == 0;
}

Result<CommandOutcome> DiscRecorderEx::send_raw(std::span<const std::uint8_t> cdb, std::uint32_t timeout_seconds,
                                                DataDirection direction, std::span<std::uint8_t> in,
                                                std::span<const std::uint8_t> out) {
    if (cdb.data() == nullptr) return fail(hr::e_pointer, "no CDB");
    if (!cdb_size_matches_opcode(cdb.empty() ? 0 : cdb[0], cdb.size()))
        return fail(hr::e_invalidarg,
                    fmt::format("a {}-byte CDB does not fit opcode {:02X}h", cdb.size(), cdb.empty() ? 0 : cdb[0]));
    if (timeout_seconds == 0) return fail(hr::e_invalidarg, "timeout must be at least one second");
    ScsiRequest req;
    req.cdb = cdb;
    req.direction = direction;
    req.data_in = in;
    req.data_out = out;
    req.timeout =
        std::chrono::milliseconds(std::min<std::uint64_t>(std::uint64_t{timeout_seconds} * 1000, 0x7FFF'FFFF));
    ++commands_sent_;
    auto r = transport_->execute(req);
    if (!r) return std::unexpected(r.error());
    switch (r->transport) {
    case TransportStatus::Ok: break;
    case TransportStatus::Timeout:
        return std::unexpected(command_error(hr::command_timeout, timeout_text(req.timeout, r->duration), cdb));
    case TransportStatus::NoConnect: return std::unexpected(command_error(hr::dev_not_exist, "device gone", cdb));
    case TransportStatus::HostError:
    case TransportStatus::DriverError:
        return std::unexpected(command_error(hr::io_device, fmt::format("host status 0x{:02X}", r->host_status), cdb));
    }
    CommandOutcome o;
    o.status = r->status;
    if (direction == DataDirection::FromDevice)
        o.bytes_fetched = static_cast<std::uint32_t>(in.size() - std::min(r->residual, in.size()));
    if (r->status != 0x00) {
        o.hr = hr::s_command_has_sense_data;
        o.sense = scsi::fixed_sense_bytes(r->sense);
    }
    return o;
}

Result<CommandOutcome> DiscRecorderEx::send_command_no_data(std::span<const std::uint8_t> cdb,
                                                            std::uint32_t timeout_seconds) {
    return send_raw(cdb, timeout_seconds, DataDirection::None, {}, {});
}

Result<CommandOutcome> DiscRecorderEx::send_command_send_data_to_device(std::span<const std::uint8_t> cdb,
                                                                        std::uint32_t timeout_seconds,
                                                                        std::span<const std::uint8_t> buffer) {
    if (buffer.data() == nullptr && !buffer.empty()) return fail(hr::e_pointer, "no data buffer");
    if (buffer.empty()) return fail(hr::e_invalidarg, "BufferSize must not be zero");
    return send_raw(cdb, timeout_seconds, DataDirection::ToDevice, {}, buffer);
}

Result<CommandOutcome> DiscRecorderEx::send_command_get_data_from_device(std::span<const std::uint8_t> cdb,
                                                                         std::uint32_t timeout_seconds,
                                                                         std::span<std::uint8_t> buffer) {
    if (buffer.data() == nullptr && !buffer.empty()) return fail(hr::e_pointer, "no data buffer");
    if (buffer.empty()) return fail(hr::e_invalidarg, "BufferSize must not be zero");
    return send_raw(cdb, timeout_seconds, DataDirection::FromDevice, buffer, {});
}

Result<AdapterDescriptor> DiscRecorderEx::get_adapter_descriptor() {
    const TransferLimits l = transport_->limits();
    AdapterDescriptor d;
    d.maximum_transfer_length = l.max_hw_bytes;
    d.maximum_physical_pages = l.max_segments;
    d.alignment_mask = l.alignment_mask;
    d.max_page_aligned_transfer = l.max_page_aligned_transfer();
    d.max_non_page_aligned_transfer = l.max_non_page_aligned_transfer();
    d.max_sectors_bytes = l.max_sectors_bytes;
    d.sg_reserved_bytes = l.sg_reserved_bytes;
    d.page_size = l.page_size;
    d.bus = l.bus;
    d.source = l.source;
    return d;
}

Result<DeviceDescriptor> DiscRecorderEx::get_device_descriptor() {
    // INQUIRY (SPC-4 6.6): the additional length byte says how long the answer is.
    auto inquiry = read_variable([](std::uint32_t n) { return scsi::cdb::inquiry(static_cast<std::uint16_t>(n)); }, 5,
                                 255, [](std::span<const std::uint8_t> h) { return std::size_t{h[4]} + 5; });
    if (!inquiry) return std::unexpected(inquiry.error());
    if (inquiry->size() < 36) return fail(hr::invalid_response_from_device, "INQUIRY shorter than 36 bytes");
    const auto& q = *inquiry;
    DeviceDescriptor d;
    d.device_type = q[0] & 0x1F;
    d.removable_media = (q[1] & 0x80) != 0;
    d.version = q[2];
    d.vendor_id = trimmed(std::span(q).subspan(8, 8));
    d.product_id = trimmed(std::span(q).subspan(16, 16));
    d.product_revision = trimmed(std::span(q).subspan(32, 4));
    d.inquiry = q;
    d.bus = transport_->limits().bus;
    d.device_path = transport_->device_name();
    // Unit serial number VPD page (SPC-4 7.8.15); many drives lack it, which is not an error.
    auto vpd =
        read_variable([](std::uint32_t n) { return scsi::cdb::inquiry_vpd(0x80, static_cast<std::uint16_t>(n)); }, 4,
                      255, [](std::span<const std::uint8_t> h) { return std::size_t{h[3]} + 4; });
    if (vpd && (*vpd)[1] == 0x80) d.serial_number = trimmed(std::span(*vpd).subspan(4));
    return d;
}

Result<std::uint32_t> DiscRecorderEx::get_byte_alignment_mask() { return transport_->limits().alignment_mask; }

Result<std::uint32_t> DiscRecorderEx::get_maximum_non_page_aligned_transfer_size() {
    return transport_->limits().max_non_page_aligned_transfer();
}

Result<std::uint32_t> DiscRecorderEx::get_maximum_page_aligned_transfer_size() {
    return transport_->limits().max_page_aligned_transfer();
}

} // namespace spindle::recorder
