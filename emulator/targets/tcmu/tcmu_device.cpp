#include "emulator/targets/tcmu/tcmu_device.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace spindle::tcmu {

namespace {

constexpr std::uint8_t task_aborted = 0x40; // SAM-5 status TASK ABORTED

// What tcmu-runner answers when its handler fails (TCMU_STS_HW_ERR): 4/44/00 INTERNAL TARGET
// FAILURE (SPC-4 table 28). Defined here: the drive model never reports it.

// What LIO answers a command for a LUN that is not there (TCM_NON_EXISTENT_LUN).
std::array<std::uint8_t, scsi::SenseData::fixed_length> lun_gone_sense() {
    return scsi::sense::illegal_request(scsi::asc::logical_unit_not_supported).bytes();
}

} // namespace

std::expected<TcmuDevice, std::string> TcmuDevice::open(ServedDrive& drive, UioRing ring, Log log,
                                                        GoneHandler on_gone) {
    auto layout = read_layout(ring.map());
    if (!layout) return std::unexpected(fmt::format("{}: {}", ring.name(), layout.error().message));
    return TcmuDevice(drive, std::move(ring), *layout, std::move(log), std::move(on_gone));
}

TcmuDevice::TcmuDevice(ServedDrive& drive, UioRing ring, RingLayout layout, Log log, GoneHandler on_gone)
    : drive_(&drive), ring_(std::move(ring)), layout_(layout), log_(std::move(log)), on_gone_(std::move(on_gone)) {
    // Start where the kernel expects the next completion; nothing is queued before we serve.
    tail_ = mailbox_tail(ring_.map());
    next_ = tail_;
}

void TcmuDevice::say(const std::string& what) noexcept {
    if (!log_) return;
    try {
        log_(what);
    } catch (...) { // a log that fails must not take the ring down with it
    }
}

void TcmuDevice::fail(const std::string& why) noexcept {
    if (!alive_) return;
    alive_ = false;
    try {
        say(fmt::format("{}: {}; no longer serving this ring", ring_.name(), why));
    } catch (...) {
    }
}

void TcmuDevice::on_readable() noexcept {
    if (!alive_) return;
    try {
        take_entries();
    } catch (const std::exception& e) {
        fail(e.what());
    } catch (...) {
        fail("unknown exception");
    }
}

void TcmuDevice::take_entries() {
    auto ack = ring_.acknowledge();
    if (!ack) return fail(ack.error());
    if (!*ack) return fail("the device was removed");

    const auto map = ring_.map();
    for (;;) {
        // The kernel moves the head while we read: every value read is checked again.
        const std::uint32_t head = ring_.load_head();
        if (auto h = check_head(layout_, head, tail_, next_); !h) return fail(h.error().message);
        if (head == next_) return;
        auto entry = parse_entry(map, layout_, next_);
        const std::uint32_t length = entry ? entry->length : entry.error().entry_length;
        if (length == 0)
            return fail(fmt::format("malformed ring entry at {}: {}", entry.error().offset, entry.error().message));
        if (ring_distance(layout_, next_, head) < length)
            return fail(fmt::format("ring entry at {} reaches past the head", next_));
        next_ = next_offset(layout_, next_, length);
        if (!entry) {
            ++stats_.commands;
            fail_command(entry.error().cmd_id,
                         fmt::format("malformed command entry at {}: {}", entry.error().offset, entry.error().message));
            continue;
        }
        switch (entry->kind) {
        case EntryKind::Pad: break;
        case EntryKind::TaskManagement:
            ++stats_.task_management;
            abort(entry->aborted_ids);
            break;
        case EntryKind::Command:
            ++stats_.commands;
            try {
                run(*entry);
            } catch (const std::exception& e) {
                fail_command(entry->cmd_id, fmt::format("command {:02X}h failed: {}", entry->cdb[0], e.what()));
            } catch (...) {
                fail_command(entry->cmd_id, fmt::format("command {:02X}h failed", entry->cdb[0]));
            }
            break;
        }
    }
}

void TcmuDevice::fail_command(std::uint16_t cmd_id, const std::string& why) {
    say(fmt::format("{}: {}", ring_.name(), why));
    const auto status = static_cast<std::uint8_t>(ScsiStatus::CheckCondition);
    if (gone_) return push(Pending{drive_->clock().now(), sequence_++, cmd_id, status, lun_gone_sense(), std::nullopt});
    push(Pending{drive_->clock().now(), sequence_++, cmd_id, status,
                 scsi::sense::make(scsi::SenseKey::HardwareError, scsi::asc::internal_target_failure).bytes(),
                 std::nullopt});
}

void TcmuDevice::run(const RingEntry& entry) {
    const auto map = ring_.map();
    // TCMU does not say which way data flows: one buffer serves both. A data-out command reads
    // the initiator's bytes from it; a data-in command writes its answer over them.
    std::span<std::uint8_t> data;
    const bool scattered = entry.data.size() > 1;
    if (entry.data.size() == 1) {
        data = map.subspan(entry.data[0].offset, entry.data[0].length);
    } else if (scattered) {
        // parse_entry keeps the buffers apart, in the data area: at most the data area's size.
        bounce_.resize(entry.data_length);
        std::size_t at = 0;
        for (const auto& seg : entry.data) {
            std::ranges::copy(map.subspan(seg.offset, seg.length), bounce_.begin() + static_cast<std::ptrdiff_t>(at));
            at += seg.length;
        }
        data = bounce_;
    }

    const Completion c = drive_->execute(Command{entry.cdb, data, data});
    const std::size_t in = std::min(c.data_in_length, data.size());
    if (scattered && in > 0) {
        std::size_t at = 0;
        for (const auto& seg : entry.data) {
            if (at >= in) break;
            const auto n = std::min<std::size_t>(seg.length, in - at);
            std::copy_n(bounce_.begin() + static_cast<std::ptrdiff_t>(at), n, map.subspan(seg.offset, n).begin());
            at += n;
        }
    }
    stats_.data_in_bytes += in;

    if (c.delivery == Delivery::DeviceGone || gone_) {
        vanish();
        push(Pending{drive_->clock().now(), sequence_++, entry.cmd_id,
                     static_cast<std::uint8_t>(ScsiStatus::CheckCondition), lun_gone_sense(), std::nullopt});
        return;
    }
    if (c.delivery == Delivery::Never) {
        held_.push_back(entry.cmd_id);
        return;
    }
    Pending p{c.busy_until, sequence_++, entry.cmd_id, static_cast<std::uint8_t>(c.status), {}, std::nullopt};
    if (c.status == ScsiStatus::CheckCondition) p.sense = c.sense.bytes();
    if (in > 0 && in < data.size()) p.read_len = static_cast<std::uint32_t>(in);
    push(p);
}

void TcmuDevice::push(Pending p) {
    if (!layout_.out_of_order()) { // an in-order ring completes in arrival order
        p.due = std::max(p.due, last_due_);
        last_due_ = p.due;
    }
    pending_.push(p);
}

void TcmuDevice::abort(const std::vector<std::uint16_t>& ids) {
    if (ids.empty()) return;
    const auto now = drive_->clock().now();
    const auto named = [&](std::uint16_t id) { return std::ranges::find(ids, id) != ids.end(); };
    for (const auto id : held_)
        if (named(id)) {
            push(Pending{now, sequence_++, id, task_aborted, {}, std::nullopt});
            ++stats_.aborted;
        }
    std::erase_if(held_, named);
    // An answer still waiting for its time: the drive did the work, the initiator no longer waits.
    std::vector<Pending> waiting;
    for (; !pending_.empty(); pending_.pop()) waiting.push_back(pending_.top());
    for (auto& p : waiting) {
        if (named(p.cmd_id) && p.due > now) {
            p = Pending{now, p.sequence, p.cmd_id, task_aborted, {}, std::nullopt};
            ++stats_.aborted;
        }
        pending_.push(p);
    }
}

void TcmuDevice::vanish() {
    if (gone_) return;
    gone_ = true;
    const auto now = drive_->clock().now();
    std::vector<Pending> waiting;
    for (; !pending_.empty(); pending_.pop()) waiting.push_back(pending_.top());
    const auto gone_status = static_cast<std::uint8_t>(ScsiStatus::CheckCondition);
    for (auto& p : waiting) // answers not yet due are never given: the device is no longer there
        pending_.push(p.due <= now ? p
                                   : Pending{now, p.sequence, p.cmd_id, gone_status, lun_gone_sense(), std::nullopt});
    for (const auto id : held_)
        pending_.push(Pending{now, sequence_++, id, gone_status, lun_gone_sense(), std::nullopt});
    held_.clear();
    say(fmt::format("{}: {} vanished (a fault): removing its device", ring_.name(), drive_->name()));
    // The owner removes the LUN through configfs: its failure is logged, the answers still go.
    try {
        if (on_gone_) on_gone_();
    } catch (const std::exception& e) {
        say(fmt::format("{}: removing the vanished device failed: {}", ring_.name(), e.what()));
    } catch (...) {
        say(fmt::format("{}: removing the vanished device failed", ring_.name()));
    }
}

std::optional<Duration> TcmuDevice::deliver_due() noexcept {
    if (!alive_) return std::nullopt;
    try {
        return deliver();
    } catch (const std::exception& e) {
        fail(e.what());
    } catch (...) {
        fail("unknown exception");
    }
    return std::nullopt;
}

std::optional<Duration> TcmuDevice::deliver() {
    const auto now = drive_->clock().now();
    const auto map = ring_.map();
    const std::uint32_t old_tail = tail_;
    while (!pending_.empty() && pending_.top().due <= now) {
        const Pending& p = pending_.top();
        const bool check = p.status == static_cast<std::uint8_t>(ScsiStatus::CheckCondition);
        Response r{p.cmd_id, p.status, std::span(p.sense.data(), check ? p.sense.size() : 0), p.read_len};
        auto t = write_response(map, layout_, tail_, next_, r);
        if (!t) {
            fail(fmt::format("cannot complete command {}: {}", p.cmd_id, t.error().message));
            return std::nullopt;
        }
        tail_ = *t;
        ++stats_.completions;
        pending_.pop();
    }
    // With nothing outstanding, only PAD and TMR entries remain before next_: release them too.
    // A held command keeps one slot unanswered, so the tail stays before it.
    if (pending_.empty() && held_.empty()) tail_ = next_;
    if (tail_ != old_tail) {
        ring_.store_tail(tail_);
        if (auto n = ring_.notify(); !n) {
            fail(n.error());
            return std::nullopt;
        }
    }
    if (pending_.empty()) return std::nullopt;
    return std::max(Duration{0}, pending_.top().due - now);
}

} // namespace spindle::tcmu
