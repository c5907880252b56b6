#pragma once
// What mmc-emu exec's ioctl handler and its preload (preload/exec_preload.cpp) agree on. Plain
// C types only: the preload is built without the C++ library.
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

} // namespace spindle::exec
