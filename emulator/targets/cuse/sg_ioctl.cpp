#include "emulator/targets/cuse/sg_ioctl.hpp"

#include "emulator/targets/cuse/sg_compat.hpp"

#define FUSE_USE_VERSION 35
#include <fuse_lowlevel.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <scsi/scsi.h>
#include <scsi/sg.h>
#include <sys/uio.h>
#include <vector>

namespace spindle::cuse {

namespace {

constexpr int cd_dvd_type = 5; // SPC-4 peripheral device type: CD/DVD device

iovec iov(void* base, std::size_t len) { return iovec{base, len}; }

// An int the caller passes by pointer: first ask for it, then read it.
template <class T>
bool fetch_in(fuse_req_t req, void* arg, std::span<const std::uint8_t> in, T& value) {
    if (in.size() < sizeof(T)) {
        const iovec v = iov(arg, sizeof(T));
        fuse_reply_ioctl_retry(req, &v, 1, nullptr, 0);
        return false;
    }
    std::memcpy(&value, in.data(), sizeof(T));
    return true;
}

// A value the caller receives by pointer: first ask for room, then give it.
template <class T>
void reply_out(fuse_req_t req, void* arg, std::size_t out_size, const T& value) {
    if (out_size < sizeof(T)) {
        const iovec v = iov(arg, sizeof(T));
        fuse_reply_ioctl_retry(req, nullptr, 0, &v, 1);
        return;
    }
    fuse_reply_ioctl(req, 0, &value, sizeof(T));
}

} // namespace

int SgDevice::Impl::open_file(int flags, std::uint64_t& fh) {
    const bool exclusive = (flags & O_EXCL) != 0;
    for (const auto& [id, f] : files) // sg: an exclusive opener is alone, or waits (EBUSY with O_NONBLOCK)
        if (f.exclusive || exclusive) return EBUSY;
    fh = next_fh++;
    files[fh].exclusive = exclusive;
    return 0;
}

void SgDevice::Impl::release_file(std::uint64_t fh) { files.erase(fh); }

void SgDevice::Impl::ioctl(fuse_req_t req, unsigned cmd, void* arg, std::uint64_t fh, std::span<const std::uint8_t> in,
                           std::size_t out_size, bool compat) {
    auto it = files.find(fh);
    if (it == files.end()) return (void)fuse_reply_err(req, EBADF);
    OpenFile& f = it->second;
    switch (cmd) {
    case SG_IO: return sg_io(req, arg, f, in, out_size, compat);
    case SG_GET_VERSION_NUM: return reply_out(req, arg, out_size, sg_version_num);
    case SG_GET_TIMEOUT: return (void)fuse_reply_ioctl(req, f.timeout_ticks, nullptr, 0); // the result is the value
    case SG_SET_TIMEOUT: {
        int ticks = 0;
        if (!fetch_in(req, arg, in, ticks)) return;
        if (ticks < 0) return (void)fuse_reply_err(req, EIO);
        f.timeout_ticks = ticks;
        return (void)fuse_reply_ioctl(req, 0, nullptr, 0);
    }
    case SG_GET_RESERVED_SIZE: return reply_out(req, arg, out_size, f.reserved_size);
    case SG_SET_RESERVED_SIZE: {
        int size = 0;
        if (!fetch_in(req, arg, in, size)) return;
        if (size < 0) return (void)fuse_reply_err(req, EINVAL);
        f.reserved_size = std::min(size, static_cast<int>(cuse_limits.max_transfer));
        return (void)fuse_reply_ioctl(req, 0, nullptr, 0);
    }
    case SG_GET_SCSI_ID: {
        sg_scsi_id id{};
        id.host_no = options.host_number;
        id.scsi_type = cd_dvd_type;
        id.h_cmd_per_lun = 1;
        id.d_queue_depth = 1;
        return reply_out(req, arg, out_size, id);
    }
    case SCSI_IOCTL_GET_IDLUN: {
        // dev_id: id | lun << 8 | channel << 16 | host << 24 (drivers/scsi/scsi_ioctl.c)
        const int idlun[2] = {(options.host_number & 0xFF) << 24, options.host_number};
        return reply_out(req, arg, out_size, idlun);
    }
    case SCSI_IOCTL_GET_BUS_NUMBER: return reply_out(req, arg, out_size, options.host_number);
    case SG_EMULATED_HOST: return reply_out(req, arg, out_size, 0);
    default: return (void)fuse_reply_err(req, ENOTTY);
    }
}

// SG_IO takes up to four rounds through CUSE: the header; with a scatter-gather list
// (iovec_count > 0: dxferp points to that many sg_iovec_t) the list; then the CDB and data-out
// in, with the header, sense and data-in as out buffers; then the command runs. A 32-bit
// caller's header and list are in their 32-bit layouts (`compat`), converted on the way.
void SgDevice::Impl::sg_io(fuse_req_t req, void* arg, const OpenFile& f, std::span<const std::uint8_t> in,
                           std::size_t out_size, bool compat) {
    const std::size_t hs = compat ? sizeof(CompatSgIoHdr) : sizeof(sg_io_hdr_t);
    const std::size_t piece_size = compat ? sizeof(CompatSgIovec) : sizeof(sg_iovec_t);
    if (in.size() < hs) { // the header
        const iovec v = iov(arg, hs);
        return (void)fuse_reply_ioctl_retry(req, &v, 1, nullptr, 0);
    }
    sg_io_hdr_t h{};
    if (compat) {
        CompatSgIoHdr c{};
        std::memcpy(&c, in.data(), hs);
        h = from_compat(c);
    } else {
        std::memcpy(&h, in.data(), hs);
    }
    if (const int err = check_header(h, cuse_limits); err != 0) return (void)fuse_reply_err(req, err);
    const bool no_data = h.dxfer_direction == SG_DXFER_NONE || h.dxferp == nullptr;
    const std::size_t list_bytes = no_data ? 0 : std::size_t{h.iovec_count} * piece_size;
    if (list_bytes > 0 && in.size() < hs + list_bytes) { // the scatter-gather list
        const iovec v[2] = {iov(arg, hs), iov(h.dxferp, list_bytes)};
        return (void)fuse_reply_ioctl_retry(req, v, 2, nullptr, 0);
    }
    // The data buffers: dxferp itself, or the list's, cut to dxfer_len as sg cuts them.
    std::vector<iovec> segments;
    std::size_t length = 0;
    if (list_bytes > 0) {
        for (unsigned i = 0; i < h.iovec_count && length < h.dxfer_len; ++i) {
            sg_iovec_t e{};
            if (compat) {
                CompatSgIovec c{};
                std::memcpy(&c, in.data() + hs + i * piece_size, sizeof c);
                e = from_compat(c);
            } else {
                std::memcpy(&e, in.data() + hs + i * piece_size, sizeof e);
            }
            const std::size_t n = std::min<std::size_t>(e.iov_len, h.dxfer_len - length);
            if (n == 0) continue;
            segments.push_back(iov(e.iov_base, n));
            length += n;
        }
        if (length == 0) return (void)fuse_reply_err(req, EINVAL); // as sg: a list that holds nothing
    } else if (!no_data && h.dxfer_len > 0) {
        segments.push_back(iov(h.dxferp, h.dxfer_len));
        length = h.dxfer_len;
    }
    const bool sends = sends_data(h.dxfer_direction) && length > 0;
    const bool receives = receives_data(h.dxfer_direction) && length > 0;
    const std::size_t sense_room = h.sbp != nullptr ? h.mx_sb_len : 0;
    const std::size_t head = hs + list_bytes; // what the previous rounds fetched, fetched again
    if (out_size == 0) {                      // the CDB and data-out in; the header, sense and data-in out
        std::vector<iovec> ins{iov(arg, hs)};
        if (list_bytes > 0) ins.push_back(iov(h.dxferp, list_bytes));
        ins.push_back(iov(h.cmdp, h.cmd_len));
        if (sends) ins.insert(ins.end(), segments.begin(), segments.end());
        std::vector<iovec> outs{iov(arg, hs)};
        if (sense_room > 0) outs.push_back(iov(h.sbp, sense_room));
        if (receives) outs.insert(outs.end(), segments.begin(), segments.end());
        // More buffers than the kernel takes would fail the caller with ENOMEM, unexplained:
        // refused as the header checks refuse a list too long (sg_request.hpp check_header).
        if (ins.size() + outs.size() > fuse_ioctl_max_iov) return (void)fuse_reply_err(req, EINVAL);
        return (void)fuse_reply_ioctl_retry(req, ins.data(), ins.size(), outs.data(), outs.size());
    }
    // Everything is here.
    if (in.size() < head + h.cmd_len + (sends ? length : 0)) return (void)fuse_reply_err(req, EFAULT);
    const auto cdb = in.subspan(head, h.cmd_len);
    const auto data_out = sends ? in.subspan(head + h.cmd_len, length) : std::span<const std::uint8_t>{};
    const sg_io_hdr_t caller = h; // the caller's header comes back as it was sent
    if (length == 0) h.dxfer_direction = SG_DXFER_NONE;
    h.dxfer_len = static_cast<unsigned>(length);
    h.iovec_count = 0;
    const auto timeout_ms = h.timeout != 0 ? h.timeout : static_cast<unsigned>(f.timeout_ticks) * (1000 / user_hz);
    const bool was_gone = gone;
    Pending p{DriveTime{0}, sequence++, req, run_sg_io(drive, h, cdb, data_out, timeout_ms, gone), sense_room, compat};
    p.due = p.result.due;
    p.result.header.dxfer_direction = caller.dxfer_direction;
    p.result.header.dxfer_len = caller.dxfer_len;
    p.result.header.iovec_count = caller.iovec_count;
    if (gone && !was_gone) {
        deliver(p);
        if (options.on_gone) options.on_gone();
        return;
    }
    if (p.due <= drive.clock().now()) return deliver(p);
    pending.push(std::move(p));
    loop.wake();
}

void SgDevice::Impl::deliver(Pending& p) {
    set_duration(p.result, drive.clock().now());
    std::vector<std::uint8_t> sense(p.sense_room, 0);
    std::copy_n(p.result.sense.begin(), std::min(sense.size(), p.result.sense.size()), sense.begin());
    CompatSgIoHdr compat_header{}; // the header in a 32-bit caller's layout, only for one
    if (p.compat) compat_header = to_compat(p.result.header);
    iovec outs[3];
    int n = 0;
    outs[n++] = p.compat ? iov(&compat_header, sizeof compat_header) : iov(&p.result.header, sizeof p.result.header);
    if (!sense.empty()) outs[n++] = iov(sense.data(), sense.size());
    if (!p.result.data_in.empty()) outs[n++] = iov(p.result.data_in.data(), p.result.data_in.size());
    fuse_reply_ioctl_iov(p.req, 0, outs, n);
}

std::optional<std::chrono::nanoseconds> SgDevice::Impl::deliver_due() {
    const auto now = drive.clock().now();
    while (!pending.empty() && pending.top().due <= now) {
        Pending p = pending.top();
        pending.pop();
        deliver(p);
    }
    if (pending.empty()) return std::nullopt;
    return std::max(std::chrono::nanoseconds{0}, pending.top().due - now);
}

void SgDevice::Impl::shutdown() {
    loop.stop();
    while (!pending.empty()) { // callers still waiting: the device is going away
        fuse_reply_err(pending.top().req, ENODEV);
        pending.pop();
    }
    if (session != nullptr) fuse_session_destroy(session); // closes /dev/cuse: the device goes
    session = nullptr;
}

} // namespace spindle::cuse
