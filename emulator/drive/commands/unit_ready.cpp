// TEST UNIT READY (SPC-4 6.47) and REQUEST SENSE (SPC-4 6.39).
#include "emulator/drive/audio_play.hpp"
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "scsi/cdb.hpp"

namespace spindle::handlers {

Completion test_unit_ready(DriveState& s, const Command&) {
    if (auto sense = s.not_ready_sense()) return reply_check(*sense);
    return reply_good();
}

// REQUEST SENSE reports the condition a TEST UNIT READY would meet right now (with progress
// for a format or long write), a pending unit attention first, and otherwise NO SENSE: with
// ASC 00h and the audio status as ASCQ while CD audio plays or is paused (MMC-3 6.1.12).
Completion request_sense(DriveState& s, const Command& cmd) {
    const scsi::RequestSenseCdb cdb(cmd.cdb);
    if (cdb.desc()) return reply_check(scsi::sense::invalid_field_in_cdb(1, 0)); // fixed format only
    scsi::SenseData sense;
    if (!s.unit_attentions.empty()) {
        sense = scsi::sense::unit_attention(s.unit_attentions.front());
        s.unit_attentions.pop_front();
    } else if (auto nr = s.not_ready_sense()) {
        sense = *nr;
    } else if (const auto playing = audio::status(s); playing == AudioStatus::Playing) {
        sense = scsi::SenseData(scsi::SenseKey::NoSense, scsi::asc::audio_play_in_progress);
    } else if (playing == AudioStatus::Paused) {
        sense = scsi::SenseData(scsi::SenseKey::NoSense, scsi::asc::audio_play_paused);
    }
    const auto bytes = sense.bytes();
    return reply_data(cmd, bytes, cdb.allocation_length());
}

} // namespace spindle::handlers
