#pragma once
// SG_IO from 32-bit programs on a 64-bit kernel: CUSE hands their ioctl over unconverted
// (FUSE_IOCTL_COMPAT), with the header and the scatter-gather list in the 32-bit layouts the
// sg driver converts itself (drivers/scsi/sg.c, struct compat_sg_io_hdr and compat_iovec).
#include <scsi/sg.h>

#include <cstdint>

namespace spindle::cuse {

// The kernel's struct compat_sg_io_hdr: pointers are 32-bit user addresses.
struct CompatSgIoHdr {
    std::int32_t interface_id;
    std::int32_t dxfer_direction;
    std::uint8_t cmd_len;
    std::uint8_t mx_sb_len;
    std::uint16_t iovec_count;
    std::uint32_t dxfer_len;
    std::uint32_t dxferp;
    std::uint32_t cmdp;
    std::uint32_t sbp;
    std::uint32_t timeout;
    std::uint32_t flags;
    std::int32_t pack_id;
    std::uint32_t usr_ptr;
    std::uint8_t status;
    std::uint8_t masked_status;
    std::uint8_t msg_status;
    std::uint8_t sb_len_wr;
    std::uint16_t host_status;
    std::uint16_t driver_status;
    std::int32_t resid;
    std::uint32_t duration;
    std::uint32_t info;
};
static_assert(sizeof(CompatSgIoHdr) == 64);

// The kernel's struct compat_iovec: one piece of a 32-bit caller's scatter-gather list.
struct CompatSgIovec {
    std::uint32_t iov_base;
    std::uint32_t iov_len;
};
static_assert(sizeof(CompatSgIovec) == 8);

// The header as a 64-bit caller would have sent it (the addresses are still the caller's).
sg_io_hdr_t from_compat(const CompatSgIoHdr& c);
// The result header in the caller's layout.
CompatSgIoHdr to_compat(const sg_io_hdr_t& h);
// A piece of the caller's scatter-gather list as a 64-bit caller's.
sg_iovec_t from_compat(const CompatSgIovec& c);

} // namespace spindle::cuse
