// A rule's static criteria against one command and the drive's state.
#include "emulator/faults/fault_engine.hpp"

#include "emulator/media/msf.hpp"
#include "emulator/scsi/bytes.hpp"

namespace spindle::faults {

std::optional<LbaExtent> lba_extent(std::span<const std::uint8_t> cdb) {
    using scsi::get_be16;
    using scsi::get_be24;
    using scsi::get_be32;
    using scsi::get_be64;
    if (cdb.empty()) return std::nullopt;
    auto have = [&](std::size_t n) { return cdb.size() >= n; };
    switch (cdb[0]) {
    case 0x28: // READ(10)              SBC-3 / MMC-6: LBA bytes 2-5, length bytes 7-8
    case 0x2A: // WRITE(10)
    case 0x2E: // WRITE AND VERIFY(10)
    case 0x2F: // VERIFY(10)
        if (!have(10)) return std::nullopt;
        return LbaExtent{get_be32(cdb, 2), get_be16(cdb, 7)};
    case 0x2B: // SEEK(10): one block
        if (!have(10)) return std::nullopt;
        return LbaExtent{get_be32(cdb, 2), 1};
    case 0xA8: // READ(12)              LBA bytes 2-5, length bytes 6-9
    case 0xAA: // WRITE(12)
        if (!have(12)) return std::nullopt;
        return LbaExtent{get_be32(cdb, 2), get_be32(cdb, 6)};
    case 0xBE: // READ CD               MMC-6 table 390: LBA bytes 2-5, length bytes 6-8
        if (!have(12)) return std::nullopt;
        return LbaExtent{get_be32(cdb, 2), get_be24(cdb, 6)};
    case 0xB9: { // READ CD MSF         MMC-6 table 403: start MSF bytes 3-5, end (excluded) bytes 6-8
        if (!have(12)) return std::nullopt;
        const std::int64_t start = msf_to_lba(cdb[3], cdb[4], cdb[5]), end = msf_to_lba(cdb[6], cdb[7], cdb[8]);
        if (start < 0 || end < start) return std::nullopt;
        return LbaExtent{static_cast<std::uint64_t>(start), static_cast<std::uint64_t>(end - start)};
    }
    case 0x88: // READ(16)              SBC-3: LBA bytes 2-9, length bytes 10-13
    case 0x8A: // WRITE(16)
        if (!have(16)) return std::nullopt;
        return LbaExtent{get_be64(cdb, 2), get_be32(cdb, 10)};
    default: return std::nullopt;
    }
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
    const auto now = s.clock.now();
    if (m.after && now < *m.after) return false;
    if (m.before && now >= *m.before) return false;
    if (m.medium_present && s.medium_present() != *m.medium_present) return false;
    if (m.condition_now && (!s.medium_present() || s.condition.kind != *m.condition_now)) return false;
    return true;
}

} // namespace spindle::faults
