#include "emulator/targets/exec/exec_devices.hpp"

#include "emulator/targets/exec/cdrom_info.hpp"
#include "emulator/targets/fusectl/drive_report.hpp"
#include "scsi/cdb_mode.hpp"

#include <fmt/format.h>

#include <array>

namespace spindle::exec {

namespace {

// sr's cdi->speed: page 2Ah's maximum read speed (bytes 8-9, kB/s) in 176 kB/s units, as
// get_capabilities reads it with MODE SENSE(6).
int read_speed(ServedDrive& drive) {
    const auto cdb = scsi::cdb::mode_sense6(0x2A, scsi::cdb::PageControl::Current, 255);
    std::array<std::uint8_t, 255> page{};
    const Completion c = drive.execute(Command{cdb, {}, page});
    const std::size_t at = 4 + page[3]; // after the header and any block descriptor
    if (c.status != ScsiStatus::Good || c.data_in_length < at + 10) return 0;
    return ((page[at + 8] << 8) | page[at + 9]) / 176;
}

} // namespace

std::expected<std::unique_ptr<ExecDevices>, std::string> ExecDevices::create(const std::vector<ServedDrive*>& drives) {
    auto testbed = Testbed::create();
    if (!testbed) return std::unexpected(testbed.error());
    auto d = std::unique_ptr<ExecDevices>(new ExecDevices());
    d->testbed_ = std::move(*testbed);
    std::vector<CdromInfoDrive> info;
    for (unsigned i = 0; i < drives.size(); ++i) {
        ServedDrive& served = *drives[i];
        auto [identity, bytes] = served.with([](Drive& x) {
            return std::pair{x.profile().identity, fusectl::disc_image_size(x.state())};
        });
        if (auto a = d->testbed_->add_drive(i, identity, bytes / 512); !a) return std::unexpected(a.error());
        auto& drive = *d->drives_.emplace_back(std::make_unique<ExecDrive>(served, i));
        auto& block = *d->handlers_.emplace_back(std::make_unique<NodeHandler>(drive, NodeKind::Block));
        auto& sg = *d->handlers_.emplace_back(std::make_unique<NodeHandler>(drive, NodeKind::Char));
        for (const auto& [node, handler] :
             {std::pair{fmt::format("/dev/sr{}", i), &block}, std::pair{fmt::format("/dev/scd{}", i), &block},
              std::pair{fmt::format("/dev/sg{}", i), &sg}})
            if (auto a = d->testbed_->attach(node, handler->base()); !a) return std::unexpected(a.error());
        info.push_back(CdromInfoDrive{fmt::format("sr{}", i), drive.sr.capability(), read_speed(served)});
    }
    if (auto w = d->testbed_->write_cdrom_info(cdrom_info_text(info)); !w) return std::unexpected(w.error());
    std::vector<ExecDrive*> served;
    for (const auto& x : d->drives_) served.push_back(x.get());
    auto channel = SgioChannel::listen(d->testbed_->root() / sgio_socket_name, std::move(served));
    if (!channel) return std::unexpected(channel.error());
    d->channel_ = std::move(*channel);
    return d;
}

// The servers go before the drives they call.
ExecDevices::~ExecDevices() {
    channel_.reset();
    testbed_.reset();
    handlers_.clear();
}

} // namespace spindle::exec
