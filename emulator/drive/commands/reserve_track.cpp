// RESERVE TRACK (MMC-6 6.32): the blank invisible track of a sequential disc becomes a track
// of the given size (rounded up to whole ECC blocks: DVD 16, BD 32 blocks; libburn
// mmc_reserve_track rounds to 32 KiB itself), and a new invisible track follows, except in
// DVD-R DAO where the reservation is the one track of the disc (libburn cookbook).
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/drive/commands/write_rules.hpp"
#include "emulator/drive/commands/write_target.hpp"
#include "emulator/drive/write_parameters.hpp"
#include "scsi/cdb_write.hpp"

namespace spindle::handlers {

namespace {

namespace asc = scsi::asc;

// Track limits of READ DISC INFORMATION track resources (disc_information.cpp).
std::uint32_t max_tracks(const Disc& d) {
    switch (d.family()) {
    case MediaFamily::Cd: return 99;
    case MediaFamily::Bd: return 7927;
    case MediaFamily::Dvd: break;
    }
    return 16384;
}

} // namespace

Completion reserve_track(DriveState& s, const Command& cmd) {
    const scsi::ReserveTrackCdb cdb(cmd.cdb);
    if (cdb.arsv()) return reply_check(scsi::sense::invalid_field_in_cdb(1, 0)); // reservation by LBA: not offered
    auto target = write_target(s);
    const Disc& d = target.disc;
    const MediaType& type = d.type();
    if (!type.recordable) return reply_check(cannot_write());
    // Random-access media have no tracks to reserve.
    if (type.random_access) return reply_check(scsi::sense::illegal_request(asc::command_sequence_error));
    if (d.status == DiscStatus::Complete) return reply_check(cannot_write());
    const WriteParameters wp = write_parameters(s);
    const bool dao =
        write_parameters_apply(d.kind) && d.family() == MediaFamily::Dvd && wp.write_type == write_type::sao;
    // Only one track on a DVD-R written DAO; a CD holds 99 (Pioneer R8 manual: a DVD+R
    // reservation beyond the drive's limit is 5/72/05).
    const Track* open = d.invisible_track();
    if ((dao && d.status != DiscStatus::Empty) || d.last_track_number() >= max_tracks(d))
        return reply_check(scsi::sense::illegal_request(asc::no_more_track_reservations_allowed));
    // The reservation is made from the invisible track before anything is written to it.
    if (open == nullptr || !open->blank())
        return reply_check(scsi::sense::illegal_request(asc::command_sequence_error));
    const std::uint32_t size = cdb.reservation_size();
    const std::uint32_t ecc = type.ecc_blocks;
    const std::uint64_t rounded = (std::uint64_t{size} + ecc - 1) / ecc * ecc;
    if (size == 0 || rounded > open->free_blocks())
        return reply_check(scsi::sense::invalid_field_in_cdb(scsi::ReserveTrackCdb::size_byte));
    target.writer.reserve(static_cast<std::uint32_t>(rounded), dao);
    // A reservation that cannot be saved is not on the disc (write_target.hpp medium_failure).
    if (auto e = medium_failure(s, asc::write_error); e && !target.simulated) return reply_check(*e);
    return reply_good();
}

} // namespace spindle::handlers
