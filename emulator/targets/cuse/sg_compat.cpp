#include "emulator/targets/cuse/sg_compat.hpp"

namespace spindle::cuse {

namespace {
void* address(std::uint32_t a) { return reinterpret_cast<void*>(static_cast<std::uintptr_t>(a)); }
// A 32-bit caller's addresses fit in 32 bits: from_compat made them from 32-bit values.
std::uint32_t compat_address(const void* p) { return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(p)); }
} // namespace

sg_io_hdr_t from_compat(const CompatSgIoHdr& c) {
    sg_io_hdr_t h{};
    h.interface_id = c.interface_id;
    h.dxfer_direction = c.dxfer_direction;
    h.cmd_len = c.cmd_len;
    h.mx_sb_len = c.mx_sb_len;
    h.iovec_count = c.iovec_count;
    h.dxfer_len = c.dxfer_len;
    h.dxferp = address(c.dxferp);
    h.cmdp = static_cast<unsigned char*>(address(c.cmdp));
    h.sbp = static_cast<unsigned char*>(address(c.sbp));
    h.timeout = c.timeout;
    h.flags = c.flags;
    h.pack_id = c.pack_id;
    h.usr_ptr = address(c.usr_ptr);
    h.status = c.status;
    h.masked_status = c.masked_status;
    h.msg_status = c.msg_status;
    h.sb_len_wr = c.sb_len_wr;
    h.host_status = c.host_status;
    h.driver_status = c.driver_status;
    h.resid = c.resid;
    h.duration = c.duration;
    h.info = c.info;
    return h;
}

sg_iovec_t from_compat(const CompatSgIovec& c) { return sg_iovec_t{address(c.iov_base), c.iov_len}; }

CompatSgIoHdr to_compat(const sg_io_hdr_t& h) {
    CompatSgIoHdr c{};
    c.interface_id = h.interface_id;
    c.dxfer_direction = h.dxfer_direction;
    c.cmd_len = h.cmd_len;
    c.mx_sb_len = h.mx_sb_len;
    c.iovec_count = h.iovec_count;
    c.dxfer_len = h.dxfer_len;
    c.dxferp = compat_address(h.dxferp);
    c.cmdp = compat_address(h.cmdp);
    c.sbp = compat_address(h.sbp);
    c.timeout = h.timeout;
    c.flags = h.flags;
    c.pack_id = h.pack_id;
    c.usr_ptr = compat_address(h.usr_ptr);
    c.status = h.status;
    c.masked_status = h.masked_status;
    c.msg_status = h.msg_status;
    c.sb_len_wr = h.sb_len_wr;
    c.host_status = h.host_status;
    c.driver_status = h.driver_status;
    c.resid = h.resid;
    c.duration = h.duration;
    c.info = h.info;
    return c;
}

} // namespace spindle::cuse
