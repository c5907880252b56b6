// READ SUB-CHANNEL (MMC-6 6.29): the audio status, and the Q sub-channel at the current position
// (format 01h), the disc's media catalogue number (02h) and a track's ISRC (03h). The current
// position is the block playing (drive/audio_play.hpp), or else the block last read or played;
// no disc spindle records carries an MCN or ISRC, so both report none.
#include "emulator/drive/audio_play.hpp"
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/media/msf.hpp"
#include "scsi/cdb_read.hpp"

namespace spindle::handlers {

namespace {

constexpr std::uint8_t current_position = 0x01, media_catalogue_number = 0x02, isrc = 0x03;
constexpr std::uint8_t adr_position = 0x10; // ADR 1 in the upper nibble
constexpr std::uint8_t data_control = 0x4;

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
            const std::uint8_t control =
                track != nullptr ? static_cast<std::uint8_t>(track->track_mode & 0x0F) : data_control;
            w.u8(adr_position | control).u8(track != nullptr ? static_cast<std::uint8_t>(track->number) : 1).u8(1);
            w.be32(address(at, cdb.msf(), true));
            w.be32(address(track != nullptr ? at - track->start : 0, cdb.msf(), false));
        } else if (format == media_catalogue_number) {
            w.zeros(3).u8(0).zeros(15); // MCVAL 0: no catalogue number
        } else {
            const Track* t = disc.track(cdb.track_number());
            w.u8(static_cast<std::uint8_t>(adr_position | (t->track_mode & 0x0F)))
                .u8(static_cast<std::uint8_t>(t->number))
                .u8(0)
                .u8(0) // TCVAL 0: no ISRC
                .zeros(15);
        }
        scsi::put_be16(out, 2, static_cast<std::uint16_t>(out.size() - 4));
    }
    return reply_data(cmd, out, cdb.allocation_length());
}

} // namespace spindle::handlers
