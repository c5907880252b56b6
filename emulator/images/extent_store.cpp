#include "emulator/images/extent_store.hpp"

#include "emulator/media/cd_sector.hpp"
#include "emulator/media/pw_channels.hpp"

#include <algorithm>
#include <cstring>

namespace spindle {

std::uint32_t image_sector_bytes(ImageSectors s) {
    switch (s) {
    case ImageSectors::Mode1User:
    case ImageSectors::Form1User: return 2048;
    case ImageSectors::Mode2After: return 2336;
    case ImageSectors::Mode1Raw:
    case ImageSectors::Mode2Raw:
    case ImageSectors::Audio:
    case ImageSectors::AudioSwapped: break;
    }
    return 2352;
}

namespace {

// An audio file's last block may end early: the rest is silence. Elsewhere a read past the end
// fails (a file cut short while it is served), as ReadOnlyImageStore's do.
bool pread_at(const ImageExtent& e, std::uint64_t at, std::span<std::uint8_t> out) {
    const bool audio = e.sectors == ImageSectors::Audio || e.sectors == ImageSectors::AudioSwapped;
    return file_io::read_fully(e.file->get(), out.data(), out.size(), at,
                               audio ? file_io::AtEnd::Zeros : file_io::AtEnd::Fail);
}

void swap_samples(std::span<std::uint8_t> bytes) {
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) std::swap(bytes[i], bytes[i + 1]);
}

// The extent holding block `lba`, if one does.
const ImageExtent* extent_at(const std::vector<ImageExtent>& extents, std::uint32_t lba) {
    const auto after = std::upper_bound(extents.begin(), extents.end(), lba,
                                        [](std::uint32_t l, const ImageExtent& e) { return l < e.first_lba; });
    if (after == extents.begin() || lba - std::prev(after)->first_lba >= std::prev(after)->blocks) return nullptr;
    return &*std::prev(after);
}

} // namespace

bool ExtentStore::read_block(std::uint32_t lba, bool whole, std::span<std::uint8_t> out) const {
    const ImageExtent* found = extent_at(extents_, lba);
    if (found == nullptr) {
        std::fill(out.begin(), out.end(), std::uint8_t{0}); // a gap the image does not store
        return true;
    }
    const ImageExtent& e = *found;
    const std::uint64_t at = e.offset + std::uint64_t{lba - e.first_lba} * (image_sector_bytes(e.sectors) + e.trailing);
    if (!whole) { // the 2048 bytes of user data: where each form keeps them
        switch (e.sectors) {
        case ImageSectors::Mode1User:
        case ImageSectors::Form1User: return pread_at(e, at, out);
        case ImageSectors::Mode1Raw: return pread_at(e, at + cd::user_offset, out);
        case ImageSectors::Mode2After: return pread_at(e, at + cd::subheader_bytes, out);
        case ImageSectors::Mode2Raw: return pread_at(e, at + cd::xa_user_offset, out);
        case ImageSectors::Audio:
        case ImageSectors::AudioSwapped: return false; // CD-DA has no user data
        }
        return false;
    }
    switch (e.sectors) {
    case ImageSectors::Mode1Raw:
    case ImageSectors::Mode2Raw:
    case ImageSectors::Audio: return pread_at(e, at, out);
    case ImageSectors::AudioSwapped:
        if (!pread_at(e, at, out)) return false;
        swap_samples(out);
        return true;
    case ImageSectors::Mode2After: { // the sync and header the image leaves out
        std::array<std::uint8_t, cd::mode2_bytes> after_header;
        cd::RawSector sector;
        if (!pread_at(e, at, after_header)) return false;
        cd::encode_mode2_formless(static_cast<std::int32_t>(lba), after_header, sector);
        std::copy(sector.begin(), sector.end(), out.begin());
        return true;
    }
    case ImageSectors::Mode1User: {
        std::array<std::uint8_t, cd::user_bytes> user;
        cd::RawSector sector;
        if (!pread_at(e, at, user)) return false;
        cd::encode_mode1(static_cast<std::int32_t>(lba), user, sector);
        std::copy(sector.begin(), sector.end(), out.begin());
        return true;
    }
    case ImageSectors::Form1User: { // a data subheader: the image keeps none
        std::array<std::uint8_t, cd::form1_user_bytes> user;
        cd::RawSector sector;
        if (!pread_at(e, at, user)) return false;
        cd::encode_xa(static_cast<std::int32_t>(lba), cd::Subheader{0, 0, 0x08, 0}, user, sector);
        std::copy(sector.begin(), sector.end(), out.begin());
        return true;
    }
    }
    return false;
}

// Blocks of `size` bytes from `lba` into `out`, which may end inside the last one.
template <typename ReadBlock>
bool read_blocks(std::uint32_t lba, std::size_t size, std::span<std::uint8_t> out, ReadBlock&& read_block) {
    std::vector<std::uint8_t> partial;
    for (std::size_t done = 0; done < out.size(); done += size, ++lba) {
        const std::size_t n = std::min(size, out.size() - done);
        if (n == size) {
            if (!read_block(lba, out.subspan(done, size))) return false;
            continue;
        }
        partial.resize(size);
        if (!read_block(lba, std::span<std::uint8_t>(partial))) return false;
        std::copy_n(partial.begin(), n, out.begin() + static_cast<std::ptrdiff_t>(done));
    }
    return true;
}

// The extent that holds every block of `bytes` from `lba` in its file as the reader wants them
// (`whole`: 2352-byte sectors; else 2048 bytes of user data), back to back: one pread serves.
const ImageExtent* direct_extent(const std::vector<ImageExtent>& extents, std::uint32_t lba, std::size_t bytes,
                                 bool whole) {
    const ImageExtent* found = extent_at(extents, lba);
    if (found == nullptr) return nullptr;
    const ImageExtent& e = *found;
    const std::size_t block = whole ? BlockStore::audio_block_size : BlockStore::block_size;
    const bool direct = whole ? e.sectors == ImageSectors::Audio || e.sectors == ImageSectors::AudioSwapped ||
                                    e.sectors == ImageSectors::Mode2Raw || e.sectors == ImageSectors::Mode1Raw
                              : e.sectors == ImageSectors::Mode1User || e.sectors == ImageSectors::Form1User;
    const std::uint64_t blocks = (bytes + block - 1) / block;
    return direct && e.trailing == 0 && lba - e.first_lba + blocks <= e.blocks ? &e : nullptr;
}

std::optional<BlockStore::FileRun> ExtentStore::file_run(std::uint32_t lba, std::uint32_t blocks, bool whole) const {
    const std::size_t block = whole ? audio_block_size : block_size;
    const ImageExtent* e = direct_extent(extents_, lba, std::size_t{blocks} * block, whole);
    if (e == nullptr || e->sectors == ImageSectors::AudioSwapped) return std::nullopt; // swapping needs memory
    return FileRun{e->file->get(), e->offset + std::uint64_t{lba - e->first_lba} * block};
}

bool ExtentStore::read(std::uint32_t lba, std::span<std::uint8_t> out) {
    if (const ImageExtent* e = direct_extent(extents_, lba, out.size(), false))
        return pread_at(*e, e->offset + std::uint64_t{lba - e->first_lba} * block_size, out);
    return read_blocks(lba, block_size, out,
                       [&](std::uint32_t at, std::span<std::uint8_t> block) { return read_block(at, false, block); });
}

bool ExtentStore::read_audio(std::uint32_t lba, std::span<std::uint8_t> out) {
    if (const ImageExtent* e = direct_extent(extents_, lba, out.size(), true)) {
        if (!pread_at(*e, e->offset + std::uint64_t{lba - e->first_lba} * audio_block_size, out)) return false;
        if (e->sectors == ImageSectors::AudioSwapped) swap_samples(out);
        return true;
    }
    return read_blocks(lba, audio_block_size, out,
                       [&](std::uint32_t at, std::span<std::uint8_t> block) { return read_block(at, true, block); });
}

bool ExtentStore::read_rw(std::uint32_t lba, std::span<std::uint8_t> out) {
    std::vector<std::uint8_t> run;
    std::size_t done = 0;
    const auto put = [&](std::span<const std::uint8_t> block) { // R-W only: bits 5-0 of each symbol
        const std::size_t n = std::min<std::size_t>(rw_block_size, out.size() - done);
        for (std::size_t k = 0; k < n; ++k) out[done + k] = block.empty() ? 0 : block[k] & 0x3F;
        done += n;
        ++lba;
    };
    while (done < out.size()) {
        const ImageExtent* e = extent_at(extents_, lba);
        if (e == nullptr || !e->sub_file) { // a block the image keeps no sub-channels for
            put({});
            continue;
        }
        // The blocks of this extent the read wants, in one pread.
        const auto blocks = static_cast<std::uint32_t>(std::min<std::uint64_t>(
            e->first_lba + e->blocks - lba, (out.size() - done + rw_block_size - 1) / rw_block_size));
        const std::uint64_t at = e->sub_offset + std::uint64_t{lba - e->first_lba} * e->sub_stride;
        run.resize(std::size_t{blocks - 1} * e->sub_stride + rw_block_size);
        if (!file_io::read_fully(e->sub_file->get(), run.data(), run.size(), at, file_io::AtEnd::Fail)) return false;
        for (std::uint32_t i = 0; i < blocks; ++i) {
            const auto pw = std::span<const std::uint8_t, rw_block_size>(run.data() + std::size_t{i} * e->sub_stride,
                                                                         rw_block_size);
            if (e->sub_by_channel)
                put(cd::pw_by_symbol(pw));
            else
                put(pw);
        }
    }
    return true;
}

} // namespace spindle
