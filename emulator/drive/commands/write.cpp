// WRITE(10) (MMC-6 6.47), WRITE(12) (6.48) and WRITE AND VERIFY(10) (6.49): data from the
// initiator to the medium, at the NWA of an open track on sequential media or anywhere on
// formatted random-access media (write_rules.hpp); a CD audio track takes 2352 bytes a block,
// a Mode 2 track the size of its data block type (media/cd_blocks.hpp), and a SAO track with
// raw R-W 96 bytes more, and a SAO data track of whole sectors 2352 (drive/cue_sheet.hpp).
// A test write checks everything and moves the shadow layout only. In CD Session At Once the
// pregap blocks before the first track are taken first and dropped (drive/cue_sheet.hpp).
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/lead_in.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/drive/commands/write_rules.hpp"
#include "emulator/drive/commands/write_target.hpp"
#include "emulator/drive/commands/write_timing.hpp"
#include "emulator/drive/cue_sheet.hpp"
#include "emulator/media/cd_subchannel.hpp"
#include "scsi/cdb_write.hpp"

#include <algorithm>
#include <vector>

namespace spindle::handlers {

namespace {

bool put(BlockStore& store, bool audio, std::uint32_t lba, std::span<const std::uint8_t> in) {
    return audio ? store.write_audio(lba, in) : store.write(lba, in);
}

// The store gets the blocks as sent (2048 bytes of user data each, or 2352 of audio); a
// data-out shorter than the transfer length (a short transfer from the initiator) is completed
// with zeros, a chunk at a time: memory follows what was sent, not what the CDB claims (up to
// max_transfer_blocks, 128 MiB).
bool store_blocks(BlockStore& store, bool audio, std::uint32_t lba, std::uint32_t count, scsi::ByteView data) {
    constexpr std::size_t chunk_blocks = 32;
    const std::size_t block = audio ? BlockStore::audio_block_size : BlockStore::block_size;
    const std::size_t bytes = std::size_t{count} * block;
    if (data.size() >= bytes) return put(store, audio, lba, data.first(bytes));
    const std::size_t whole = data.size() / block * block;
    if (whole > 0 && !put(store, audio, lba, data.first(whole))) return false;
    std::vector<std::uint8_t> chunk(std::min(bytes - whole, chunk_blocks * block), 0);
    const auto partial = data.subspan(whole); // the start of a block the initiator did not finish
    std::copy(partial.begin(), partial.end(), chunk.begin());
    for (std::size_t done = whole; done < bytes;) {
        const std::size_t n = std::min(chunk.size(), bytes - done);
        if (!put(store, audio, static_cast<std::uint32_t>(lba + done / block),
                 std::span<const std::uint8_t>(chunk).first(n)))
            return false;
        if (done == whole) std::fill(chunk.begin(), chunk.end(), std::uint8_t{0});
        done += n;
    }
    return true;
}

// Blocks that carry R-W sub-channels after their main data: the main data of each, and its R-W
// as kept (bits 5-0; P and Q are the drive's own), both completed with zeros where a short
// data-out ends.
struct SplitBlocks {
    std::vector<std::uint8_t> main, rw;
};
SplitBlocks split_rw(scsi::ByteView data, std::uint32_t count, std::size_t main_block) {
    constexpr std::size_t rw_block = BlockStore::rw_block_size;
    SplitBlocks out{std::vector<std::uint8_t>(std::size_t{count} * main_block),
                    std::vector<std::uint8_t>(std::size_t{count} * rw_block)};
    for (std::size_t i = 0; i < count; ++i) {
        const auto block = data.subspan(std::min(data.size(), i * (main_block + rw_block)));
        const auto main = block.first(std::min(block.size(), main_block));
        std::copy(main.begin(), main.end(), out.main.begin() + static_cast<std::ptrdiff_t>(i * main_block));
        const auto rw = block.subspan(main.size()).first(std::min(block.size() - main.size(), rw_block));
        std::transform(rw.begin(), rw.end(), out.rw.begin() + static_cast<std::ptrdiff_t>(i * rw_block),
                       [](std::uint8_t b) { return static_cast<std::uint8_t>(b & 0x3F); });
    }
    return out;
}

// Whether track `track` is in one of the cue sheet's lists (drive/cue_sheet.hpp): those whose
// R-W come as packs, those whose blocks come as whole sectors.
bool listed(const DriveState& s, std::vector<std::uint16_t> CuePregap::*list, std::uint16_t track) {
    if (!s.cue_pregap || s.cue_pregap->of != s.medium.get()) return false;
    const auto& tracks = (*s.cue_pregap).*list;
    return std::find(tracks.begin(), tracks.end(), track) != tracks.end();
}

// Whole 2352-byte sectors as the blocks of `cooked` bytes the track's form takes: what follows
// the sync and header (Mode 1's 2048 bytes of user data, Mode 2's 2336).
std::vector<std::uint8_t> cooked_blocks(scsi::ByteView sectors, std::uint32_t count, std::size_t cooked) {
    std::vector<std::uint8_t> out(std::size_t{count} * cooked);
    for (std::size_t i = 0; i < count; ++i) {
        const auto sector = sectors.subspan(std::min(sectors.size(), i * cd::raw_sector_bytes));
        const auto after_header = sector.subspan(std::min(sector.size(), cd::user_offset));
        std::copy_n(after_header.begin(), std::min(cooked, after_header.size()),
                    out.begin() + static_cast<std::ptrdiff_t>(i * cooked));
    }
    return out;
}

// Records the R-W of `count` blocks from `lba`: raw ones as sent; packs interleaved into the
// R-W of those blocks and the two after them, where the interleave carries the last packs'
// symbols (what is there of earlier packs stays).
bool store_rw(BlockStore& store, std::uint32_t lba, std::uint32_t count, const std::vector<std::uint8_t>& rw,
              bool packs) {
    if (!packs) return store.write_rw(lba, rw);
    constexpr std::size_t block = BlockStore::rw_block_size;
    std::vector<std::uint8_t> recorded((std::size_t{count} + cd::rw_interleave_blocks - 1) * block);
    if (!store.read_rw(lba, recorded)) return false;
    for (std::size_t b = 0; b < count; ++b)
        for (std::size_t pack = 0; pack < block / cd::rw_pack_symbols; ++pack)
            for (std::size_t i = 0; i < cd::rw_pack_symbols; ++i)
                recorded[b * block + cd::interleaved_offset(pack, i)] = rw[b * block + pack * cd::rw_pack_symbols + i];
    return store.write_rw(lba, recorded);
}

template <typename Cdb>
Completion write_blocks(DriveState& s, const Command& cmd) {
    const Cdb cdb(cmd.cdb);
    if (cdb.bytchk()) return reply_check(scsi::sense::invalid_field_in_cdb(1, 1)); // MMC-6 6.49: BytChk 0
    std::uint32_t lba = cdb.lba();
    std::uint32_t count = cdb.transfer_length();
    if (count > s.profile.max_transfer_blocks && s.profile.max_transfer_blocks != 0)
        return reply_check(scsi::sense::invalid_field_in_cdb(Cdb::transfer_length_byte));
    if (count == 0) return reply_good();                                 // SBC-3: no data, nothing happens
    if (lead_in_write(s, lba)) return write_lead_in(s, cmd, lba, count); // SAO CD-Text (lead_in.hpp)
    auto pregap = take_pregap(s, lba, count);
    if (!pregap) return reply_check(pregap.error());
    const std::size_t pregap_bytes = std::size_t{*pregap} * (s.cue_pregap ? s.cue_pregap->block_bytes : 0);
    lba += *pregap;
    count -= *pregap;
    const scsi::ByteView data = cmd.data_out.subspan(std::min(cmd.data_out.size(), pregap_bytes));
    auto target = write_target(s);
    std::expected<WritePlan, scsi::SenseData> plan = WritePlan{true, 0};
    if (count > 0) plan = plan_write(target.disc, write_parameters(s), lba, count);
    if (!plan) return reply_check(plan.error());
    WriteFormat format;
    const WriteParameters wp = write_parameters(s);
    if (!plan->random && count > 0) {
        auto f = write_format(target.disc, wp, *target.disc.track(plan->track));
        if (!f) return reply_check(f.error());
        format = *f;
    }
    const bool audio = format.blocks == HostBlocks::Audio;
    const bool raw = !audio && count > 0 && listed(s, &CuePregap::raw_sector_tracks, plan->track);
    const std::size_t block = raw ? cd::raw_sector_bytes : host_block_bytes(format.blocks);
    const auto timing = write_timing::write(
        s, pregap_bytes + std::uint64_t{count} * (block + (format.rw ? BlockStore::rw_block_size : 0)));
    if (timing.error) { // loss of streaming: the track keeps what reached the disc, damaged
        if (!plan->random) target.writer.lose_streaming(plan->track);
        return reply_check(*timing.error);
    }
    bool form2 = false;
    const SplitBlocks split = format.rw && count > 0 ? split_rw(data, count, block) : SplitBlocks{};
    const scsi::ByteView sent = format.rw ? scsi::ByteView(split.main) : data;
    const std::vector<std::uint8_t> cooked =
        raw ? cooked_blocks(sent, count, host_block_bytes(format.blocks)) : std::vector<std::uint8_t>{};
    const scsi::ByteView main = raw ? scsi::ByteView(cooked) : sent;
    BlockStore& store = *s.medium->store;
    if (!target.simulated && count > 0 &&
        (!(whole_sectors(format.blocks)
               ? store_mode2_blocks(store, format.blocks, wp.subheader, lba, count, main, form2)
               : store_blocks(store, audio, lba, count, main)) ||
         (format.rw && !store_rw(store, lba, count, split.rw, listed(s, &CuePregap::packed_rw_tracks, plan->track)))))
        return reply_check(
            scsi::sense::make(scsi::SenseKey::MediumError, scsi::asc::write_error).with_information(lba));
    if (!plan->random && count > 0)
        target.writer.record(plan->track, count,
                             WrittenBlocks{format.track_mode, sectors_of(format.blocks), form2, wp.session_format});
    // A track's first blocks change the layout, saved at once: a failure to save it, or an
    // earlier one, is a WRITE ERROR (write_target.hpp medium_failure).
    if (auto e = medium_failure(s, scsi::asc::write_error); e && !target.simulated) return reply_check(*e);
    Completion c;
    c.busy_until = timing.busy_until;
    return c;
}

} // namespace

Completion write10(DriveState& s, const Command& cmd) { return write_blocks<scsi::Write10Cdb>(s, cmd); }
Completion write12(DriveState& s, const Command& cmd) { return write_blocks<scsi::Write12Cdb>(s, cmd); }
Completion write_and_verify10(DriveState& s, const Command& cmd) {
    return write_blocks<scsi::WriteAndVerify10Cdb>(s, cmd);
}

} // namespace spindle::handlers
