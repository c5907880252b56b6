// READ CAPACITY (MMC-6 6.21) and READ(10)/(12) (6.14, 6.15).
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "scsi/cdb_read.hpp"

#include <algorithm>
#include <array>

namespace spindle::handlers {

namespace {

// The last readable block: random-access media report the formatted size; other media the
// last recorded block. Blank media answer 0 (dvd+rw-mediainfo on blank DVD+R: "READ CAPACITY:
// 0*2048"; libburn treats it as no data).
std::uint32_t last_lba(const Disc& d) {
    if (d.random_access()) return d.capacity_blocks == 0 ? 0 : d.capacity_blocks - 1;
    return d.last_recorded_lba().value_or(0);
}

// The first block of a failed read of `bytes` from `lba` that cannot be read: a MEDIUM ERROR's
// INFORMATION field names the first block in error, not the first block asked for (SBC-3,
// error reporting: the sense data's INFORMATION is the LBA of the first unrecovered block).
std::uint32_t first_unreadable(BlockStore& store, std::uint32_t lba, std::size_t bytes) {
    const auto blocks = static_cast<std::uint32_t>((bytes + BlockStore::block_size - 1) / BlockStore::block_size);
    std::array<std::uint8_t, BlockStore::block_size> one{};
    std::uint32_t at = lba;
    while (at + 1 < lba + blocks && store.read(at, one)) ++at;
    return at;
}

template <typename Cdb>
Completion read_blocks(DriveState& s, const Command& cmd) {
    const Cdb cdb(cmd.cdb);
    const std::uint32_t lba = cdb.lba();
    const std::uint32_t count = cdb.transfer_length();
    // A transfer the drive cannot buffer is refused, naming the transfer length.
    if (count > s.profile.max_transfer_blocks && s.profile.max_transfer_blocks != 0)
        return reply_check(scsi::sense::invalid_field_in_cdb(Cdb::transfer_length_byte));
    const Disc& disc = s.medium->disc;
    // Reading past the recorded area is LBA OUT OF RANGE on every medium: blocks after the NWA
    // of a DVD±R/BD-R and past the lead-out of a CD-R (libburn burn_read_data ends a read at
    // 5/21/00; growisofs reads up to READ CAPACITY only). An unwritten block inside a sequential
    // disc has no address either, so it answers the same.
    if (std::uint64_t{lba} + count > 0xFFFFFFFFu || !disc.readable(lba, count))
        return reply_check(scsi::sense::illegal_request(scsi::asc::lba_out_of_range).with_information(lba));
    // CD-DA blocks have no user data to read: READ CD reads them.
    for (const Track& t : disc.tracks)
        if (t.audio() && t.start < std::uint64_t{lba} + count && lba < t.end())
            return reply_check(scsi::sense::illegal_request(scsi::asc::illegal_mode_for_this_track)
                                   .with_information(std::max(lba, t.start)));
    const std::size_t bytes = std::min<std::size_t>(std::size_t{count} * BlockStore::block_size, cmd.data_in.size());
    if (bytes > 0 && !s.medium->store->read(lba, cmd.data_in.first(bytes)))
        return reply_check(scsi::sense::make(scsi::SenseKey::MediumError, scsi::asc::unrecovered_read_error)
                               .with_information(first_unreadable(*s.medium->store, lba, bytes)));
    if (count > 0) s.head_lba = lba + count - 1;
    return reply_in_place(cmd, bytes);
}

} // namespace

Completion read_capacity(DriveState& s, const Command& cmd) {
    const scsi::ReadCapacityCdb cdb(cmd.cdb);
    if (!cdb.pmi() && cdb.lba() != 0) return reply_check(scsi::sense::invalid_field_in_cdb(2)); // SBC-3 5.10
    std::array<std::uint8_t, 8> out{};                                                          // MMC-6 table 456
    scsi::put_be32(out, 0, last_lba(s.medium->disc));
    scsi::put_be32(out, 4, BlockStore::block_size);
    return reply_data(cmd, out, out.size());
}

Completion read10(DriveState& s, const Command& cmd) { return read_blocks<scsi::Read10Cdb>(s, cmd); }
Completion read12(DriveState& s, const Command& cmd) { return read_blocks<scsi::Read12Cdb>(s, cmd); }

} // namespace spindle::handlers
