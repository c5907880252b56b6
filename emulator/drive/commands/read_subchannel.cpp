// READ SUB-CHANNEL (MMC-6 6.29): the audio status, and the Q sub-channel at the current position
// (format 01h), the disc's media catalogue number (02h) and a track's ISRC (03h). The current
// position is the block playing (drive/audio_play.hpp), or else the block last read or played;
// the catalogue number and ISRCs are those a SAO cue sheet gave the disc (drive/cue_sheet.hpp),
// carried in Q modes 2 and 3 (media/cd_subchannel.hpp).
#include "emulator/drive/audio_play.hpp"
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/media/cd_subchannel.hpp"
#include "emulator/media/msf.hpp"
#include "scsi/cdb_read.hpp"

namespace spindle::handlers {

namespace {

constexpr std::uint8_t current_position = 0x01, media_catalogue_number = 0x02, isrc = 0x03;
constexpr std::uint8_t adr_position = 0x10; // ADR 1 in the upper nibble
constexpr std::uint8_t data_control = 0x4;

constexpr std::uint8_t adr_isrc = 0x30;  // ADR 3: the ISRC's Q mode
constexpr std::uint8_t valid_bit = 0x80; // MCVAL, TCVAL

scsi::ByteView as_bytes(const std::string& text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// The frame (binary, as CDEmu and 86Box report it) of the first block whose Q carries the
// catalogue number or the ISRC (media/cd_subchannel.hpp: block `at` of a track's hundreds).
std::uint8_t aframe(const Track& t, std::uint32_t at) { return lba_to_msf(t.start + at).f; }

std::uint32_t address(std::int64_t blocks, bool msf, bool absolute) {
    if (!msf) return static_cast<std::uint32_t>(blocks);
    if (absolute) return msf_field(blocks);
    const auto n = static_cast<std::uint32_t>(blocks);
    return (n / (60 * 75)) << 16 | (n / 75 % 60) << 8 | n % 75;
}

} // namespace

Completion read_subchannel(DriveState& s, const Command& cmd) {
    const scsi::ReadSubchannelCdb cdb(cmd.cdb);
    const std::uint8_t format = cdb.parameter_list();
    if (cdb.subq() && format != current_position && format != media_catalogue_number && format != isrc)
        return reply_check(scsi::sense::invalid_field_in_cdb(3));
    const Disc& disc = s.medium->disc;
    const std::int64_t at = std::max<std::int64_t>(0, audio::current_block(s)); // a pregap reads as index 1's start
    const Track* track = disc.track_containing(static_cast<std::uint32_t>(at));
    if (cdb.subq() && format == isrc && disc.track(cdb.track_number()) == nullptr)
        return reply_check(scsi::sense::invalid_field_in_cdb(6));
    scsi::Bytes out;
    scsi::ByteWriter w(out);
    w.u8(0).u8(static_cast<std::uint8_t>(audio::report_status(s))).be16(0);
    if (cdb.subq()) {
        w.u8(format);
        if (format == current_position) {
            // Track, index and relative time as Q gives them (media/cd_block_q.hpp), in binary: in
            // a pause, the next track's index 0, counting down to its start (negative as an LBA).
            const Track* pause = track == nullptr ? disc.pause_before(static_cast<std::uint32_t>(at)) : nullptr;
            const Track* shown = track != nullptr ? track : pause;
            const std::uint8_t control =
                shown != nullptr ? static_cast<std::uint8_t>(shown->track_mode & 0x0F) : data_control;
            const std::uint8_t index = track != nullptr   ? track->index_at(static_cast<std::uint32_t>(at))
                                       : pause != nullptr ? 0
                                                          : 1;
            w.u8(adr_position | control).u8(shown != nullptr ? static_cast<std::uint8_t>(shown->number) : 1).u8(index);
            w.be32(address(at, cdb.msf(), true));
            const std::int64_t relative = shown != nullptr ? at - shown->start : 0;
            w.be32(address(pause != nullptr && cdb.msf() ? -relative : relative, cdb.msf(), false));
        } else if (format == media_catalogue_number) {
            // MMC-6 table 420: MCVAL in byte 8 bit 7, 13 ASCII digits, a zero, AFRAME.
            w.zeros(3);
            if (disc.mcn.empty() || disc.family() != MediaFamily::Cd) {
                w.u8(0).zeros(15); // MCVAL 0: no catalogue number
            } else {
                w.u8(valid_bit).bytes(as_bytes(disc.mcn)).u8(0).u8(aframe(disc.tracks.front(), cd::q_catalogue_at));
            }
        } else {
            // MMC-6 table 421: ADR/CONTROL, track, reserved, TCVAL in byte 8 bit 7, 12 ASCII
            // characters, a zero, AFRAME, reserved. The ADR is the Q mode the ISRC travels in.
            const Track* t = disc.track(cdb.track_number());
            const bool valid = !t->isrc.empty() && t->audio();
            w.u8(static_cast<std::uint8_t>((valid ? adr_isrc : adr_position) | (t->track_mode & 0x0F)))
                .u8(static_cast<std::uint8_t>(t->number))
                .u8(0);
            if (!valid)
                w.u8(0).zeros(15); // TCVAL 0: no ISRC
            else
                w.u8(valid_bit).bytes(as_bytes(t->isrc)).u8(0).u8(aframe(*t, cd::q_isrc_at)).u8(0);
        }
        scsi::put_be16(out, 2, static_cast<std::uint16_t>(out.size() - 4));
    }
    return reply_data(cmd, out, cdb.allocation_length());
}

} // namespace spindle::handlers
