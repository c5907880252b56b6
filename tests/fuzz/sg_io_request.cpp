// The CUSE sg device's ioctl handler (cuse/sg_ioctl.cpp) on arbitrary requests, 64-bit and
// 32-bit (compat): SG_IO's header checks (sg/sg_request.hpp check_header), its rounds through
// CUSE (the header, the scatter-gather list, then the CDB and data, each fetched by a retry),
// the 32-bit layouts (cuse/sg_compat.hpp from_compat, to_compat) and the answer from the drive
// (run_sg_io), delivered at once or later. The harness is the kernel: libfuse's replies are
// replaced by functions that record them, and a retry fetches from a made-up caller memory.
//
// An input:
//   byte    a fault rule for the drive (which of `rules`, modulo; past the list: none)
//   byte    requests (1 + n % 4); each: byte flags (bit 0: a 32-bit caller; bit 1: another sg
//           ioctl than SG_IO, chosen by the header's first byte), then the header in the
//           caller's layout (64 or 88 bytes)
//   rest    the caller's memory: every address from 4096 up maps to it, modulo its size
//           (a buffer that runs past its end faults); the header is at address 2048
// What the kernel checks of a retry holds for every one (at most FUSE_IOCTL_MAX_IOV buffers
// in and out together, at most 32 pages each way), an answer never holds more than the
// caller's buffers, and the header comes back in the caller's layout, with the sense within
// mx_sb_len and the residual within dxfer_len.
#include "emulator/media/presets.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "emulator/targets/cuse/sg_compat.hpp"
#include "emulator/targets/cuse/sg_ioctl.hpp"
#include "fuzz_input.hpp"

#define FUSE_USE_VERSION 35
#include <fuse_lowlevel.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <scsi/scsi.h>
#include <string_view>
#include <vector>

namespace {

using namespace spindle;

constexpr std::array<std::string_view, 4> rules = {
    "{command: INQUIRY, delay: 2s}",
    "{command: TEST UNIT READY, hang: true}",
    "{command: READ(10), sense: 3/11/00}",
    "{command: INQUIRY, vanish: true}",
};
constexpr std::array<unsigned, 9> other_ioctls = {
    SG_GET_VERSION_NUM,   SG_GET_TIMEOUT, SG_SET_TIMEOUT,       SG_GET_RESERVED_SIZE,
    SG_SET_RESERVED_SIZE, SG_GET_SCSI_ID, SCSI_IOCTL_GET_IDLUN, SCSI_IOCTL_GET_BUS_NUMBER,
    SG_EMULATED_HOST,
};
constexpr std::uintptr_t header_address = 2048;
constexpr std::uintptr_t memory_start = 4096;
constexpr std::size_t kernel_max_bytes = 32 * 4096; // FUSE_DEFAULT_MAX_PAGES_PER_REQ pages

// What the handler answered last.
struct Reply {
    enum class Kind { None, Retry, Error, Data } kind = Kind::None;
    int error = 0;
    std::vector<iovec> in, out;     // Retry: what to fetch, where the answer goes
    std::vector<std::uint8_t> data; // Data: the answer's bytes
};
Reply reply;

void record_data(const iovec* iov, std::size_t count) {
    reply = Reply{Reply::Kind::Data, 0, {}, {}, {}};
    for (std::size_t i = 0; i < count; ++i) {
        const auto* p = static_cast<const std::uint8_t*>(iov[i].iov_base);
        reply.data.insert(reply.data.end(), p, p + iov[i].iov_len);
    }
}

// The caller's address space: its header and its memory.
struct Caller {
    std::vector<std::uint8_t> header;
    std::vector<std::uint8_t> memory;
    // The bytes at [address, address + length), or nullopt: the kernel's EFAULT.
    std::optional<std::span<const std::uint8_t>> at(std::uintptr_t address, std::size_t length) const {
        if (address == header_address && length <= header.size()) return std::span(header).first(length);
        if (address < memory_start || memory.empty()) return std::nullopt;
        const auto offset = (address - memory_start) % memory.size();
        if (length > memory.size() - offset) return std::nullopt;
        return std::span(memory).subspan(offset, length);
    }
};

std::uintptr_t address_of(const iovec& v) { return reinterpret_cast<std::uintptr_t>(v.iov_base); }

// One ioctl as the kernel runs it: rounds of retries until an answer, an error, or a request
// the kernel refuses. Returns whether the handler keeps the request for a later answer.
bool run_ioctl(cuse::SgDevice::Impl& device, std::uint64_t fh, unsigned cmd, std::uintptr_t arg, const Caller& caller,
               bool compat, std::size_t& out_size) {
    static int request_token = 0;
    auto* req = reinterpret_cast<fuse_req_t>(&request_token);
    std::vector<std::uint8_t> in;
    out_size = 0;
    for (int round = 0; round < 8; ++round) {
        reply = Reply{};
        device.ioctl(req, cmd, reinterpret_cast<void*>(arg), fh, in, out_size, compat);
        if (reply.kind != Reply::Kind::Retry) return reply.kind == Reply::Kind::None;
        if (reply.in.size() + reply.out.size() > FUSE_IOCTL_MAX_IOV) std::abort(); // the kernel's ENOMEM
        in.clear();
        out_size = 0;
        for (const auto& v : reply.in) {
            const auto bytes = caller.at(address_of(v), v.iov_len);
            if (!bytes) return false; // EFAULT to the caller
            in.insert(in.end(), bytes->begin(), bytes->end());
        }
        for (const auto& v : reply.out) {
            if (!caller.at(address_of(v), v.iov_len)) return false;
            out_size += v.iov_len;
        }
        if (in.size() > kernel_max_bytes || out_size > kernel_max_bytes) std::abort(); // the kernel's ENOMEM
    }
    std::abort(); // a handler that never stops asking
}

void check_answer(const Caller& caller, bool compat, std::size_t out_size) {
    if (reply.kind != Reply::Kind::Data) return;
    if (reply.data.size() > out_size) std::abort(); // the kernel's EIO
    const std::size_t hs = compat ? sizeof(cuse::CompatSgIoHdr) : sizeof(sg_io_hdr_t);
    if (reply.data.size() < hs) std::abort();
    sg_io_hdr_t sent{}, got{};
    if (compat) {
        cuse::CompatSgIoHdr c{}, g{};
        std::memcpy(&c, caller.header.data(), hs);
        std::memcpy(&g, reply.data.data(), hs);
        sent = cuse::from_compat(c);
        got = cuse::from_compat(g);
        // A 32-bit caller's header survives the trip through the 64-bit layout.
        const auto back = cuse::to_compat(got);
        if (std::memcmp(&back, &g, hs) != 0) std::abort();
    } else {
        std::memcpy(&sent, caller.header.data(), hs);
        std::memcpy(&got, reply.data.data(), hs);
    }
    if (got.sb_len_wr > sent.mx_sb_len) std::abort();
    if (got.resid < 0 || static_cast<unsigned>(got.resid) > sent.dxfer_len) std::abort();
    if (got.dxferp != sent.dxferp || got.cmdp != sent.cmdp || got.sbp != sent.sbp) std::abort();
    if (got.dxfer_len != sent.dxfer_len || got.iovec_count != sent.iovec_count) std::abort();
}

} // namespace

// libfuse's replies, as the kernel would receive them.
extern "C" {
int fuse_reply_err(fuse_req_t, int err) {
    reply = Reply{Reply::Kind::Error, err, {}, {}, {}};
    return 0;
}
int fuse_reply_ioctl_retry(fuse_req_t, const struct iovec* in_iov, size_t in_count, const struct iovec* out_iov,
                           size_t out_count) {
    reply = Reply{Reply::Kind::Retry, 0, {in_iov, in_iov + in_count}, {out_iov, out_iov + out_count}, {}};
    return 0;
}
int fuse_reply_ioctl(fuse_req_t, int, const void* buf, size_t size) {
    const iovec v{const_cast<void*>(buf), size};
    record_data(&v, buf != nullptr ? 1 : 0);
    return 0;
}
int fuse_reply_ioctl_iov(fuse_req_t, int, const struct iovec* iov, int count) {
    record_data(iov, static_cast<std::size_t>(count));
    return 0;
}
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput in(data, size);
    const auto rule = in.byte();
    struct Request {
        bool compat;
        unsigned cmd;
        std::vector<std::uint8_t> header;
    };
    std::vector<Request> requests(1 + in.byte() % 4);
    for (auto& r : requests) {
        const auto flags = in.byte();
        r.compat = (flags & 1) != 0;
        const auto bytes = in.take(r.compat ? sizeof(cuse::CompatSgIoHdr) : sizeof(sg_io_hdr_t));
        r.header.assign(bytes.begin(), bytes.end());
        r.header.resize(r.compat ? sizeof(cuse::CompatSgIoHdr) : sizeof(sg_io_hdr_t), 0);
        r.cmd = (flags & 2) != 0 ? other_ioctls[r.header[0] % other_ioctls.size()] : SG_IO;
    }
    Caller caller;
    const auto rest = in.rest();
    caller.memory.assign(rest.begin(), rest.end());

    VirtualClock clock;
    ServedDrive drive("drive0", std::make_unique<Drive>(default_profile(), clock));
    auto medium = make_medium("blank dvd+r");
    if (!medium) std::abort(); // a broken preset, not a finding
    drive.with([&](Drive& d) {
        d.load(std::move(*medium));
        if (rule < rules.size()) (void)d.faults().add_rule(rules[rule]);
    });
    cuse::SgDevice::Impl device(drive, "sg-fuzz", {});
    std::uint64_t fh = 0;
    if (device.open_file(0, fh) != 0) std::abort();

    for (auto& r : requests) {
        caller.header = r.header;
        std::size_t out_size = 0;
        // Another ioctl's argument points into the memory, as SG_IO's header would.
        const std::uintptr_t arg = r.cmd == SG_IO ? header_address : memory_start + r.header[1];
        bool waiting = run_ioctl(device, fh, r.cmd, arg, caller, r.compat, out_size);
        for (int turns = 0; waiting && turns < 16; ++turns) { // an answer due later: time passes
            const auto next = device.deliver_due();
            waiting = reply.kind == Reply::Kind::None;
            if (waiting && next) clock.advance(*next);
        }
        if (waiting) std::abort(); // every request is answered, at its timeout at the latest
        if (r.cmd == SG_IO)
            check_answer(caller, r.compat, out_size);
        else if (reply.kind == Reply::Kind::Data && reply.data.size() > out_size)
            std::abort();
    }
    return 0;
}
