// FORMAT UNIT (MMC-6 6.5): FmtData with format code 001b and a parameter list of a 4-byte
// header (table 180: FOV, DCRT, IP, Try-out, Immed) and one 8-byte format descriptor
// (table 182), whose type must be one READ FORMAT CAPACITIES lists for the medium
// (format_list.hpp; libburn mmc_format_unit copies it from there). DVD+RW 26h (blocks
// FFFFFFFFh, Restart in parameter bit 0 for a partly formatted disc: libburn, dvd+rw-format)
// starts the background format; DVD-RW 00h/15h make restricted overwrite, 10h sequential,
// 13h grows restricted overwrite; DVD-RAM 00h; BD-RE 00h/30h/31h; BD-R 00h/32h (SRM with
// spare areas). With Immed the drive reports 2/04/04 FORMAT IN PROGRESS with progress. A
// format that cannot be saved is 3/31/01 FORMAT COMMAND FAILED (SPC-4 table 28;
// write_target.hpp medium_failure).
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/drive/commands/write_target.hpp"
#include "emulator/drive/commands/write_timing.hpp"
#include "emulator/media/format_list.hpp"
#include "scsi/cdb_write.hpp"

#include <optional>

namespace spindle::handlers {

namespace {

namespace asc = scsi::asc;
using scsi::sense::invalid_field_in_parameter_list;
using write_timing::Operation;

constexpr std::size_t list_length = 12;
constexpr std::uint16_t header_flags = 1, descriptor_length = 2, blocks_byte = 4, type_byte = 8, parameter_byte = 9;

struct Request {
    bool immed;
    std::uint32_t blocks;
    std::uint8_t type;
    std::uint8_t subtype;
    std::uint32_t parameter;
};

// MMC-6 6.5.4.2: which subtypes each format type takes. BD-RE 30h: quick reformat, none,
// full and quick certification; 31h: quick reformat, no certification; BD-R 00h/32h: SRM+POW
// and SRM-POW (RRM is not modelled). DVD types have none.
bool subtype_allowed(const Disc& d, std::uint8_t type, std::uint8_t subtype) {
    if (d.kind == MediaKind::BdRe && type == 0x30) return true;
    if (d.kind == MediaKind::BdRe && type == 0x31) return subtype <= 1;
    if (d.kind == MediaKind::BdR) return subtype <= 1;
    return subtype == 0;
}

// The listed descriptor a request selects: the same block count, the smallest listed that
// holds it, or for FFFFFFFFh the first of its type. DVD+RW 26h and DVD-RW 15h take any count
// (libburn sends the caller's size for 15h).
std::optional<Formattable> select(const std::vector<Formattable>& list, const Request& r) {
    std::optional<Formattable> best;
    for (const auto& f : list) {
        if (f.type != r.type) continue;
        if (r.type == 0x26 || r.type == 0x15 || r.blocks == 0xFFFFFFFF || f.blocks == r.blocks) return f;
        if (f.blocks >= r.blocks && (!best || f.blocks < best->blocks)) best = f;
    }
    return best;
}

Operation apply(DriveState& s, const Request& r, const Formattable& f) {
    DiscWriter writer(*s.medium);
    const Disc& d = s.medium->disc;
    const std::uint32_t full = media_type(d.kind).capacity_blocks;
    switch (d.kind) {
    case MediaKind::DvdPlusRw:
        writer.format_random(MediaKind::DvdPlusRw, full, BackgroundFormat::Running);
        return Operation::FormatQuick;
    case MediaKind::DvdMinusRwSequential:
    case MediaKind::DvdMinusRwRestricted:
        if (r.type == 0x10) {
            writer.blank_disc(MediaKind::DvdMinusRwSequential, false);
            return Operation::FormatFull;
        }
        writer.format_random(MediaKind::DvdMinusRwRestricted, full, BackgroundFormat::None);
        return r.type == 0x00 ? Operation::FormatFull : Operation::FormatQuick;
    case MediaKind::BdR: writer.format_sequential(f.blocks); return Operation::FormatQuick;
    case MediaKind::BdRe:
        writer.format_random(MediaKind::BdRe, f.blocks, BackgroundFormat::None);
        return r.type == 0x00 || (r.type == 0x30 && r.subtype == 2) ? Operation::FormatFull : Operation::FormatQuick;
    default: writer.format_random(d.kind, f.blocks, BackgroundFormat::None); return Operation::FormatFull;
    }
}

} // namespace

Completion format_unit(DriveState& s, const Command& cmd) {
    const scsi::FormatUnitCdb cdb(cmd.cdb);
    if (!cdb.fmt_data()) return reply_check(scsi::sense::invalid_field_in_cdb(1, 4));
    if (cdb.format_code() != 0x1) return reply_check(scsi::sense::invalid_field_in_cdb(1, 2));
    const Disc& d = s.medium->disc;
    const auto list = formattable(d);
    if (list.empty()) return reply_check(scsi::sense::illegal_request(asc::cannot_format_medium_incompatible));
    const auto p = cmd.data_out;
    if (p.size() < list_length) return reply_check(scsi::sense::illegal_request(asc::parameter_list_length_error));
    if (scsi::get_bit(p, header_flags, 3)) return reply_check(invalid_field_in_parameter_list(header_flags, 3)); // IP
    if (scsi::get_be16(p, descriptor_length) != 8)
        return reply_check(invalid_field_in_parameter_list(descriptor_length));
    const Request r{scsi::get_bit(p, header_flags, 1), scsi::get_be32(p, blocks_byte),
                    scsi::get_bits(p, type_byte, 2, 6), scsi::get_bits(p, type_byte, 0, 2),
                    scsi::get_be24(p, parameter_byte)};
    const auto chosen = select(list, r);
    if (!chosen) {
        for (const auto& f : list)
            if (f.type == r.type) return reply_check(invalid_field_in_parameter_list(blocks_byte));
        return reply_check(invalid_field_in_parameter_list(type_byte, 7));
    }
    if (!subtype_allowed(d, r.type, r.subtype)) return reply_check(invalid_field_in_parameter_list(type_byte, 1));
    if (r.type == 0x26) {
        // Restart (bit 0) continues a format that was stopped; no other bit is defined.
        const bool restart = (r.parameter & 1) != 0;
        if (r.parameter > 1 || (restart && d.background_format != BackgroundFormat::Incomplete))
            return reply_check(invalid_field_in_parameter_list(parameter_byte + 2, 0));
    } else if (r.parameter != 0 && r.parameter != chosen->parameter) {
        return reply_check(invalid_field_in_parameter_list(parameter_byte));
    }
    const Operation op = apply(s, r, *chosen);
    if (auto e = medium_failure(s, asc::format_command_failed)) return reply_check(*e);
    return long_operation(s, r.immed, MediumCondition::FormatInProgress, write_timing::operation(s, op));
}

} // namespace spindle::handlers
