#include "emulator/targets/sg/sg_request.hpp"

#include <algorithm>
#include <cerrno>

namespace spindle::sg {

bool sends_data(int d) { return d == SG_DXFER_TO_DEV || d == SG_DXFER_TO_FROM_DEV || d == sg_dxfer_unknown; }
bool receives_data(int d) { return d == SG_DXFER_FROM_DEV || d == SG_DXFER_TO_FROM_DEV || d == sg_dxfer_unknown; }

int check_header(const sg_io_hdr_t& h, TransferLimits limits) {
    if (h.interface_id != 'S') return ENOSYS; // sg: only the v3 interface through SG_IO
    if (h.cmd_len < 6 || h.cmd_len > 16) return EMSGSIZE;
    // The direction matters only with data (block/scsi_ioctl.c): cdrdao zeroes the header of a
    // command without data, direction 0 included.
    if (h.dxfer_len > 0) switch (h.dxfer_direction) {
        case SG_DXFER_NONE:
        case SG_DXFER_TO_DEV:
        case SG_DXFER_FROM_DEV:
        case SG_DXFER_TO_FROM_DEV:
        case sg_dxfer_unknown: break;
        default: return EINVAL;
        }
    if (h.iovec_count > limits.max_iovec_count) return EINVAL; // sg allows more; a target may not
    if (h.dxfer_direction != SG_DXFER_NONE && h.dxfer_len > limits.max_transfer) return ENOMEM;
    return 0;
}

SgResult run_sg_io(ServedDrive& drive, const sg_io_hdr_t& h, std::span<const std::uint8_t> cdb,
                   std::span<const std::uint8_t> data_out, std::uint32_t timeout_ms, bool& gone) {
    SgResult r;
    r.header = h;
    r.header.status = r.header.masked_status = r.header.msg_status = 0;
    r.header.sb_len_wr = 0;
    r.header.host_status = r.header.driver_status = 0;
    r.header.resid = 0;
    r.header.info = 0;
    r.arrived = drive.clock().now();
    r.due = r.arrived;
    const std::size_t length = h.dxfer_direction == SG_DXFER_NONE ? 0 : h.dxfer_len;
    if (gone) {
        r.header.host_status = did_no_connect;
        r.header.resid = static_cast<int>(length);
        r.header.info = SG_INFO_CHECK;
        return r;
    }

    // One buffer serves both ways, as the initiator's does: data-out bytes in, the answer over
    // them. Data that only goes out is taken where it is (a burn's writes: no copy).
    const bool only_out = h.dxfer_direction == SG_DXFER_TO_DEV && data_out.size() >= length;
    std::vector<std::uint8_t> buffer(only_out ? 0 : length);
    if (sends_data(h.dxfer_direction) && !only_out)
        std::copy_n(data_out.begin(), std::min(data_out.size(), length), buffer.begin());
    const std::span<const std::uint8_t> out = only_out                        ? data_out.first(length)
                                              : sends_data(h.dxfer_direction) ? std::span<const std::uint8_t>(buffer)
                                                                              : std::span<const std::uint8_t>{};
    const std::span<std::uint8_t> in = receives_data(h.dxfer_direction) ? std::span(buffer) : std::span<std::uint8_t>{};
    const Completion c = drive.execute(Command{cdb, out, in});

    const auto o = sg_outcome(c, length, !in.empty(), r.arrived, std::chrono::milliseconds(timeout_ms));
    if (o.host_status == did_no_connect) gone = true;
    r.due = o.due;
    r.header.host_status = o.host_status;
    r.header.driver_status = o.driver_status;
    r.header.status = o.status;
    r.header.masked_status = static_cast<unsigned char>((o.status >> 1) & 0x7F);
    r.header.resid = static_cast<int>(o.residual);
    if (o.driver_status == driver_sense) {
        const auto sense = c.sense.bytes();
        const std::size_t n = std::min<std::size_t>(sense.size(), h.mx_sb_len);
        r.sense.assign(sense.begin(), sense.begin() + static_cast<std::ptrdiff_t>(n));
        r.header.sb_len_wr = static_cast<unsigned char>(n);
    }
    r.data_in.assign(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(o.data_in_length));
    if (r.header.status != 0 || r.header.host_status != 0 || r.header.driver_status != 0) r.header.info = SG_INFO_CHECK;
    return r;
}

void set_duration(SgResult& r, DriveTime delivered) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(delivered - r.arrived).count();
    r.header.duration = static_cast<unsigned>(std::max<std::int64_t>(ms, 0));
}

} // namespace spindle::sg
