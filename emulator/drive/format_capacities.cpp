// READ FORMAT CAPACITIES (MMC-6 6.24): capacity list header (table 490), the current/maximum
// capacity descriptor (table 491/492: 01b unformatted, 10b formatted, 11b no medium) and the
// formattable capacity descriptors of the loaded medium (table 493). Answered without a
// medium, as MMC requires.
#include "emulator/drive/handlers.hpp"
#include "emulator/drive/reply.hpp"
#include "emulator/scsi/cdb_read.hpp"

#include <algorithm>
#include <vector>

namespace spindle::handlers {

namespace {

enum class Descriptor : std::uint8_t { Unformatted = 1, Formatted = 2, NoMedium = 3 };

struct Formattable {
    std::uint32_t blocks;
    std::uint8_t type;       // format type, byte 4 bits 7-2
    std::uint32_t parameter; // type dependent parameter (24 bits)
};

// What each medium can be formatted to. BD: WH16NS40 answer on BD-R (reference/real-drives.md
// §6): 00h 11826176, 32h 11826176 / 5796864 / 12088320; BD-RE offers the same zone sizes as
// 30h and the spare-less 31h. DVD+RW: 26h (growisofs/dvd+rw-format). DVD-RW: 00h full and 15h
// quick (to restricted overwrite), 10h full sequential; 13h grows restricted overwrite.
// DVD-RAM: 00h with the block length as parameter. ECC/packet parameters follow MMC-6 table 494.
std::vector<Formattable> formattable(const Disc& d) {
    const std::uint32_t cap = media_type(d.kind).capacity_blocks;
    switch (d.kind) {
    case MediaKind::DvdPlusRw: return {{cap, 0x26, 0}};
    case MediaKind::DvdMinusRwSequential: return {{cap, 0x00, 16}, {cap, 0x10, 16}, {0, 0x15, 16}};
    case MediaKind::DvdMinusRwRestricted: return {{cap, 0x00, 16}, {cap, 0x10, 16}, {cap, 0x13, 16}};
    case MediaKind::DvdRam: return {{cap, 0x00, 2048}};
    case MediaKind::BdRe:
        return {{11'826'176, 0x00, 0x3000},
                {11'826'176, 0x30, 0x3000},
                {5'796'864, 0x30, 0x3000},
                {12'088'320, 0x30, 0x3000},
                {cap, 0x31, 0x800}};
    case MediaKind::BdR:
        if (d.status != DiscStatus::Empty) return {};
        return {{11'826'176, 0x00, 0x3000},
                {11'826'176, 0x32, 0x3000},
                {5'796'864, 0x32, 0x3000},
                {12'088'320, 0x32, 0x3000}};
    default: return {};
    }
}

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
        const std::uint32_t blocks = d.random_access() || !d.type().recordable ? d.capacity_blocks
                                     : formatted                               ? d.last_recorded_lba().value_or(0) + 1
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
