// TcmuDevice serving a drive over a ring in memory, with the harness as the kernel: it queues
// commands, task management and PADs where a kernel would (only into free space), and, as a
// buggy or hostile kernel, moves the head anywhere or overwrites ring bytes between the
// device's calls.
//
// An input:
//   byte    the ring: bits 0-1 command ring of 256 << n bytes, bits 2-3 data area of
//           4 KiB << 2n, bit 4 out-of-order completion, bit 5 READ_LEN
//   then operations, a byte each (modulo 8) and its operands:
//   0 command: u16 id, byte CDB length (modulo 17; the kernel writes at least the opcode's
//     length), CDB bytes, byte iovec count (modulo 5), per iovec u16 offset and u16 length in
//     the data area
//   1 task management: byte type, byte count (modulo 5), u16 ids
//   2 a PAD to the ring's end
//   3 the head set to u16 (hostile)
//   4 byte value written at u16 offset of the command ring (hostile)
//   5 the device reads the ring and delivers what is due, after byte * 10 ms
//   6 the device delivers what is due, after byte * 100 ms
//   7 a fault rule (byte: which of `rules`)
// The device never throws; its tail stays an aligned offset in the ring. With a kernel that
// behaved, the device is still serving at the end, and, no command hung, has completed every
// entry (its tail reached the head).
#include "emulator/targets/tcmu/tcmu_device.hpp"
#include "emulator/media/presets.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "fuzz_input.hpp"
#include "tcmu_ring/ring_builder.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <vector>

namespace {

using namespace spindle;
using namespace spindle::tcmu;
using spindle::test::RingBuilder;

constexpr std::array<std::string_view, 6> rules = {
    "{command: INQUIRY, delay: 2s}",
    "{command: READ(10), sense: 3/11/00}",
    "{command: WRITE(10), sense: 3/0C/00, times: 1}",
    "{command: TEST UNIT READY, nth: 3, vanish: true}",
    "{command: READ CAPACITY, hang: true}",
    "{command: SYNCHRONIZE CACHE, delay: 70s}",
};
constexpr std::size_t hang_rule = 4;

struct Kernel {
    RingBuilder ring;
    std::uint32_t cmdr_size;
    bool hostile = false;
    bool hung = false;

    Kernel(std::uint32_t cmdr, std::size_t data, std::uint16_t flags) : ring(cmdr, data, flags), cmdr_size(cmdr) {}

    std::uint32_t tail() const { return mailbox_tail(ring.bytes()); }
    // A kernel writes an entry only where it fits before the tail (it never fills the ring).
    bool fits(std::uint32_t length) const {
        const auto head = ring.head();
        if (head % 8 != 0 || head >= cmdr_size) return false;
        const auto tail_at = tail() % cmdr_size;
        const auto used = head >= tail_at ? head - tail_at : cmdr_size - tail_at + head;
        return length <= cmdr_size - head && std::uint64_t{used} + length + 8 <= cmdr_size;
    }
    std::uint64_t data_size() const { return ring.bytes().size() - ring.data_start(); }
};

std::uint32_t aligned(std::size_t n) { return static_cast<std::uint32_t>((n + 7) & ~std::size_t{7}); }

void command(Kernel& k, fuzz::FuzzInput& in) {
    const auto id = in.u16();
    const auto given = in.take(in.byte() % 17);
    std::vector<std::uint8_t> cdb(std::max<std::size_t>(given.size(), 1), 0); // an empty one: TEST UNIT READY
    std::ranges::copy(given, cdb.begin());
    // The kernel's CDB is always whole: as long as its opcode says (a 7Fh one up to 260 bytes).
    static constexpr std::size_t by_group[8] = {6, 10, 10, 12, 16, 12, 10, 10};
    if (cdb[0] == 0x7f && cdb.size() < 8) cdb.resize(8, 0);
    const std::size_t whole = cdb[0] == 0x7f ? 8 + std::size_t{cdb[7]} : by_group[cdb[0] >> 5];
    if (cdb.size() < whole) cdb.resize(whole, 0);
    std::vector<std::pair<std::uint64_t, std::uint64_t>> iovs(in.byte() % 5);
    for (auto& [offset, length] : iovs) {
        offset = in.u16() % k.data_size();
        length = std::min<std::uint64_t>(in.u16(), k.data_size() - offset);
        offset += k.ring.data_start();
    }
    const auto length = aligned(sizeof(tcmu_cmd_entry) + iovs.size() * sizeof(struct iovec) + cdb.size());
    if (!k.fits(length)) return;
    k.ring.command(id, cdb, iovs);
}

void task_management(Kernel& k, fuzz::FuzzInput& in) {
    const auto type = in.byte();
    std::vector<std::uint16_t> ids(in.byte() % 5);
    for (auto& id : ids) id = in.u16();
    if (!k.fits(aligned(offsetof(tcmu_tmr_entry, cmd_ids) + 2 * ids.size()))) return;
    k.ring.tmr(type, ids);
}

void check_tail(const Kernel& k) {
    const auto tail = k.tail();
    if (tail >= k.cmdr_size || tail % 8 != 0) std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput in(data, size);
    const auto shape = in.byte();
    std::uint16_t flags = 0;
    if (shape & 0x10) flags |= TCMU_MAILBOX_FLAG_CAP_OOOC;
    if (shape & 0x20) flags |= TCMU_MAILBOX_FLAG_CAP_READ_LEN;
    Kernel k(256u << (shape & 3), std::size_t{4096} << (2 * ((shape >> 2) & 3)), flags);

    VirtualClock clock;
    ServedDrive drive("drive0", std::make_unique<Drive>(default_profile(), clock));
    auto medium = make_medium("blank dvd+r");
    if (!medium) std::abort(); // a broken preset, not a finding
    drive.with([&](Drive& d) { d.load(std::move(*medium)); });
    auto opened = TcmuDevice::open(drive, UioRing::in_memory(k.ring.bytes(), "uio-fuzz"), {});
    if (!opened) std::abort(); // the harness's own ring is well formed
    auto& device = *opened;

    for (int ops = 0; !in.empty() && ops < 256; ++ops) {
        switch (in.byte() % 8) {
        case 0: command(k, in); break;
        case 1: task_management(k, in); break;
        case 2:
            if (k.ring.head() != 0 && k.fits(k.cmdr_size - k.ring.head())) k.ring.pad_to_end();
            break;
        case 3:
            k.hostile = true;
            k.ring.put<std::uint32_t>(offsetof(tcmu_mailbox, cmd_head), in.u16());
            break;
        case 4: {
            k.hostile = true;
            const auto at = RingBuilder::cmdr_off + in.u16() % k.cmdr_size;
            k.ring.put<std::uint8_t>(at, in.byte());
            break;
        }
        case 5:
            clock.advance(std::chrono::milliseconds(10) * in.byte());
            device.on_readable();
            device.deliver_due();
            check_tail(k);
            break;
        case 6:
            clock.advance(std::chrono::milliseconds(100) * in.byte());
            device.deliver_due();
            check_tail(k);
            break;
        case 7: {
            const auto which = in.byte() % rules.size();
            k.hung = k.hung || which == hang_rule;
            drive.with([&](Drive& d) { (void)d.faults().add_rule(rules[which]); });
            break;
        }
        }
    }
    // The last entries are read, and every delay has passed.
    device.on_readable();
    clock.advance(std::chrono::hours(24));
    device.deliver_due();
    check_tail(k);
    if (!k.hostile && !device.alive()) std::abort();
    if (!k.hostile && !k.hung && k.tail() != k.ring.head()) std::abort();
    return 0;
}
