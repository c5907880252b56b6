#include "emulator/targets/tcmu/ring.hpp"

#include "emulator/targets/tcmu/kernel_abi.hpp"
#include "scsi/opcode.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <fmt/format.h>

namespace spindle::tcmu {

namespace {

// The ring's fields are host-endian structs of <linux/target_core_user.h>: read and write them
// by their offsetof, through memcpy, so the bytes need no particular alignment.
template <typename T>
T load(ByteView map, std::uint64_t at) {
    T v{};
    std::memcpy(&v, map.subspan(static_cast<std::size_t>(at), sizeof(T)).data(), sizeof(T));
    return v;
}
template <typename T>
void store(MutableByteView map, std::uint64_t at, T v) {
    std::memcpy(map.subspan(static_cast<std::size_t>(at), sizeof(T)).data(), &v, sizeof(T));
}

constexpr std::size_t hdr_size = sizeof(tcmu_cmd_entry_hdr);
constexpr std::size_t req_offset = offsetof(tcmu_cmd_entry, req);
constexpr std::size_t rsp_offset = offsetof(tcmu_cmd_entry, rsp);
constexpr std::size_t iov_offset = req_offset + offsetof(decltype(tcmu_cmd_entry::req), iov);
constexpr std::size_t iov_size = sizeof(struct iovec);
constexpr std::size_t tmr_ids_offset = offsetof(tcmu_tmr_entry, cmd_ids);
constexpr std::size_t max_cdb = 260; // 7Fh: 8 + up to 252 additional bytes

RingError error(std::uint32_t offset, std::string message) { return RingError{offset, std::move(message)}; }

// Whether [offset, offset + length) lies within [lo, hi), without overflow.
bool within(std::uint64_t offset, std::uint64_t length, std::uint64_t lo, std::uint64_t hi) {
    return offset >= lo && offset <= hi && length <= hi - offset;
}

struct Header {
    std::uint32_t length;
    std::uint8_t op;
    std::uint16_t cmd_id;
};

std::expected<Header, RingError> read_header(ByteView map, const RingLayout& layout, std::uint32_t offset) {
    if (offset % TCMU_OP_ALIGN_SIZE != 0 || offset >= layout.cmdr_size)
        return std::unexpected(error(offset, "entry offset outside the command ring or misaligned"));
    if (layout.cmdr_size - offset < hdr_size)
        return std::unexpected(error(offset, "entry header crosses the ring's end"));
    const std::uint64_t at = std::uint64_t{layout.cmdr_off} + offset;
    const auto len_op = load<std::uint32_t>(map, at + offsetof(tcmu_cmd_entry_hdr, len_op));
    Header h{tcmu_hdr_get_len(len_op), static_cast<std::uint8_t>(tcmu_hdr_get_op(len_op)),
             load<std::uint16_t>(map, at + offsetof(tcmu_cmd_entry_hdr, cmd_id))};
    if (h.length < hdr_size || h.length % TCMU_OP_ALIGN_SIZE != 0 || h.length > layout.cmdr_size - offset)
        return std::unexpected(error(offset, fmt::format("entry length {} is not valid here", h.length)));
    return h;
}

} // namespace

bool RingLayout::out_of_order() const { return (flags & TCMU_MAILBOX_FLAG_CAP_OOOC) != 0; }
bool RingLayout::read_length() const { return (flags & TCMU_MAILBOX_FLAG_CAP_READ_LEN) != 0; }

std::expected<RingLayout, RingError> read_layout(ByteView map) {
    if (map.size() < sizeof(tcmu_mailbox)) return std::unexpected(error(0, "map smaller than the mailbox"));
    RingLayout l;
    l.version = load<std::uint16_t>(map, offsetof(tcmu_mailbox, version));
    l.flags = load<std::uint16_t>(map, offsetof(tcmu_mailbox, flags));
    l.cmdr_off = load<std::uint32_t>(map, offsetof(tcmu_mailbox, cmdr_off));
    l.cmdr_size = load<std::uint32_t>(map, offsetof(tcmu_mailbox, cmdr_size));
    l.map_size = map.size();
    if (l.version != TCMU_MAILBOX_VERSION)
        return std::unexpected(
            error(0, fmt::format("mailbox version {}, expected {}", l.version, TCMU_MAILBOX_VERSION)));
    if (l.cmdr_off < sizeof(tcmu_mailbox) || l.cmdr_off % TCMU_OP_ALIGN_SIZE != 0 || l.cmdr_size == 0 ||
        l.cmdr_size % TCMU_OP_ALIGN_SIZE != 0 || !within(l.cmdr_off, l.cmdr_size, 0, l.map_size))
        return std::unexpected(error(0, fmt::format("command ring at {} size {} does not fit a map of {} bytes",
                                                    l.cmdr_off, l.cmdr_size, l.map_size)));
    const auto head = mailbox_head(map);
    const auto tail = mailbox_tail(map);
    if (head >= l.cmdr_size || tail >= l.cmdr_size || head % TCMU_OP_ALIGN_SIZE || tail % TCMU_OP_ALIGN_SIZE)
        return std::unexpected(error(0, fmt::format("head {} or tail {} outside the command ring", head, tail)));
    return l;
}

std::uint32_t mailbox_head(ByteView map) { return load<std::uint32_t>(map, offsetof(tcmu_mailbox, cmd_head)); }
std::uint32_t mailbox_tail(ByteView map) { return load<std::uint32_t>(map, offsetof(tcmu_mailbox, cmd_tail)); }

std::expected<void, RingError> check_head(const RingLayout& layout, std::uint32_t head, std::uint32_t tail,
                                          std::uint32_t next) {
    if (head >= layout.cmdr_size || head % TCMU_OP_ALIGN_SIZE != 0)
        return std::unexpected(error(0, fmt::format("head {} outside the command ring or misaligned", head)));
    if (ring_distance(layout, tail, head) < ring_distance(layout, tail, next))
        return std::unexpected(error(0, fmt::format("head {} moved back before {}, already read", head, next)));
    return {};
}

std::optional<std::size_t> cdb_length(ByteView cdb) {
    if (cdb.empty()) return std::nullopt;
    std::size_t n = 0;
    if (cdb[0] == scsi::variable_length_cdb) { // SPC-4 4.2.3: byte 7 counts the bytes after byte 7
        if (cdb.size() < 8) return std::nullopt;
        n = 8 + std::size_t{cdb[7]};
    } else {
        // The kernel copied scsi_command_size() bytes: the group's length, or COMMAND_SIZE's
        // where SPC-4 fixes none.
        n = scsi::linux_command_size(cdb[0]);
    }
    if (n > cdb.size() || n > max_cdb) return std::nullopt;
    return n;
}

std::expected<RingEntry, RingError> parse_entry(ByteView map, const RingLayout& layout, std::uint32_t offset) {
    if (map.size() != layout.map_size) return std::unexpected(error(offset, "map size changed"));
    auto h = read_header(map, layout, offset);
    if (!h) return std::unexpected(h.error());
    RingEntry e;
    e.offset = offset;
    e.length = h->length;
    e.cmd_id = h->cmd_id;
    const std::uint64_t at = std::uint64_t{layout.cmdr_off} + offset;
    const std::uint64_t end = at + h->length;

    switch (h->op) {
    case TCMU_OP_PAD: e.kind = EntryKind::Pad; return e;
    case TCMU_OP_TMR: {
        e.kind = EntryKind::TaskManagement;
        if (h->length < tmr_ids_offset) return std::unexpected(error(offset, "TMR entry too short"));
        e.tmr_type = load<std::uint8_t>(map, at + offsetof(tcmu_tmr_entry, tmr_type));
        const auto count = load<std::uint32_t>(map, at + offsetof(tcmu_tmr_entry, cmd_cnt));
        if (count > (h->length - tmr_ids_offset) / sizeof(std::uint16_t))
            return std::unexpected(error(offset, fmt::format("TMR entry lists {} commands, more than fit", count)));
        for (std::uint32_t i = 0; i < count; ++i)
            e.aborted_ids.push_back(load<std::uint16_t>(map, at + tmr_ids_offset + i * sizeof(std::uint16_t)));
        return e;
    }
    case TCMU_OP_CMD: break;
    default: return std::unexpected(error(offset, fmt::format("unknown entry type {}", h->op)));
    }

    e.kind = EntryKind::Command;
    // The kernel sizes every command entry to hold at least a response.
    if (h->length < sizeof(tcmu_cmd_entry)) return std::unexpected(error(offset, "command entry too short"));
    // From here on the entry can be stepped over: a bad body fails this command only.
    const auto bad_body = [&](std::string message) {
        auto err = error(offset, std::move(message));
        err.entry_length = h->length;
        err.cmd_id = h->cmd_id;
        return std::unexpected(std::move(err));
    };
    const auto req = at + req_offset;
    using Req = decltype(tcmu_cmd_entry::req);
    const auto iov_cnt = load<std::uint32_t>(map, req + offsetof(Req, iov_cnt));
    const auto bidi_cnt = load<std::uint32_t>(map, req + offsetof(Req, iov_bidi_cnt));
    const auto dif_cnt = load<std::uint32_t>(map, req + offsetof(Req, iov_dif_cnt));
    const auto cdb_off = load<std::uint64_t>(map, req + offsetof(Req, cdb_off));
    const std::uint64_t iovs = std::uint64_t{iov_cnt} + bidi_cnt + dif_cnt;
    if (iovs > (h->length - iov_offset) / iov_size)
        return bad_body(fmt::format("command entry lists {} iovecs, more than fit", iovs));

    // The kernel places the CDB inside the entry, after the iovecs.
    if (!within(cdb_off, 1, at + iov_offset + iovs * iov_size, end))
        return bad_body(fmt::format("CDB offset {} outside the entry", cdb_off));
    const auto cdb_bytes = map.subspan(static_cast<std::size_t>(cdb_off), static_cast<std::size_t>(end - cdb_off));
    const auto n = cdb_length(cdb_bytes);
    if (!n) return bad_body("CDB crosses the end of its entry");
    e.cdb.assign(cdb_bytes.begin(), cdb_bytes.begin() + static_cast<std::ptrdiff_t>(*n));

    // Only the data-out/data-in buffers matter to a drive; bidirectional and protection
    // buffers are checked for bounds like the rest but not kept.
    for (std::uint64_t i = 0; i < iovs; ++i) {
        const auto iov = at + iov_offset + i * iov_size;
        const auto base = load<std::uint64_t>(map, iov + offsetof(struct iovec, iov_base));
        const auto len = load<std::uint64_t>(map, iov + offsetof(struct iovec, iov_len));
        if (!within(base, len, layout.data_start(), layout.map_size))
            return bad_body(fmt::format("iovec {} ({} bytes at {}) outside the data area", i, len, base));
        if (i < iov_cnt && len > 0) {
            e.data.push_back(DataSegment{base, len});
            e.data_length += len;
        }
    }
    // Overlapping buffers would make the data-in ambiguous, and their lengths' sum (what a
    // scattered command's copy is sized by) unbounded by the data area.
    auto sorted = e.data;
    std::ranges::sort(sorted, {}, &DataSegment::offset);
    for (std::size_t i = 1; i < sorted.size(); ++i)
        if (sorted[i - 1].offset + sorted[i - 1].length > sorted[i].offset)
            return bad_body(fmt::format("iovecs at {} and {} overlap", sorted[i - 1].offset, sorted[i].offset));
    return e;
}

std::uint32_t next_offset(const RingLayout& layout, std::uint32_t offset, std::uint32_t length) {
    return static_cast<std::uint32_t>((std::uint64_t{offset} + length) % layout.cmdr_size);
}

std::uint32_t ring_distance(const RingLayout& layout, std::uint32_t from, std::uint32_t to) {
    return to >= from ? to - from : layout.cmdr_size - from + to;
}

std::expected<std::uint32_t, RingError> write_response(MutableByteView map, const RingLayout& layout,
                                                       std::uint32_t tail, std::uint32_t head,
                                                       const Response& response) {
    if (map.size() != layout.map_size) return std::unexpected(error(tail, "map size changed"));
    while (tail != head) {
        auto h = read_header(map, layout, tail);
        if (!h) return std::unexpected(h.error());
        if (ring_distance(layout, tail, head) < h->length)
            return std::unexpected(error(tail, "entry reaches past the ring's head"));
        if (h->op != TCMU_OP_CMD) { // PAD or TMR: the kernel steps over them too
            tail = next_offset(layout, tail, h->length);
            continue;
        }
        if (h->length < rsp_offset + sizeof(decltype(tcmu_cmd_entry::rsp)))
            return std::unexpected(error(tail, "command slot too short for a response"));
        const std::uint64_t at = std::uint64_t{layout.cmdr_off} + tail;
        using Rsp = decltype(tcmu_cmd_entry::rsp);
        const auto rsp = at + rsp_offset;
        std::uint8_t uflags = 0;
        std::uint32_t read_len = 0;
        if (response.read_len && layout.read_length()) {
            uflags |= TCMU_UFLAG_READ_LEN;
            read_len = *response.read_len;
        }
        store<std::uint16_t>(map, at + offsetof(tcmu_cmd_entry_hdr, cmd_id), response.cmd_id);
        store<std::uint8_t>(map, at + offsetof(tcmu_cmd_entry_hdr, uflags), uflags);
        store<std::uint8_t>(map, rsp + offsetof(Rsp, scsi_status), response.scsi_status);
        store<std::uint32_t>(map, rsp + offsetof(Rsp, read_len), read_len);
        auto sense = map.subspan(static_cast<std::size_t>(rsp + offsetof(Rsp, sense_buffer)), TCMU_SENSE_BUFFERSIZE);
        std::fill(sense.begin(), sense.end(), std::uint8_t{0});
        const auto n = std::min<std::size_t>(response.sense.size(), sense.size());
        std::copy_n(response.sense.begin(), n, sense.begin());
        return next_offset(layout, tail, h->length);
    }
    return std::unexpected(error(tail, "no command slot between tail and head"));
}

} // namespace spindle::tcmu
