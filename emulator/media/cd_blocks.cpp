#include "emulator/media/cd_blocks.hpp"

#include <algorithm>
#include <vector>

namespace spindle {

std::optional<HostBlocks> data_block_type_blocks(std::uint8_t type) {
    switch (type) {
    case 8: return HostBlocks::Mode1;
    case 9: return HostBlocks::Mode2;
    case 10: return HostBlocks::XaForm1;
    case 11: return HostBlocks::XaForm1Sub;
    case 12: return HostBlocks::XaForm2;
    case 13: return HostBlocks::XaMixed;
    default: return std::nullopt;
    }
}

HostBlocks cue_track_blocks(const Track& t) {
    if (t.audio()) return HostBlocks::Audio;
    switch (t.sectors) {
    case DataSectors::Mode2: return HostBlocks::Mode2;
    case DataSectors::Xa: return HostBlocks::XaWhole;
    case DataSectors::Mode1: break;
    }
    return HostBlocks::Mode1;
}

std::size_t host_block_bytes(HostBlocks b) {
    switch (b) {
    case HostBlocks::Audio: return BlockStore::audio_block_size;
    case HostBlocks::Mode1:
    case HostBlocks::XaForm1: return cd::form1_user_bytes;
    case HostBlocks::XaForm1Sub: return cd::subheader_bytes + cd::form1_user_bytes;
    case HostBlocks::XaForm2: return cd::form2_user_bytes;
    case HostBlocks::XaMixed: return cd::subheader_bytes + cd::form2_user_bytes;
    case HostBlocks::Mode2:
    case HostBlocks::XaWhole: return cd::mode2_bytes;
    }
    return BlockStore::block_size;
}

DataSectors sectors_of(HostBlocks b) {
    switch (b) {
    case HostBlocks::Audio:
    case HostBlocks::Mode1: return DataSectors::Mode1;
    case HostBlocks::Mode2: return DataSectors::Mode2;
    default: return DataSectors::Xa;
    }
}

cd::SectorForm encode_host_block(HostBlocks b, std::int32_t lba, std::span<const std::uint8_t> block,
                                 const cd::Subheader& page_subheader, cd::RawSector& sector) {
    if (b == HostBlocks::Mode2) {
        cd::encode_mode2_formless(lba, block, sector);
        return cd::SectorForm::Mode2Formless;
    }
    cd::Subheader sub = page_subheader;
    std::span<const std::uint8_t> user = block;
    if (b != HostBlocks::XaForm1 && b != HostBlocks::XaForm2) { // the host's subheader leads the block
        std::copy_n(block.begin(), sub.size(), sub.begin());
        user = block.subspan(cd::subheader_bytes);
    }
    if (b == HostBlocks::XaForm1 || b == HostBlocks::XaForm1Sub)
        sub[2] &= static_cast<std::uint8_t>(~cd::submode_form2);
    if (b == HostBlocks::XaForm2) sub[2] |= cd::submode_form2;
    cd::encode_xa(lba, sub, user, sector);
    return cd::mode2_form(sector, true);
}

bool store_mode2_blocks(BlockStore& store, HostBlocks b, const cd::Subheader& page_subheader, std::uint32_t lba,
                        std::uint32_t count, std::span<const std::uint8_t> data, bool& form2) {
    constexpr std::uint32_t chunk_blocks = 32;
    const std::size_t in_bytes = host_block_bytes(b);
    std::vector<std::uint8_t> raw(std::size_t{chunk_blocks} * cd::raw_sector_bytes);
    std::vector<std::uint8_t> user(std::size_t{chunk_blocks} * BlockStore::block_size);
    std::vector<std::uint8_t> block(in_bytes);
    cd::RawSector sector{};
    for (std::uint32_t first = 0; first < count; first += chunk_blocks) {
        const std::uint32_t n = std::min(chunk_blocks, count - first);
        // Form 1 user data goes to the 2048-byte blocks in runs of consecutive Form 1 sectors.
        std::uint32_t run_start = 0, run_length = 0;
        auto flush_run = [&] {
            const bool ok = run_length == 0 ||
                            store.write(lba + first + run_start, std::span<const std::uint8_t>(user).subspan(
                                                                     std::size_t{run_start} * BlockStore::block_size,
                                                                     std::size_t{run_length} * BlockStore::block_size));
            run_length = 0;
            return ok;
        };
        for (std::uint32_t i = 0; i < n; ++i) {
            const std::size_t at = std::size_t{first + i} * in_bytes;
            std::fill(block.begin(), block.end(), std::uint8_t{0});
            if (at < data.size())
                std::copy_n(data.begin() + static_cast<std::ptrdiff_t>(at), std::min(in_bytes, data.size() - at),
                            block.begin());
            const cd::SectorForm form =
                encode_host_block(b, static_cast<std::int32_t>(lba + first + i), block, page_subheader, sector);
            std::copy(sector.begin(), sector.end(),
                      raw.begin() + static_cast<std::ptrdiff_t>(std::size_t{i} * cd::raw_sector_bytes));
            form2 = form2 || form == cd::SectorForm::Form2;
            if (form == cd::SectorForm::Form1) {
                if (run_length == 0) run_start = i;
                std::copy_n(sector.begin() + cd::xa_user_offset, cd::form1_user_bytes,
                            user.begin() + std::ptrdiff_t{i} * BlockStore::block_size);
                ++run_length;
            } else if (!flush_run()) {
                return false;
            }
        }
        if (!flush_run()) return false;
        if (!store.write_audio(lba + first,
                               std::span<const std::uint8_t>(raw).first(std::size_t{n} * cd::raw_sector_bytes)))
            return false;
    }
    return true;
}

} // namespace spindle
