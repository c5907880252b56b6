// SYNCHRONIZE CACHE (MMC-6 6.41): everything in the drive buffer goes to the disc and the
// image store is flushed (BlockStore::flush), so data written before it survives a crash.
// On a DVD-R written DAO whose reserved track is full, this is when the drive writes the
// lead-out: the disc is complete (libburn and growisofs send no CLOSE in DAO). The same on a
// CD written SAO once the cue sheet's tracks are full: the session closes, and the disc stays
// appendable when page 05h's Multi-session field allows a next session. On a CD written Track
// At Once it ends the track being written (run-out, and the next track after its pregap):
// cdrecord and wodim send no CLOSE TRACK between tracks, and read the next track's NWA after
// SYNCHRONIZE CACHE; libburn's CLOSE TRACK FFh that follows finds nothing open. With Immed the
// drive answers at once and reports 2/04/08 LONG WRITE IN PROGRESS until the buffer is empty
// (growisofs flush_cache: SYNC+Immed, then waits on the unit). A flush or a close whose files
// could not be written or synced is a MEDIUM ERROR (write_target.hpp medium_failure), and so
// is every later one until the disc is reloaded: no GOOD for data that may be lost.
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/drive/commands/write_target.hpp"
#include "emulator/drive/commands/write_timing.hpp"
#include "emulator/drive/write_parameters.hpp"
#include "emulator/media/medium_files.hpp"
#include "scsi/cdb_write.hpp"

namespace spindle::handlers {

namespace {

bool dao_track_complete(const Disc& d, const WriteParameters& wp) {
    if (!write_parameters_apply(d.kind) || wp.write_type != write_type::sao) return false;
    return d.status == DiscStatus::Incomplete && !d.tracks.empty() && d.tracks.back().reserved &&
           d.tracks.back().closed && d.invisible_track() == nullptr;
}

// The open CD track written Track At Once, if it has data.
const Track* tao_track_written(const Disc& d, const WriteParameters& wp) {
    if (!writing_cd_track_at_once(wp, d)) return nullptr;
    const Track* t = d.invisible_track();
    return t != nullptr && !t->blank() ? t : nullptr;
}

} // namespace

Completion synchronize_cache(DriveState& s, const Command& cmd) {
    const scsi::SynchronizeCacheCdb cdb(cmd.cdb);
    const DriveTime until = write_timing::flush(s);
    // The data, then the layout that records it (a kept disc's metadata file).
    if (!flush_medium(*s.medium))
        return reply_check(scsi::sense::make(scsi::SenseKey::MediumError, scsi::asc::write_error));
    if (s.medium->disc.type().recordable) {
        auto target = write_target(s);
        const WriteParameters wp = write_parameters(s);
        if (dao_track_complete(target.disc, wp)) {
            target.writer.close_session(target.disc.family() == MediaFamily::Cd && wp.next_session_allowed());
            s.cue_pregap.reset();
            if (auto e = medium_failure(s, scsi::asc::session_fixation_error); e && !target.simulated)
                return reply_check(*e);
        } else if (const Track* t = tao_track_written(target.disc, wp)) {
            target.writer.close_track(t->number, cd_track_at_once);
            if (auto e = medium_failure(s, scsi::asc::write_error); e && !target.simulated) return reply_check(*e);
        }
    }
    return long_operation(s, cdb.immed(), MediumCondition::LongWrite, until - s.now());
}

} // namespace spindle::handlers
