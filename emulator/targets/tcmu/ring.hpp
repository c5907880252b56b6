#pragma once
// The TCMU shared-memory ring (<linux/target_core_user.h>, "Ring Design"), as pure functions
// over the mapped bytes: no system calls, no assumptions about what the kernel wrote. Every
// offset and length is checked, so a malformed ring gives an error, never a stray access.
//
//   map = [ mailbox | command ring (cmdr_off, cmdr_size) | data area ]
//
// Entries start at 8-byte offsets of the command ring and never wrap (the kernel pads the end
// of the ring with a PAD entry instead). A command entry names its CDB and its data buffers
// (iovecs) by offsets into the map. A completion overwrites an entry's request fields with the
// response; with out-of-order completion (TCMU_MAILBOX_FLAG_CAP_OOOC) the kernel takes the
// command id from the entry it finds at the tail, so a response may use any command slot.
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace spindle::tcmu {

using ByteView = std::span<const std::uint8_t>;
using MutableByteView = std::span<std::uint8_t>;

struct RingLayout {
    std::uint16_t version = 0;
    std::uint16_t flags = 0;     // TCMU_MAILBOX_FLAG_CAP_*
    std::uint32_t cmdr_off = 0;  // the command ring, from the start of the map
    std::uint32_t cmdr_size = 0; // its size in bytes
    std::uint64_t map_size = 0;  // the whole map; the data area is [cmdr_off + cmdr_size, map_size)
    std::uint64_t data_start() const { return std::uint64_t{cmdr_off} + cmdr_size; }
    bool out_of_order() const; // TCMU_MAILBOX_FLAG_CAP_OOOC
    bool read_length() const;  // TCMU_MAILBOX_FLAG_CAP_READ_LEN
};

struct RingError {
    std::uint32_t offset = 0; // where in the command ring (or the mailbox) the problem is
    std::string message;
    // Nonzero for a command entry whose header is sound but whose body is not (its CDB or its
    // iovecs): that command can be failed and the ring followed past it, `entry_length` on.
    std::uint32_t entry_length = 0;
    std::uint16_t cmd_id = 0;
};

// The mailbox's fixed fields, validated against the map's size.
std::expected<RingLayout, RingError> read_layout(ByteView map);

// Mailbox words the kernel (cmd_head) and the handler (cmd_tail) move. Plain loads and stores:
// the caller provides the ordering (see uio_ring.cpp).
std::uint32_t mailbox_head(ByteView map);
std::uint32_t mailbox_tail(ByteView map);

// Whether `head`, read from the mailbox, is a place the kernel can have moved it to, given the
// handler's `tail` (the oldest entry not yet completed) and `next` (the next entry to read):
// inside the ring, aligned, and not behind `next`. The kernel only adds entries between `next`
// and `tail` and never fills the ring (head == tail means empty), so any other head would have
// the handler read entries again, or read past them round and round.
std::expected<void, RingError> check_head(const RingLayout& layout, std::uint32_t head, std::uint32_t tail,
                                          std::uint32_t next);

enum class EntryKind : std::uint8_t { Pad, Command, TaskManagement };

// One iovec: a buffer of the data area, by offset into the map.
struct DataSegment {
    std::uint64_t offset = 0;
    std::uint64_t length = 0;
};

struct RingEntry {
    std::uint32_t offset = 0; // in the command ring
    std::uint32_t length = 0; // bytes to the next entry
    EntryKind kind = EntryKind::Pad;
    std::uint16_t cmd_id = 0;
    std::vector<std::uint8_t> cdb;          // Command: copied out of the ring
    std::vector<DataSegment> data;          // Command: the data buffers, in order
    std::uint64_t data_length = 0;          // Command: sum of the buffers' lengths
    std::uint8_t tmr_type = 0;              // TaskManagement: TCMU_TMR_*
    std::vector<std::uint16_t> aborted_ids; // TaskManagement: the commands it concerns
};

// The length of a CDB by its operation code (SAM group codes; 7Fh: variable length), given the
// bytes available. nullopt when the CDB cannot fit in `available` bytes.
std::optional<std::size_t> cdb_length(ByteView cdb_start);

// Parses the entry at `offset` of the command ring. A command's data buffers lie in the data
// area and do not overlap (the kernel gives each its own blocks), so together they are never
// larger than the data area.
std::expected<RingEntry, RingError> parse_entry(ByteView map, const RingLayout& layout, std::uint32_t offset);

// The offset after `entry` (modulo the ring size).
std::uint32_t next_offset(const RingLayout& layout, std::uint32_t offset, std::uint32_t length);

// Bytes of the command ring between `from` and `to`, going forward.
std::uint32_t ring_distance(const RingLayout& layout, std::uint32_t from, std::uint32_t to);

struct Response {
    std::uint16_t cmd_id = 0;
    std::uint8_t scsi_status = 0;
    std::span<const std::uint8_t> sense;   // at most TCMU_SENSE_BUFFERSIZE bytes are kept
    std::optional<std::uint32_t> read_len; // data-in bytes, when fewer than the buffers hold
};

// Writes `response` into the first command slot at or after `tail` (PAD and TMR entries are
// stepped over) and returns the tail just past it. `head` bounds the search: a response needs
// a slot the kernel has filled. The caller stores the returned tail in the mailbox.
std::expected<std::uint32_t, RingError> write_response(MutableByteView map, const RingLayout& layout,
                                                       std::uint32_t tail, std::uint32_t head,
                                                       const Response& response);

} // namespace spindle::tcmu
