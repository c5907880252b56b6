// READ FORMAT CAPACITIES (MMC-6 6.24): capacity list header (table 490), the current/maximum
// capacity descriptor (table 491/492: 01b unformatted, 10b formatted, 11b no medium) and the
// formattable capacity descriptors of the loaded medium (table 493). Answered without a
// medium, as MMC requires.
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/media/format_list.hpp"
#include "scsi/cdb_read.hpp"

#include <algorithm>

namespace spindle::handlers {

namespace {

enum class Descriptor : std::uint8_t { Unformatted = 1, Formatted = 2, NoMedium = 3 };

void descriptor(scsi::ByteWriter& w, std::uint32_t blocks, std::uint8_t byte4, std::uint32_t parameter) {
    w.be32(blocks).u8(byte4).be24(parameter);
}

// The largest medium the drive takes, for the no-medium descriptor.
std::uint32_t largest_capacity(const DriveProfile& p) {
    std::uint32_t best = 0;
    for (const auto& t : media_types)
        if (p.profiles.empty() || std::find(p.profiles.begin(), p.profiles.end(), t.profile) != p.profiles.end())
            best = std::max(best, t.capacity_blocks);
    return best;
}

} // namespace

Completion read_format_capacities(DriveState& s, const Command& cmd) {
    const scsi::ReadFormatCapacitiesCdb cdb(cmd.cdb);
    scsi::Bytes out;
    scsi::ByteWriter w(out);
    w.zeros(3).u8(0);
    if (!s.medium_present()) {
        descriptor(w, largest_capacity(s.profile), static_cast<std::uint8_t>(Descriptor::NoMedium),
                   BlockStore::block_size);
    } else {
        if (auto ns = s.not_ready_sense()) return reply_check(*ns);
        const Disc& d = s.medium->disc;
        const bool formatted = d.formatted || !d.type().recordable || d.status != DiscStatus::Empty;
        // A BD-R formatted with spare areas and not yet written reports its formatted size.
        const bool whole = d.random_access() || !d.type().recordable || (d.formatted && d.status == DiscStatus::Empty);
        const std::uint32_t blocks = whole       ? d.capacity_blocks
                                     : formatted ? d.last_recorded_lba().value_or(0) + 1
                                                 : media_type(d.kind).capacity_blocks;
        const auto type = formatted ? Descriptor::Formatted : Descriptor::Unformatted;
        descriptor(w, blocks, static_cast<std::uint8_t>(type), BlockStore::block_size);
        for (const auto& f : formattable(d))
            descriptor(w, f.blocks, static_cast<std::uint8_t>(f.type << 2), f.parameter);
    }
    out[3] = static_cast<std::uint8_t>(out.size() - 4);
    return reply_data(cmd, out, cdb.allocation_length());
}

} // namespace spindle::handlers
