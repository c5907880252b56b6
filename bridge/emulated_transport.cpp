#include "bridge/emulated_transport.hpp"

#include "emulator/drive/sg_outcome.hpp"
#include "recorder/sense_map.hpp"

#include <cerrno>
#include <fmt/format.h>

namespace spindle::recorder {

TransferLimits emulated_transfer_limits() {
    TransferLimits l;
    l.max_hw_bytes = 512 * 1024; // libata: max_hw_sectors_kb 512 for ATAPI
    l.max_sectors_bytes = 512 * 1024;
    l.max_segments = 168; // libata LIBATA_MAX_PRD / 2
    l.max_segment_size = 65536;
    l.alignment_mask = 3; // libata ATA_DMA_PAD_SZ - 1 on ATAPI queues
    l.page_size = 4096;
    l.bus = "emulated";
    l.source = "emulated";
    return l;
}

EmulatedTransport::EmulatedTransport(std::shared_ptr<EmulatedDevice> device, std::string name)
    : device_(std::move(device)), name_(std::move(name)), id_(device_->next_opener_id++),
      limits_(emulated_transfer_limits()) {
    ++device_->openers;
}

EmulatedTransport::~EmulatedTransport() {
    --device_->openers;
    if (device_->exclusive_holder == id_) {
        device_->exclusive_holder = 0;
        device_->exclusive_owner.clear();
    }
}

Result<std::unique_ptr<EmulatedTransport>> EmulatedTransport::open(std::shared_ptr<EmulatedDevice> device,
                                                                   std::string name) {
    if (device->drive().faults().device_gone())
        return std::unexpected(Error(hr::dev_not_exist, fmt::format("{} is gone", name)).with_errno(ENODEV));
    if (device->exclusive_holder != 0) return fail(hr::recorder_locked, fmt::format("{} is held exclusively", name));
    return std::unique_ptr<EmulatedTransport>(new EmulatedTransport(std::move(device), std::move(name)));
}

bool EmulatedTransport::exclusive() const { return device_->exclusive_holder == id_; }

Result<void> EmulatedTransport::set_exclusive(bool exclusive, std::string_view client_name) {
    auto& d = *device_;
    if (!exclusive) {
        if (d.exclusive_holder == id_) {
            d.exclusive_holder = 0;
            d.exclusive_owner.clear();
        }
        return {};
    }
    if (d.exclusive_holder == id_) return {};
    if (d.exclusive_holder != 0 || d.openers > 1)
        return std::unexpected(
            Error(hr::recorder_locked, fmt::format("{} is open elsewhere", name_)).with_errno(EBUSY));
    d.exclusive_holder = id_;
    d.exclusive_owner = client_name;
    return {};
}

std::optional<std::chrono::steady_clock::time_point> EmulatedTransport::virtual_time() const {
    if (device_->virtual_clock() == nullptr) return std::nullopt;
    return std::chrono::steady_clock::time_point(device_->clock().now());
}

void EmulatedTransport::pause(std::chrono::milliseconds d) {
    device_->wait_until(device_->clock().now() + std::chrono::duration_cast<Duration>(d));
}

Result<ScsiResult> EmulatedTransport::execute(const ScsiRequest& req) {
    if (closed_) return std::unexpected(Error(hr::invalid_handle, "descriptor closed").with_errno(EBADF));
    if (req.cdb.size() < 6 || req.cdb.size() > 16) return fail(hr::e_invalidarg, "CDB must be 6 to 16 bytes");
    const std::size_t length = req.direction == DataDirection::FromDevice ? req.data_in.size()
                               : req.direction == DataDirection::ToDevice ? req.data_out.size()
                                                                          : 0;
    if (length > limits_.max_hw_bytes)
        return std::unexpected(
            Error(hr::io_device,
                  fmt::format("transfer of {} bytes exceeds max_hw_sectors ({} bytes)", length, limits_.max_hw_bytes))
                .with_errno(EIO)
                .with_cdb(req.cdb));

    Command cmd;
    cmd.cdb = req.cdb;
    if (req.direction == DataDirection::ToDevice) cmd.data_out = req.data_out;
    if (req.direction == DataDirection::FromDevice) cmd.data_in = req.data_in;

    Clock& clock = device_->clock();
    const DriveTime start = clock.now();
    const Completion c = device_->drive().execute(cmd);
    const auto o = sg_outcome(c, length, req.direction == DataDirection::FromDevice, start,
                              std::chrono::duration_cast<Duration>(req.timeout));
    device_->wait_until(o.due);

    ScsiResult out;
    out.transport = o.host_status == did_no_connect ? TransportStatus::NoConnect
                    : o.host_status == did_time_out ? TransportStatus::Timeout
                                                    : TransportStatus::Ok;
    out.host_status = o.host_status;
    out.driver_status = o.driver_status;
    out.status = o.status;
    out.residual = o.residual;
    if (o.driver_status == driver_sense) {
        const auto sense = c.sense.bytes();
        out.sense.assign(sense.begin(), sense.end());
    }
    out.duration = std::chrono::duration_cast<std::chrono::milliseconds>(clock.now() - start);
    return out;
}

} // namespace spindle::recorder
