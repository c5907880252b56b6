#pragma once
// What mmc-emu exec's ioctl handler and its preload (preload/exec_preload.cpp) agree on. Plain
// C types only: the preload is built without the C++ library.
#include <cstdint>
#include <sys/ioctl.h>

namespace spindle::exec {

// The node kinds exec shows, with the kernel's majors: sr's block device (also named scdN)
// and sg's character device (Documentation/admin-guide/devices.txt).
enum class NodeKind : unsigned char { Block, Char };
inline constexpr unsigned sr_major = 11;
inline constexpr unsigned sg_major = 21;

// The preload asks the handler, through the opened node, where the disc's user data is: a path
// it may open read-only (the image, as /proc/PID/fd/N of the serving process). ENOMEDIUM
// without a disc. The number is in a range no kernel driver uses (ioctl-number.rst).
struct DiscData {
    char path[256];
};
inline constexpr unsigned long get_disc_data = _IOR(0xE5, 0x01, DiscData);

// SG_IO's fast path (sgio_channel.hpp): the preload sends each SG_IO on a node as one request on
// a stream socket of its own, $UMOCKDEV_DIR/sgio, and reads one reply; umockdev's socket would
// take three round trips (the header, then the CDB fetched, then the header written back).
inline constexpr const char* sgio_socket_name = "sgio";
// What one SG_IO may carry under exec: no kernel queue limits it, so sg's own (UIO_MAXIOV pieces)
// and a transfer as large as burners send (8 MiB; libburn sends 64 KiB).
inline constexpr std::uint32_t sgio_max_transfer = 8u << 20;
inline constexpr std::uint32_t sgio_max_pieces = 1024;
// Both ends look for the other's next message this long before they sleep (a command takes a
// few microseconds; waking a sleeping thread on an idle core takes tens).
inline constexpr unsigned sgio_spin_us = 200;

// A request, followed by data_len bytes of data for the device.
struct SgioRequest {
    std::uint32_t drive;        // N of srN / sgN
    NodeKind kind;              // which node: the block layer's SG_IO or sg's
    unsigned char interface_id; // sg_io_hdr's, checked by the server
    unsigned char cmd_len;      // as the caller gave it (the CDB holds at most 16 bytes)
    unsigned char mx_sb_len;    // the caller's sense buffer
    unsigned char cdb[16];
    std::int32_t dxfer_direction; // as the caller gave it
    std::uint32_t dxfer_len;      // what the caller's buffers hold in all (a list gathered)
    std::uint32_t iovec_count;    // as the caller gave it (limits are the server's)
    std::uint32_t timeout_ms;     // the caller's, or its file's default when it gave 0
    std::uint32_t data_len;       // bytes that follow: the data gathered, or 0 when there is
                                  // none or the header is out of limits (the server says why)
};

// A reply, followed by sb_len_wr sense bytes and data_in_len bytes for the caller's buffers.
// error != 0: the ioctl fails with that errno and nothing follows.
struct SgioReply {
    std::int32_t error;
    unsigned char status, masked_status, msg_status, sb_len_wr;
    unsigned short host_status, driver_status;
    std::int32_t resid;
    std::uint32_t duration, info, data_in_len;
};

} // namespace spindle::exec
