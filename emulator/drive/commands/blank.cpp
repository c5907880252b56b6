// BLANK (MMC-6 6.2) on CD-RW and DVD-RW, the media that can be blanked. Types (MMC-6
// table 28; cdrkit wodim/wodim.h names them): 0 the whole disc, 1 minimal (PMA, TOC, pregap: the data is unreadable
// afterwards; a minimally blanked DVD-RW takes DAO only, libburn cookbook), 2 the last track,
// 3 unreserve the last reserved track, 5 unclose the last session, 6 the last session; a
// restricted-overwrite DVD-RW takes 0 and 1 and becomes sequential. Type 4 (track tail) is
// optional and not offered. With Immed the drive answers at once and reports 2/04/07
// OPERATION IN PROGRESS with progress (libburn spc_get_erase_progress polls TEST UNIT READY
// and accepts any 2/04/xx but 04/02 and 04/03). A blanked layout that cannot be saved is
// 3/51/00 ERASE FAILURE (SPC-4 table 28; write_target.hpp medium_failure).
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/drive/commands/write_rules.hpp"
#include "emulator/drive/commands/write_target.hpp"
#include "emulator/drive/commands/write_timing.hpp"
#include "scsi/cdb_write.hpp"

namespace spindle::handlers {

namespace {

namespace asc = scsi::asc;
using Cdb = scsi::BlankCdb;

enum Type : std::uint8_t {
    Full = 0,
    Minimal = 1,
    LastTrack = 2,
    Unreserve = 3,
    TrackTail = 4,
    Unclose = 5,
    LastSession = 6,
};

bool blankable(MediaKind k) {
    return k == MediaKind::CdRw || k == MediaKind::DvdMinusRwSequential || k == MediaKind::DvdMinusRwRestricted;
}

// The last track that is not the blank invisible one.
const Track* last_used_track(const Disc& d) {
    for (auto it = d.tracks.rbegin(); it != d.tracks.rend(); ++it)
        if (!(it->invisible && it->blank())) return &*it;
    return nullptr;
}

bool has_complete_session(const Disc& d) { return d.complete_session_count() > 0 || d.status == DiscStatus::Complete; }

// Whether type 2, 3, 5 or 6 finds what it acts on; 5/2C/00 otherwise.
bool applicable(const Disc& d, std::uint8_t type) {
    const Track* last = last_used_track(d);
    switch (type) {
    case LastTrack: return last != nullptr && !last->blank() && d.last_session == SessionState::Incomplete;
    case Unreserve: return last != nullptr && last->reserved && last->blank();
    case Unclose: return has_complete_session(d);
    case LastSession: return last != nullptr;
    default: return true;
    }
}

} // namespace

Completion blank(DriveState& s, const Command& cmd) {
    const Cdb cdb(cmd.cdb);
    const Disc& d = s.medium->disc;
    // Write-once and pressed media cannot be blanked, nor can media that are formatted instead.
    if (!blankable(d.kind)) return reply_check(cannot_write());
    const std::uint8_t type = cdb.blanking_type();
    const bool restricted = d.kind == MediaKind::DvdMinusRwRestricted;
    if (type == TrackTail || type > LastSession || (restricted && type > Minimal))
        return reply_check(scsi::sense::invalid_field_in_cdb(Cdb::type_byte, 2));
    if (!applicable(d, type)) return reply_check(scsi::sense::illegal_request(asc::command_sequence_error));
    DiscWriter writer(*s.medium);
    switch (type) {
    case Full:
    case Minimal: writer.blank_disc(restricted ? MediaKind::DvdMinusRwSequential : d.kind, type == Minimal); break;
    case LastTrack: writer.blank_last_track(); break;
    case Unreserve: writer.unreserve_last_track(); break;
    case Unclose: writer.unclose_last_session(); break;
    default: writer.blank_last_session(); break;
    }
    s.simulation.reset();
    if (auto e = medium_failure(s, asc::erase_failure)) return reply_check(*e);
    const auto op = type == Full ? write_timing::Operation::BlankFull : write_timing::Operation::BlankMinimal;
    return long_operation(s, cdb.immed(), MediumCondition::OperationInProgress, write_timing::operation(s, op));
}

} // namespace spindle::handlers
