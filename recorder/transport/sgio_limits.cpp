// Transfer limits of a Linux SCSI device node, read from sysfs (transfer_limits.hpp).
#include "recorder/transport/sgio_transport.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <scsi/sg.h>

namespace spindle::recorder {
namespace {

std::optional<std::uint64_t> read_number(Syscalls& sys, const std::string& path) {
    auto text = sys.read_file(path);
    if (!text) return std::nullopt;
    std::uint64_t v = 0;
    const char* b = text->data();
    const char* e = b + text->size();
    while (b < e && (*b == ' ' || *b == '\t')) ++b;
    auto [p, ec] = std::from_chars(b, e, v);
    if (ec != std::errc{} || p == b) return std::nullopt;
    return v;
}

std::uint32_t clamp32(std::uint64_t v) { return static_cast<std::uint32_t>(std::min<std::uint64_t>(v, 0xFFFF'FFFFu)); }

std::string bus_from_path(const std::string& link) {
    if (link.find("/usb") != std::string::npos) return "usb";
    if (link.find("/ata") != std::string::npos) return "ata";
    if (link.find("tcm_loop") != std::string::npos) return "tcm_loop";
    if (link.find("virtio") != std::string::npos) return "virtio";
    if (link.find("/host") != std::string::npos) return "scsi";
    return "unknown";
}

} // namespace

TransferLimits read_transfer_limits(Syscalls& sys, const std::string& sysfs_root, const std::string& path, int fd) {
    TransferLimits l;
    l.page_size = sys.page_size();
    if (fd >= 0)
        if (auto r = sys.ioctl_get_int(fd, SG_GET_RESERVED_SIZE); r && *r > 0)
            l.sg_reserved_bytes = static_cast<std::uint32_t>(*r);

    auto dev = sys.stat_device(path);
    if (!dev) {
        l.source = "defaults (device number unknown)";
        return l;
    }
    const std::string number = fmt::format("{}:{}", dev->major, dev->minor);
    std::string node; // the device's directory under /sys/dev
    std::string queue;
    if (dev->is_block) {
        node = fmt::format("{}/dev/block/{}", sysfs_root, number);
        queue = node + "/queue";
    } else {
        node = fmt::format("{}/dev/char/{}", sysfs_root, number);
        // An sg node has no queue of its own: use its sr sibling's, when the sr driver is bound.
        if (auto blocks = sys.list_dir(node + "/device/block"); blocks && !blocks->empty())
            queue = fmt::format("{}/class/block/{}/queue", sysfs_root, blocks->front());
    }
    if (auto link = sys.read_link(node)) l.bus = bus_from_path(*link);

    if (queue.empty()) {
        // No queue to read: the sg reserved buffer is what sg can always move (cdrkit's fallback).
        if (l.sg_reserved_bytes != 0) {
            l.max_hw_bytes = l.max_sectors_bytes = l.sg_reserved_bytes;
            l.source = "SG_GET_RESERVED_SIZE";
        } else {
            l.source = "defaults (no queue in sysfs)";
        }
        return l;
    }
    bool any = false;
    if (auto v = read_number(sys, queue + "/max_hw_sectors_kb")) l.max_hw_bytes = clamp32(*v * 1024), any = true;
    if (auto v = read_number(sys, queue + "/max_sectors_kb")) l.max_sectors_bytes = clamp32(*v * 1024), any = true;
    if (auto v = read_number(sys, queue + "/max_segments"); v && *v > 0) l.max_segments = clamp32(*v), any = true;
    if (auto v = read_number(sys, queue + "/max_segment_size"); v && *v > 0) l.max_segment_size = clamp32(*v);
    if (auto v = read_number(sys, queue + "/dma_alignment")) l.alignment_mask = clamp32(*v);
    l.source = any ? queue : "defaults (queue attributes unreadable)";
    return l;
}

} // namespace spindle::recorder
