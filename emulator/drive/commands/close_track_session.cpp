// CLOSE TRACK/SESSION (MMC-6 6.3). Close functions per medium, as burners send them
// (libburn libburn/write.c and mmc.c, growisofs): 001b close track (track FFh: the invisible track, libburn
// on CD), 010b close session (CD, DVD-R/-RW, DVD+R, BD-R; on DVD+RW it completes the
// background format, libburn "DVD-RO compatible"; on restricted overwrite it ends the
// intermediate state), 101b/110b finalize DVD+R (libburn 101b, growisofs 5/6 with dvd_compat)
// and 110b BD-R, 000b stops a DVD+RW background format, 011b finalizes DVD+RW/DVD-RW RO.
// With Immed the drive answers at once and reports 2/04/07 while it works (growisofs loops
// on 0x20407). The buffer is flushed first; a close whose files could not be written or
// synced is a MEDIUM ERROR (write_target.hpp medium_failure): 0C/00 WRITE ERROR for a
// track or a stopped background format, 72/00 SESSION FIXATION ERROR for a session or a
// finalized disc.
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/drive/commands/write_rules.hpp"
#include "emulator/drive/commands/write_target.hpp"
#include "emulator/drive/commands/write_timing.hpp"
#include "emulator/drive/write_parameters.hpp"
#include "emulator/media/medium_files.hpp"
#include "scsi/cdb_write.hpp"

#include <algorithm>
#include <initializer_list>

namespace spindle::handlers {

namespace {

namespace asc = scsi::asc;
using Cdb = scsi::CloseTrackSessionCdb;
using write_timing::Operation;

enum Function : std::uint8_t {
    StopBackgroundFormat = 0b000,
    CloseTrack = 0b001,
    CloseSession = 0b010,
    FinalizeDisc = 0b011,
    FinalizeMinimalRadius = 0b101,
    Finalize = 0b110,
};

bool accepts(MediaKind k, std::uint8_t f) {
    auto any = [f](std::initializer_list<std::uint8_t> set) {
        return std::find(set.begin(), set.end(), f) != set.end();
    };
    switch (k) {
    case MediaKind::CdR:
    case MediaKind::CdRw:
    case MediaKind::DvdMinusR:
    case MediaKind::DvdMinusRDl:
    case MediaKind::DvdMinusRwSequential: return any({CloseTrack, CloseSession});
    case MediaKind::DvdPlusR:
    case MediaKind::DvdPlusRDl: return any({CloseTrack, CloseSession, FinalizeMinimalRadius, Finalize});
    case MediaKind::BdR: return any({CloseTrack, CloseSession, Finalize});
    case MediaKind::DvdPlusRw: return any({StopBackgroundFormat, CloseSession, FinalizeDisc});
    case MediaKind::DvdMinusRwRestricted: return any({CloseSession, FinalizeDisc});
    default: return false;
    }
}

// The buffer goes to the disc first, then the drive closes.
Completion done(DriveState& s, const Cdb& cdb, Operation op) {
    const bool session = op != Operation::CloseTrack && op != Operation::StopBackgroundFormat;
    if (auto e = medium_failure(s, session ? asc::session_fixation_error : asc::write_error); e && !simulating(s))
        return reply_check(*e);
    const Duration drain = write_timing::flush(s) - s.now();
    return long_operation(s, cdb.immed(), MediumCondition::OperationInProgress, drain + write_timing::operation(s, op));
}

// A CD track written Track At Once ends in run-out blocks and the next one has a pregap.
TrackEnding track_ending(const DriveState& s, const Disc& d) {
    return writing_cd_track_at_once(write_parameters(s), d) ? cd_track_at_once : TrackEnding{};
}

// The open tracks of the last session: nothing to close when it holds only the blank
// invisible track (5/2C/00); an empty reserved track cannot be closed into a session (5/72/04).
std::optional<scsi::SenseData> check_session(const Disc& d) {
    const std::uint16_t session = d.session_count();
    bool has_data = false;
    for (const auto& t : d.tracks) {
        if (t.session != session) continue;
        if (t.reserved && t.blank() && !t.closed)
            return scsi::sense::illegal_request(asc::empty_or_partially_written_reserved_track);
        has_data = has_data || !t.blank();
    }
    if (!has_data) return scsi::sense::illegal_request(asc::command_sequence_error);
    return std::nullopt;
}

Completion close_track(DriveState& s, WriteTarget& target, const Cdb& cdb) {
    const Disc& d = target.disc;
    const Track* t = cdb.track_number() == 0xFF ? d.invisible_track() : d.track(cdb.track_number());
    if (t == nullptr) return reply_check(scsi::sense::invalid_field_in_cdb(Cdb::track_byte));
    if (t->closed) return done(s, cdb, Operation::CloseTrack); // nothing left to close
    // A track with nothing written and nothing reserved has nothing to close; on a CD written
    // Track At Once, SYNCHRONIZE CACHE closed the last one and libburn still closes FFh.
    if (t->blank() && !t->reserved) {
        if (writing_cd_track_at_once(write_parameters(s), d)) return done(s, cdb, Operation::CloseTrack);
        return reply_check(scsi::sense::illegal_request(asc::command_sequence_error));
    }
    target.writer.close_track(t->number, track_ending(s, d));
    return done(s, cdb, Operation::CloseTrack);
}

Completion close_session(DriveState& s, WriteTarget& target, const Cdb& cdb, bool finalize) {
    const Disc& d = target.disc;
    const bool last_session_empty = d.invisible_track() != nullptr && d.invisible_track()->blank() &&
                                    d.first_track_in_session(d.session_count()) == d.invisible_track()->number;
    if (finalize && last_session_empty && d.session_count() > 1) { // finalizing after a closed session
        target.writer.close_session(false, track_ending(s, d));
        return done(s, cdb, Operation::Finalize);
    }
    if (auto e = check_session(d)) return reply_check(*e);
    const bool appendable =
        !finalize && (!write_parameters_apply(d.kind) || write_parameters(s).next_session_allowed());
    target.writer.close_session(appendable, track_ending(s, d));
    return done(s, cdb, appendable ? Operation::CloseSession : Operation::Finalize);
}

} // namespace

Completion close_track_session(DriveState& s, const Command& cmd) {
    const Cdb cdb(cmd.cdb);
    auto target = write_target(s);
    const Disc& d = target.disc;
    if (!d.type().recordable) return reply_check(cannot_write());
    const std::uint8_t f = cdb.close_function();
    if (!accepts(d.kind, f)) return reply_check(scsi::sense::invalid_field_in_cdb(Cdb::function_byte, 2));
    // What was written reaches the disc before anything closes over it.
    if (!target.simulated && !flush_medium(*s.medium))
        return reply_check(scsi::sense::make(scsi::SenseKey::MediumError, asc::write_error));
    if (d.type().random_access) {
        if (d.kind == MediaKind::DvdPlusRw && d.formatted) {
            const bool stop = f == StopBackgroundFormat;
            if (d.background_format == BackgroundFormat::Running || d.background_format == BackgroundFormat::Incomplete)
                target.writer.set_background_format(stop ? BackgroundFormat::Incomplete : BackgroundFormat::Complete);
            return done(s, cdb, stop ? Operation::StopBackgroundFormat : Operation::Finalize);
        }
        return done(s, cdb, Operation::CloseSession); // restricted overwrite: nothing to record
    }
    if (d.status == DiscStatus::Complete) return reply_check(cannot_write());
    if (f == CloseTrack) return close_track(s, target, cdb);
    return close_session(s, target, cdb, f != CloseSession);
}

} // namespace spindle::handlers
