// PLAY AUDIO(10), PLAY AUDIO(12), PLAY AUDIO MSF, PAUSE/RESUME, STOP PLAY/SCAN and SCAN
// (MMC-3 6.1.13-6.1.18): the drive plays CD-DA tracks on its clock (drive/audio_play.hpp).
// A range that reaches a data track, or a medium without audio, is 5/64/00; a range past the
// recorded disc 5/21/00. With page 0Eh's IMMED clear, a play completes only when it has ended.
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/media/msf.hpp"
#include "scsi/cdb_audio.hpp"

namespace spindle::handlers {
namespace {

constexpr std::uint8_t cd_audio_control_page = 0x0E;

// The track a play starting at `lba` begins in: the first track's pregap counts as that track.
const Track* track_at(const Disc& disc, std::int64_t lba) {
    if (lba < 0) return disc.tracks.empty() || lba < -150 ? nullptr : &disc.tracks.front();
    return disc.track_containing(static_cast<std::uint32_t>(lba));
}

// One past the last block of the audio track `t` and of the audio tracks that follow it without
// a gap (a lead-out and lead-in lie between sessions).
std::int64_t audio_run_end(const Disc& disc, const Track& t) {
    std::int64_t end = t.end();
    for (const Track* next = disc.track(static_cast<std::uint16_t>(t.number + 1));
         next != nullptr && next->audio() && next->start == end;
         next = disc.track(static_cast<std::uint16_t>(next->number + 1)))
        end = next->end();
    return end;
}

// Why [start, end) cannot be played, or nullopt: every block must lie in audio tracks that
// follow each other without a gap, within the disc's recorded area.
std::optional<scsi::SenseData> unplayable(const Disc& disc, std::int64_t start, std::int64_t end) {
    if (disc.family() != MediaFamily::Cd) return scsi::sense::illegal_request(scsi::asc::illegal_mode_for_this_track);
    if (end > disc.lead_out_start() || start < -150) return scsi::sense::illegal_request(scsi::asc::lba_out_of_range);
    const Track* t = track_at(disc, start);
    if (t == nullptr) return scsi::sense::illegal_request(scsi::asc::lba_out_of_range);
    if (!t->audio() || end > audio_run_end(disc, *t))
        return scsi::sense::illegal_request(scsi::asc::illegal_mode_for_this_track);
    return std::nullopt;
}

// Starts playing [start, end) once it is known to be playable.
Completion start_play(DriveState& s, std::int64_t start, std::int64_t end) {
    if (start == end) return reply_good(); // nothing to play is not an error
    if (auto why = unplayable(s.medium->disc, start, end)) return reply_check(*why);
    audio::play(s, start, end);
    Completion c = reply_good();
    const scsi::Bytes* page = s.mode_pages.current(cd_audio_control_page);
    const bool immed = page == nullptr || page->size() < 3 || scsi::get_bit(*page, 2, 2);
    if (!immed) c.busy_until = audio::ends_at(s).value_or(s.now());
    return c;
}

Completion play_lba(DriveState& s, std::uint32_t lba_field, std::uint32_t length) {
    if (length == 0) return reply_good();
    const std::int64_t start = lba_field == scsi::play_from_current_position
                                   ? audio::current_block(s)
                                   : std::int64_t{static_cast<std::int32_t>(lba_field)};
    return start_play(s, start, start + length);
}

std::int64_t msf_lba(std::uint32_t field) {
    return msf_to_lba(static_cast<std::uint8_t>(field >> 16), static_cast<std::uint8_t>(field >> 8),
                      static_cast<std::uint8_t>(field));
}

} // namespace

Completion play_audio10(DriveState& s, const Command& cmd) {
    const scsi::PlayAudio10Cdb cdb(cmd.cdb);
    return play_lba(s, cdb.lba(), cdb.length());
}

Completion play_audio12(DriveState& s, const Command& cmd) {
    const scsi::PlayAudio12Cdb cdb(cmd.cdb);
    return play_lba(s, cdb.lba(), cdb.length());
}

Completion play_audio_msf(DriveState& s, const Command& cmd) {
    const scsi::PlayAudioMsfCdb cdb(cmd.cdb);
    const std::int64_t start =
        cdb.start() == scsi::play_msf_from_current_position ? audio::current_block(s) : msf_lba(cdb.start());
    const std::int64_t end = msf_lba(cdb.end());
    if (start > end) return reply_check(scsi::sense::invalid_field_in_cdb(scsi::PlayAudioMsfCdb::start_byte));
    return start_play(s, start, end);
}

// Pausing with nothing playing is a COMMAND SEQUENCE ERROR; pausing while paused and resuming
// while playing are not errors (MMC-3 6.1.12).
Completion pause_resume(DriveState& s, const Command& cmd) {
    const scsi::PauseResumeCdb cdb(cmd.cdb);
    audio::finish_if_done(s);
    if (!s.audio.active) return reply_check(scsi::sense::illegal_request(scsi::asc::command_sequence_error));
    if (cdb.resume())
        audio::resume(s);
    else
        audio::pause(s);
    return reply_good();
}

Completion stop_play_scan(DriveState& s, const Command&) {
    audio::stop(s);
    return reply_good();
}

// A scan plays forward to the end of the audio it starts in, or back to the start of the disc,
// eight times as fast, until another play or STOP PLAY/SCAN.
Completion scan(DriveState& s, const Command& cmd) {
    const scsi::ScanCdb cdb(cmd.cdb);
    const Disc& disc = s.medium->disc;
    std::int64_t start = 0;
    switch (cdb.type()) {
    case 0: start = static_cast<std::int32_t>(cdb.start()); break;
    case 1: start = msf_lba(cdb.start() & 0xFF'FFFF); break;
    case 2: {
        const Track* t = disc.track(static_cast<std::uint8_t>(cdb.start()));
        if (t == nullptr) return reply_check(scsi::sense::invalid_field_in_cdb(5));
        start = t->start;
        break;
    }
    default: return reply_check(scsi::sense::invalid_field_in_cdb(scsi::ScanCdb::type_byte, 6));
    }
    if (auto why = unplayable(disc, start, start + 1)) return reply_check(*why);
    if (cdb.reverse()) {
        audio::play(s, start, 0, -audio::scan_speed);
        return reply_good();
    }
    // The start is playable: its track lies in a complete session, as do those that follow it
    // without a gap.
    audio::play(s, start, audio_run_end(disc, *track_at(disc, start)), audio::scan_speed);
    return reply_good();
}

} // namespace spindle::handlers
