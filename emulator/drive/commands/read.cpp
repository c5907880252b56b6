// READ CAPACITY (MMC-6 6.21) and READ(10)/(12) (6.14, 6.15). On a CD, READ(10) returns the
// 2048 bytes of user data of Mode 1 and CD-ROM XA Form 1 sectors.
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/media/cd_sector.hpp"
#include "scsi/cdb_read.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

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

Completion illegal_mode(std::uint32_t lba) {
    return reply_check(scsi::sense::illegal_request(scsi::asc::illegal_mode_for_this_track).with_information(lba));
}

// The first XA Form 2 sector of `count` from `lba` (their submode bit 5, media/cd_sector.hpp),
// UINT32_MAX when they cannot be read, nothing when all are Form 1.
std::optional<std::uint32_t> first_form2(BlockStore& store, std::uint32_t lba, std::uint32_t count) {
    constexpr std::uint32_t chunk_blocks = 32;
    std::vector<std::uint8_t> raw(std::size_t{chunk_blocks} * cd::raw_sector_bytes);
    for (std::uint32_t first = lba; first < lba + count; first += chunk_blocks) {
        const std::uint32_t n = std::min(chunk_blocks, lba + count - first);
        if (!store.read_audio(first, std::span<std::uint8_t>(raw).first(std::size_t{n} * cd::raw_sector_bytes)))
            return UINT32_MAX;
        for (std::uint32_t i = 0; i < n; ++i)
            if (cd::mode2_form(std::span<const std::uint8_t>(raw)
                                   .subspan(std::size_t{i} * cd::raw_sector_bytes)
                                   .first<cd::raw_sector_bytes>(),
                               true) == cd::SectorForm::Form2)
                return first + i;
    }
    return std::nullopt;
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
    // CD-DA blocks, formless Mode 2 and XA Form 2 sectors have no 2048 bytes of user data to
    // read: READ CD reads them (CDEmu answers READ(10) of them 5/64/00 too).
    for (const Track& t : disc.tracks) {
        if (t.start >= std::uint64_t{lba} + count || lba >= t.end()) continue;
        const std::uint32_t from = std::max(lba, t.start);
        if (t.audio() || t.sectors == DataSectors::Mode2) return illegal_mode(from);
        if (t.sectors == DataSectors::Xa && t.form2)
            if (auto form2 = first_form2(*s.medium->store, from, std::min(lba + count, t.end()) - from)) {
                if (*form2 == UINT32_MAX)
                    return reply_check(scsi::sense::make(scsi::SenseKey::MediumError, scsi::asc::unrecovered_read_error)
                                           .with_information(from));
                return illegal_mode(*form2);
            }
    }
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
