#include "recorder/transport/sgio_transport.hpp"

#include "recorder/sense_map.hpp"

#include "scsi/sg_status.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <scsi/sg.h>

namespace spindle::recorder {
namespace {

// host_status (DID_*) and driver_status (DRIVER_*) as Linux defines them: scsi/sg_status.hpp.
using namespace scsi::sg;
constexpr int max_eintr_retries = 100; // a signal storm must not spin forever

Error open_error(int err, bool exclusive, const std::string& path) {
    const TransportFailure f = transport_failure_for_errno(err, exclusive);
    return Error(hresult_for_transport(f), fmt::format("open {}: {}", path, std::strerror(err))).with_errno(err);
}

TransportStatus classify(const sg_io_hdr& h) {
    if (h.host_status == did_time_out || (h.driver_status & driver_mask) == driver_timeout)
        return TransportStatus::Timeout;
    if (h.host_status == did_no_connect || h.host_status == did_bad_target) return TransportStatus::NoConnect;
    if (h.host_status != did_ok) return TransportStatus::HostError;
    const auto drv = static_cast<unsigned>(h.driver_status & driver_mask);
    if (drv != 0 && drv != driver_sense && h.sb_len_wr == 0 && h.status == 0) return TransportStatus::DriverError;
    return TransportStatus::Ok;
}

} // namespace

SgioTransport::SgioTransport(std::string path, Syscalls& sys, SgioOptions options)
    : path_(std::move(path)), sys_(sys), options_(std::move(options)) {}

SgioTransport::~SgioTransport() { close_fd(); }

Result<std::unique_ptr<SgioTransport>> SgioTransport::open(const std::string& path, Syscalls& sys,
                                                           SgioOptions options) {
    const bool exclusive = options.exclusive;
    std::unique_ptr<SgioTransport> t(new SgioTransport(path, sys, std::move(options)));
    if (auto r = t->open_fd(exclusive); !r) return std::unexpected(r.error());
    t->limits_ = read_transfer_limits(sys, t->options_.sysfs_root, path, t->fd_);
    return t;
}

Result<void> SgioTransport::open_fd(bool exclusive) {
    const int base = O_NONBLOCK | (exclusive ? O_EXCL : 0);
    int last_err = 0;
    for (const int mode : {O_RDWR, O_RDONLY}) {
        for (int attempt = 0; attempt < max_eintr_retries; ++attempt) {
            auto fd = sys_.open(path_, base | mode);
            if (fd) {
                fd_ = *fd;
                exclusive_ = exclusive;
                read_only_ = mode == O_RDONLY;
                return {};
            }
            last_err = fd.error();
            if (last_err != EINTR) break;
        }
        // Only a refused write access is worth a read-only retry.
        if (last_err != EACCES && last_err != EROFS && last_err != EPERM) break;
    }
    return std::unexpected(open_error(last_err, exclusive, path_));
}

void SgioTransport::close_fd() {
    if (fd_ < 0) return;
    // close(2) must not be retried on EINTR on Linux: the descriptor is gone either way.
    (void)sys_.close(fd_);
    fd_ = -1;
}

Result<void> SgioTransport::set_exclusive(bool exclusive, std::string_view client_name) {
    if (exclusive) client_name_ = client_name;
    if (exclusive == exclusive_ && fd_ >= 0) return {};
    // sg refuses O_EXCL while any descriptor (ours too) is open: close first, then reopen.
    close_fd();
    if (auto r = open_fd(exclusive); !r) {
        if (exclusive && open_fd(false)) return std::unexpected(r.error()); // back to shared access
        return std::unexpected(r.error());
    }
    return {};
}

std::string SgioTransport::exclusive_access_owner() {
    if (exclusive_) return client_name_.empty() ? fmt::format("pid {}", sys_.process_id()) : client_name_;
    std::string owners;
    for (const auto& o : find_device_openers(sys_, path_)) owners += (owners.empty() ? "" : ", ") + o;
    return owners;
}

Result<ScsiResult> SgioTransport::execute(const ScsiRequest& req) {
    if (fd_ < 0) return fail(hr::invalid_handle, fmt::format("{} is not open", path_));
    if (req.cdb.size() < 6 || req.cdb.size() > 16) return fail(hr::e_invalidarg, "CDB must be 6 to 16 bytes");

    std::array<std::uint8_t, ScsiResult::max_sense> sense{};
    std::vector<std::uint8_t> cdb(req.cdb.begin(), req.cdb.end()); // SG_IO wants a mutable pointer
    sg_io_hdr h{};
    h.interface_id = 'S';
    h.cmd_len = static_cast<unsigned char>(cdb.size());
    h.cmdp = cdb.data();
    h.mx_sb_len = static_cast<unsigned char>(sense.size());
    h.sbp = sense.data();
    h.timeout = static_cast<unsigned>(std::clamp<std::int64_t>(req.timeout.count(), 1, 0x7FFF'FFFF));
    std::size_t length = 0;
    switch (req.direction) {
    case DataDirection::None: h.dxfer_direction = SG_DXFER_NONE; break;
    case DataDirection::FromDevice:
        h.dxfer_direction = SG_DXFER_FROM_DEV;
        h.dxferp = req.data_in.data();
        length = req.data_in.size();
        break;
    case DataDirection::ToDevice:
        h.dxfer_direction = SG_DXFER_TO_DEV;
        // The kernel only reads from a data-out buffer; sg_io_hdr has no const pointer.
        h.dxferp = const_cast<std::uint8_t*>(req.data_out.data());
        length = req.data_out.size();
        break;
    }
    h.dxfer_len = static_cast<unsigned>(length);

    SysResult<void> r;
    int attempt = 0;
    do {
        r = sys_.sg_io(fd_, h);
    } while (!r && r.error() == EINTR && ++attempt < max_eintr_retries);
    if (!r) {
        const int err = r.error();
        auto e = Error(hresult_for_transport(transport_failure_for_errno(err)),
                       fmt::format("SG_IO on {}: {}", path_, std::strerror(err)))
                     .with_errno(err)
                     .with_cdb(req.cdb);
        return std::unexpected(e);
    }

    ScsiResult out;
    out.status = h.status;
    out.host_status = h.host_status;
    out.driver_status = h.driver_status;
    out.transport = classify(h);
    out.duration = std::chrono::milliseconds(h.duration);
    const std::size_t sense_len = std::min<std::size_t>(h.sb_len_wr, sense.size());
    out.sense.assign(sense.begin(), sense.begin() + static_cast<std::ptrdiff_t>(sense_len));
    out.residual = static_cast<std::size_t>(std::clamp<std::int64_t>(h.resid, 0, static_cast<std::int64_t>(length)));
    return out;
}

} // namespace spindle::recorder
