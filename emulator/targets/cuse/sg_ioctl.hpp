#pragma once
// The sg device's state and its ioctls (sg_device.hpp): open files with their timeout and
// reserved size, exclusive opens, and SG_IO answers waiting for their delivery time.
#include "emulator/targets/cuse/sg_device.hpp"
#include "emulator/targets/fusectl/session_loop.hpp"
#include "emulator/targets/sg/sg_request.hpp"

#include <atomic>
#include <cstdint>
#include <map>
#include <queue>
#include <span>
#include <vector>

struct fuse_req;

namespace spindle::cuse {

using namespace spindle::sg;

// What one SG_IO can carry through CUSE: the kernel's FUSE request holds
// FUSE_DEFAULT_MAX_PAGES_PER_REQ (32) pages, shared with the header and the sense buffer; a
// retried ioctl takes at most FUSE_IOCTL_MAX_IOV (256) buffers in and out together
// (fs/fuse/ioctl.c), of which the header (twice), the list, the CDB and the sense take five:
// 251 pieces one way. A list whose pieces go both ways must fit that sum too (sg_ioctl.cpp).
inline constexpr std::size_t fuse_ioctl_max_iov = 256;
inline constexpr TransferLimits cuse_limits{120 * 1024, fuse_ioctl_max_iov - 5};

struct SgDevice::Impl {
    Impl(ServedDrive& d, std::string n, SgDeviceOptions o) : drive(d), name(std::move(n)), options(std::move(o)) {}

    ServedDrive& drive;
    std::string name;
    SgDeviceOptions options;
    struct fuse_session* session = nullptr;
    fuse::SessionLoop loop;
    std::atomic<bool> initialized{false};

    // Everything below: the loop's thread only.
    struct OpenFile {
        int timeout_ticks = default_timeout_ticks;
        int reserved_size = static_cast<int>(default_reserved_size);
        bool exclusive = false;
    };
    std::map<std::uint64_t, OpenFile> files;
    std::uint64_t next_fh = 1;
    bool gone = false; // a fault made the device vanish

    struct Pending {
        DriveTime due;
        std::uint64_t sequence;
        struct fuse_req* req;
        SgResult result;
        std::size_t sense_room; // bytes of the caller's sense buffer (mx_sb_len, when sbp is set)
        bool compat;            // a 32-bit caller: its header goes back in the 32-bit layout
        bool operator>(const Pending& o) const { return due != o.due ? due > o.due : sequence > o.sequence; }
    };
    std::priority_queue<Pending, std::vector<Pending>, std::greater<>> pending;
    std::uint64_t sequence = 0;

    int open_file(int flags, std::uint64_t& fh);
    void release_file(std::uint64_t fh);
    // `compat`: a 32-bit caller on a 64-bit kernel (sg_compat.hpp). Only SG_IO's layouts differ.
    void ioctl(struct fuse_req* req, unsigned cmd, void* arg, std::uint64_t fh, std::span<const std::uint8_t> in,
               std::size_t out_size, bool compat);
    std::optional<std::chrono::nanoseconds> deliver_due();
    void shutdown();

private:
    void sg_io(struct fuse_req* req, void* arg, const OpenFile& file, std::span<const std::uint8_t> in,
               std::size_t out_size, bool compat);
    void deliver(Pending& p);
};

} // namespace spindle::cuse
