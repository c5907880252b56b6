// A rule's static criteria against one command and the drive's state.
#include "emulator/faults/fault_engine.hpp"

#include "emulator/media/msf.hpp"
#include "scsi/cdb_block.hpp"
#include "scsi/cdb_read.hpp"
#include "scsi/cdb_write.hpp"

namespace spindle::faults {

namespace {
// The views read fixed offsets: a CDB shorter than its command's is matched by no range.
template <class View>
std::optional<View> view_of(std::span<const std::uint8_t> cdb, std::size_t length) {
    if (cdb.size() < length) return std::nullopt;
    return View(cdb);
}
} // namespace

std::optional<LbaExtent> lba_extent(std::span<const std::uint8_t> cdb) {
    using scsi::Opcode;
    if (cdb.empty()) return std::nullopt;
    switch (static_cast<Opcode>(cdb[0])) {
    case Opcode::Read10:
        if (auto v = view_of<scsi::Read10Cdb>(cdb, 10)) return LbaExtent{v->lba(), v->transfer_length()};
        break;
    case Opcode::Write10:
    case Opcode::WriteAndVerify10:
        if (auto v = view_of<scsi::Write10Cdb>(cdb, 10)) return LbaExtent{v->lba(), v->transfer_length()};
        break;
    case Opcode::Verify10:
        if (auto v = view_of<scsi::Verify10Cdb>(cdb, 10)) return LbaExtent{v->lba(), v->verification_length()};
        break;
    case Opcode::Seek10:
        if (auto v = view_of<scsi::Seek10Cdb>(cdb, 10)) return LbaExtent{v->lba(), 1};
        break;
    case Opcode::Read12:
        if (auto v = view_of<scsi::Read12Cdb>(cdb, 12)) return LbaExtent{v->lba(), v->transfer_length()};
        break;
    case Opcode::Write12:
        if (auto v = view_of<scsi::Write12Cdb>(cdb, 12)) return LbaExtent{v->lba(), v->transfer_length()};
        break;
    case Opcode::ReadCd:
        if (auto v = view_of<scsi::ReadCdCdb>(cdb, 12))
            return LbaExtent{static_cast<std::uint32_t>(v->lba()), v->transfer_length()};
        break;
    case Opcode::ReadCdMsf:
        if (auto v = view_of<scsi::ReadCdMsfCdb>(cdb, 12)) { // the end block is not read
            const std::int64_t start = msf_to_lba(v->start(0), v->start(1), v->start(2));
            const std::int64_t end = msf_to_lba(v->end(0), v->end(1), v->end(2));
            if (start < 0 || end < start) return std::nullopt;
            return LbaExtent{static_cast<std::uint64_t>(start), static_cast<std::uint64_t>(end - start)};
        }
        break;
    case Opcode::Read16:
    case Opcode::Write16:
        if (auto v = view_of<scsi::Block16Cdb>(cdb, 16)) return LbaExtent{v->lba(), v->transfer_length()};
        break;
    default: break;
    }
    return std::nullopt;
}

bool static_match(const Match& m, const DriveState& s, const Command& cmd) {
    if (m.opcode && (cmd.cdb.empty() || cmd.cdb[0] != *m.opcode)) return false;
    if (m.lba) {
        const auto e = lba_extent(cmd.cdb);
        if (!e) return false;
        const std::uint64_t last = e->first + (e->count == 0 ? 0 : e->count - 1);
        if (last < m.lba->first || e->first > m.lba->last) return false;
    }
    for (const auto& f : m.cdb)
        if (f.byte >= cmd.cdb.size() || (cmd.cdb[f.byte] & f.mask) != (f.value & f.mask)) return false;
    const auto now = s.now();
    if (m.after && now < *m.after) return false;
    if (m.before && now >= *m.before) return false;
    if (m.medium_present && s.medium_present() != *m.medium_present) return false;
    if (m.condition_now && (!s.medium_present() || s.condition.kind != *m.condition_now)) return false;
    return true;
}

} // namespace spindle::faults
