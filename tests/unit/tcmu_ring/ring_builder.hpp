#pragma once
// Builds TCMU ring bytes in memory the way the kernel lays them out (<linux/target_core_user.h>),
// so the parser can be tested without a kernel.
#include "emulator/targets/tcmu/ring.hpp"

#include "emulator/targets/tcmu/kernel_abi.hpp"

#include <cstddef>
#include <cstring>
#include <vector>

namespace spindle::test {

inline const std::vector<std::uint8_t> inquiry_cdb = {0x12, 0, 0, 0, 36, 0};

class RingBuilder {
public:
    static constexpr std::uint32_t cmdr_off = sizeof(tcmu_mailbox);

    explicit RingBuilder(std::uint32_t cmdr_size = 1024, std::size_t data_size = 16384,
                         std::uint16_t flags = TCMU_MAILBOX_FLAG_CAP_OOOC | TCMU_MAILBOX_FLAG_CAP_READ_LEN)
        : cmdr_size_(cmdr_size), map_(cmdr_off + cmdr_size + data_size) {
        put<std::uint16_t>(offsetof(tcmu_mailbox, version), TCMU_MAILBOX_VERSION);
        put<std::uint16_t>(offsetof(tcmu_mailbox, flags), flags);
        put<std::uint32_t>(offsetof(tcmu_mailbox, cmdr_off), cmdr_off);
        put<std::uint32_t>(offsetof(tcmu_mailbox, cmdr_size), cmdr_size);
    }

    std::vector<std::uint8_t>& bytes() { return map_; }
    const std::vector<std::uint8_t>& bytes() const { return map_; }
    std::uint32_t head() const { return head_; }
    std::uint64_t data_start() const { return cmdr_off + cmdr_size_; }

    // A command entry with `cdb` and iovecs (offset into the map, length); returns its offset.
    std::uint32_t command(std::uint16_t cmd_id, std::vector<std::uint8_t> cdb,
                          std::vector<std::pair<std::uint64_t, std::uint64_t>> iovs) {
        // As the kernel: the CDB follows the whole entry struct plus the iovecs.
        const std::size_t base = sizeof(tcmu_cmd_entry) + iovs.size() * sizeof(struct iovec);
        const std::uint32_t len = align(static_cast<std::uint32_t>(base + cdb.size()));
        const std::uint32_t at = head_;
        const std::uint64_t e = cmdr_off + at;
        // As the kernel, every field is written: a slot reused on a later lap holds a response.
        std::memset(map_.data() + e, 0, len);
        header(at, len, TCMU_OP_CMD, cmd_id);
        put<std::uint32_t>(e + offsetof(tcmu_cmd_entry, req.iov_cnt), static_cast<std::uint32_t>(iovs.size()));
        put<std::uint64_t>(e + offsetof(tcmu_cmd_entry, req.cdb_off), e + base);
        for (std::size_t i = 0; i < iovs.size(); ++i) {
            const auto iov = e + offsetof(tcmu_cmd_entry, req.iov) + i * sizeof(struct iovec);
            put<std::uint64_t>(iov + offsetof(struct iovec, iov_base), iovs[i].first);
            put<std::uint64_t>(iov + offsetof(struct iovec, iov_len), iovs[i].second);
        }
        std::memcpy(map_.data() + e + base, cdb.data(), cdb.size());
        advance(len);
        return at;
    }

    // A PAD entry up to the ring's end (what the kernel writes when a command does not fit).
    std::uint32_t pad_to_end() {
        const std::uint32_t at = head_;
        header(at, cmdr_size_ - at, TCMU_OP_PAD, 0);
        advance(cmdr_size_ - at);
        return at;
    }

    std::uint32_t tmr(std::uint8_t type, std::vector<std::uint16_t> ids) {
        const std::uint32_t at = head_;
        const auto len = align(static_cast<std::uint32_t>(offsetof(tcmu_tmr_entry, cmd_ids) + 2 * ids.size()));
        const std::uint64_t e = cmdr_off + at;
        std::memset(map_.data() + e, 0, len);
        header(at, len, TCMU_OP_TMR, 0);
        put<std::uint8_t>(e + offsetof(tcmu_tmr_entry, tmr_type), type);
        put<std::uint32_t>(e + offsetof(tcmu_tmr_entry, cmd_cnt), static_cast<std::uint32_t>(ids.size()));
        for (std::size_t i = 0; i < ids.size(); ++i)
            put<std::uint16_t>(e + offsetof(tcmu_tmr_entry, cmd_ids) + 2 * i, ids[i]);
        advance(len);
        return at;
    }

    void set_head(std::uint32_t h) {
        head_ = h;
        put<std::uint32_t>(offsetof(tcmu_mailbox, cmd_head), h);
    }
    void set_tail(std::uint32_t t) { put<std::uint32_t>(offsetof(tcmu_mailbox, cmd_tail), t); }

    template <typename T>
    void put(std::uint64_t at, T v) {
        std::memcpy(map_.data() + at, &v, sizeof v);
    }
    template <typename T>
    T get(std::uint64_t at) const {
        T v{};
        std::memcpy(&v, map_.data() + at, sizeof v);
        return v;
    }

private:
    static std::uint32_t align(std::uint32_t n) { return (n + 7u) & ~7u; }
    void header(std::uint32_t at, std::uint32_t len, tcmu_opcode op, std::uint16_t id) {
        std::uint32_t len_op = 0;
        tcmu_hdr_set_len(&len_op, len);
        tcmu_hdr_set_op(&len_op, op);
        put<std::uint32_t>(cmdr_off + at + offsetof(tcmu_cmd_entry_hdr, len_op), len_op);
        put<std::uint16_t>(cmdr_off + at + offsetof(tcmu_cmd_entry_hdr, cmd_id), id);
    }
    void advance(std::uint32_t len) { set_head((head_ + len) % cmdr_size_); }

    std::uint32_t cmdr_size_;
    std::uint32_t head_ = 0;
    std::vector<std::uint8_t> map_;
};

} // namespace spindle::test
