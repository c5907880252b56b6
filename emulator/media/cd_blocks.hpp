#pragma once
// The blocks a host sends to write a CD data track, as page 05h's Data Block Type (MMC-6 table
// 651: types 8-13) or a cue sheet's data form (table 593: 10h, 20h, 30h) says, and the sectors
// the drive makes of them (media/cd_sector.hpp). Mode 1 user data is kept as it comes (2048
// bytes a block); Mode 2 sectors are kept whole in the store's 2352-byte blocks, the user data
// of an XA Form 1 sector also as a 2048-byte block, where READ(10) and direct readers find it.
#include "emulator/media/block_store.hpp"
#include "emulator/media/cd_sector.hpp"
#include "emulator/media/disc.hpp"

#include <optional>

namespace spindle {

enum class HostBlocks : std::uint8_t {
    Audio,      // 2352 bytes of CD-DA (type 0, form 00h)
    Mode1,      // 2048 bytes of user data (type 8, form 10h)
    Mode2,      // 2336 bytes of formless Mode 2 user data (type 9, form 30h)
    XaForm1,    // 2048 bytes, the subheader from page 05h (type 10)
    XaForm1Sub, // the subheader and 2048 bytes: 2056 (type 11)
    XaForm2,    // 2324 bytes, the subheader from page 05h (type 12)
    XaMixed,    // the subheader and 2324 bytes (Form 1: 2048 and 276 the drive ignores): 2332 (type 13)
    XaWhole,    // subheader, user data and the EDC/ECC area the drive recomputes: 2336 (form 20h)
};

// Page 05h Data Block Type `type` on a data track; nothing for the raw and reserved types.
std::optional<HostBlocks> data_block_type_blocks(std::uint8_t type);
// The blocks of a track laid out by a cue sheet (forms 10h, 20h, 30h).
HostBlocks cue_track_blocks(const Track& t);
std::size_t host_block_bytes(HostBlocks b);
DataSectors sectors_of(HostBlocks b);
inline bool whole_sectors(HostBlocks b) { return b != HostBlocks::Audio && b != HostBlocks::Mode1; }

// Builds the sector at `lba` from one host block (`whole_sectors(b)`); `page_subheader` is page
// 05h bytes 48-51 (types 10 and 12). Types 10 and 11 make Form 1, 12 Form 2 (the submode's form
// bit in both copies set to match, as cdrecord's encoder does); 13 and form 20h take the form
// the host's submode gives.
cd::SectorForm encode_host_block(HostBlocks b, std::int32_t lba, std::span<const std::uint8_t> block,
                                 const cd::Subheader& page_subheader, cd::RawSector& sector);

// Writes `count` host blocks from `data` (a shorter data-out is completed with zeros) as Mode 2
// sectors from `lba`; `form2` becomes true when one of them is Form 2. False on an I/O error.
bool store_mode2_blocks(BlockStore& store, HostBlocks b, const cd::Subheader& page_subheader, std::uint32_t lba,
                        std::uint32_t count, std::span<const std::uint8_t> data, bool& form2);

} // namespace spindle
