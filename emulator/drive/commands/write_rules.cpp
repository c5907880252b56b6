#include "emulator/drive/commands/write_rules.hpp"

namespace spindle {

namespace {

using scsi::SenseData;
namespace asc = scsi::asc;

SenseData out_of_range(std::uint32_t lba) {
    return scsi::sense::illegal_request(asc::lba_out_of_range).with_information(lba);
}
SenseData bad_address(std::uint32_t lba) {
    return scsi::sense::illegal_request(asc::invalid_address_for_write).with_information(lba);
}

// Page 05h against a sequential medium. CD: SAO writes only into the tracks SEND CUE SHEET
// laid out (5/2C/00 before it); raw writing is not offered (5/2C/00). DVD-R/-RW: incremental
// or DAO; DAO writes only into the track RESERVE TRACK made (libburn cookbook: "mandatory"); a
// minimally blanked DVD-RW takes DAO only (libburn records 5/64/00 for incremental there).
std::optional<SenseData> check_write_type(const Disc& d, const WriteParameters& wp, const Track& t) {
    if (!write_parameters_apply(d.kind)) return std::nullopt;
    if (d.family() == MediaFamily::Cd) {
        if ((wp.write_type == write_type::sao && !t.reserved) || wp.write_type == write_type::raw)
            return scsi::sense::illegal_request(asc::command_sequence_error);
        if (wp.write_type == write_type::layer_jump)
            return scsi::sense::illegal_request(asc::illegal_mode_for_this_track);
        return std::nullopt;
    }
    switch (wp.write_type) {
    case write_type::packet:
        if (d.quick_blanked) return scsi::sense::illegal_request(asc::illegal_mode_for_this_track);
        return std::nullopt;
    case write_type::sao:
        if (!t.reserved) return scsi::sense::illegal_request(asc::command_sequence_error);
        return std::nullopt;
    case write_type::layer_jump:
        if (d.kind == MediaKind::DvdMinusRDl) return std::nullopt;
        [[fallthrough]];
    default: return scsi::sense::illegal_request(asc::illegal_mode_for_this_track);
    }
}

constexpr std::uint8_t raw_audio_block = 0;

} // namespace

std::expected<WriteFormat, SenseData> write_format(const Disc& d, const WriteParameters& wp, const Track& t) {
    if (d.family() != MediaFamily::Cd) return WriteFormat{t.track_mode, HostBlocks::Mode1};
    if (wp.write_type == write_type::sao) return WriteFormat{t.track_mode, cue_track_blocks(t), t.recorded_rw};
    const auto illegal = [&] {
        return std::unexpected(
            scsi::sense::illegal_request(asc::illegal_mode_for_this_track).with_information(t.next_writable()));
    };
    const std::uint8_t track_mode = t.blank() && !t.reserved ? wp.track_mode : t.track_mode;
    if ((track_mode & 0x4) == 0) {
        if (wp.data_block_type != raw_audio_block) return illegal();
        return WriteFormat{track_mode, HostBlocks::Audio};
    }
    const auto blocks = data_block_type_blocks(wp.data_block_type);
    if (!blocks || (!t.blank() && sectors_of(*blocks) != t.sectors)) return illegal();
    return WriteFormat{track_mode, *blocks};
}

SenseData cannot_write() { return scsi::sense::illegal_request(asc::cannot_write_medium_incompatible_format); }

std::expected<WritePlan, SenseData> plan_write(const Disc& d, const WriteParameters& wp, std::uint32_t lba,
                                               std::uint32_t count) {
    const MediaType& type = d.type();
    if (!type.recordable) return std::unexpected(cannot_write());
    const std::uint64_t end = std::uint64_t{lba} + count;
    if (type.random_access) {
        // DVD+RW and BD-RE must be formatted first (growisofs and libburn send FORMAT UNIT
        // before writing a blank one): 30/10 MEDIUM NOT FORMATTED.
        if (!d.formatted) return std::unexpected(scsi::sense::illegal_request(asc::medium_not_formatted));
        if (end > d.capacity_blocks) return std::unexpected(out_of_range(lba));
        // Restricted overwrite writes whole ECC blocks (MMC-6 4.5.5: 16-block packets).
        if (d.kind == MediaKind::DvdMinusRwRestricted && (lba % type.ecc_blocks != 0 || count % type.ecc_blocks != 0))
            return std::unexpected(bad_address(lba));
        return WritePlan{true, 0};
    }
    if (d.status == DiscStatus::Complete) return std::unexpected(cannot_write());
    const Track* t = d.track_containing(lba);
    if (t == nullptr) return std::unexpected(lba >= d.capacity_blocks ? out_of_range(lba) : bad_address(lba));
    // Sequential media take data only at the NWA of an open track.
    if (!t->writable() || lba != t->next_writable()) return std::unexpected(bad_address(lba));
    if (end > t->end()) return std::unexpected(end > d.capacity_blocks ? out_of_range(lba) : bad_address(lba));
    if (auto e = check_write_type(d, wp, *t)) return std::unexpected(*e);
    return WritePlan{false, t->number};
}

} // namespace spindle
