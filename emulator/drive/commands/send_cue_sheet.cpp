// SEND CUE SHEET (MMC-6 6.33): the layout of a CD session written Session At Once. The drive
// takes it on a blank or appendable CD-R/RW with page 05h set to SAO, when its CD Mastering
// feature (002Eh) offers SAO; the cue sheet's tracks become the session's reserved tracks
// (drive/cue_sheet.hpp).
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/drive/commands/write_rules.hpp"
#include "emulator/drive/commands/write_target.hpp"
#include "emulator/drive/cue_sheet.hpp"
#include "emulator/drive/write_parameters.hpp"
#include "scsi/cdb_write.hpp"

#include <algorithm>
#include <memory>

namespace spindle::handlers {

namespace {

namespace asc = scsi::asc;

constexpr std::uint16_t cd_mastering = 0x002E;
constexpr std::uint8_t sao_bit = 0x20; // feature 002Eh byte 4 bit 5
constexpr std::uint8_t rw_bit = 0x01;  // byte 4 bit 0: R-W sub-channels recorded from the host

} // namespace

Completion send_cue_sheet(DriveState& s, const Command& cmd) {
    const scsi::SendCueSheetCdb cdb(cmd.cdb);
    // A drive without SAO (feature 002Eh, SAO bit) does not know the command.
    const FeatureDescriptor* mastering = s.profile.feature(cd_mastering);
    if (mastering == nullptr || mastering->data.size() < 4 || (mastering->data[0] & sao_bit) == 0)
        return reply_check(scsi::sense::invalid_opcode());
    const std::uint32_t size = cdb.cue_sheet_size();
    if (size == 0) return reply_good(); // no data: nothing happens
    if (size % 8 != 0 || size > scsi::get_be24(mastering->data, 1))
        return reply_check(scsi::sense::invalid_field_in_cdb(scsi::SendCueSheetCdb::size_byte));
    if (cmd.data_out.size() < size) return reply_check(scsi::sense::illegal_request(asc::parameter_list_length_error));

    auto target = write_target(s);
    const Disc& d = target.disc;
    if (!d.type().recordable || d.status == DiscStatus::Complete) return reply_check(cannot_write());
    // Only a CD in SAO mode, before anything of the session is written.
    const Track* open = d.invisible_track();
    if (d.family() != MediaFamily::Cd || write_parameters(s).write_type != write_type::sao || open == nullptr ||
        !open->blank())
        return reply_check(scsi::sense::illegal_request(asc::command_sequence_error));
    auto cue = parse_cue_sheet(cmd.data_out.first(size), *open, (mastering->data[0] & rw_bit) != 0);
    if (!cue) return reply_check(cue.error());

    for (std::size_t i = 0; i < cue->tracks.size(); ++i) {
        const bool last = i + 1 == cue->tracks.size();
        const std::int64_t end = last ? cue->lead_out : cue->tracks[i + 1].start;
        target.writer.reserve(static_cast<std::uint32_t>(end - cue->tracks[i].start), last, cue->tracks[i].control,
                              cue->tracks[i].sectors);
    }
    for (const auto& t : cue->tracks) {
        if (!t.isrc.empty()) target.writer.set_isrc(t.number, t.isrc);
        if (t.rw != CueRw::None) target.writer.set_recorded_rw(t.number);
        if (!t.index_marks.empty()) target.writer.set_index_marks(t.number, t.index_marks);
    }
    if (!cue->mcn.empty()) target.writer.set_mcn(cue->mcn);
    s.cue_pregap = CuePregap{s.medium.get(), cue->pregap_start, cue->tracks.front().start, cue->pregap_block_bytes,
                             cue->lead_in_text ? std::make_shared<cd::TextCollector>() : nullptr};
    for (const auto& t : cue->tracks) {
        if (t.rw == CueRw::Packed) s.cue_pregap->packed_rw_tracks.push_back(t.number);
        if (t.raw) s.cue_pregap->raw_sector_tracks.push_back(t.number);
    }
    // Reservations that cannot be saved are not on the disc (write_target.hpp medium_failure).
    if (auto e = medium_failure(s, asc::write_error); e && !target.simulated) return reply_check(*e);
    return reply_good();
}

} // namespace spindle::handlers
