#include "emulator/images/disc_copy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace spindle {

namespace {

constexpr std::uint32_t chunk_blocks = 64;

} // namespace

std::expected<void, std::string> copy_disc_blocks(const Disc& disc, BlockStore& from, BlockStore& to) {
    std::vector<std::uint8_t> chunk(std::size_t{chunk_blocks} * BlockStore::audio_block_size);
    std::vector<std::uint8_t> rw(std::size_t{chunk_blocks} * BlockStore::rw_block_size);
    for (const auto& t : disc.tracks) {
        const bool whole = t.whole_sectors();
        const std::size_t bytes = whole ? BlockStore::audio_block_size : BlockStore::block_size;
        for (std::uint32_t lba = t.start; lba < t.readable_end();) {
            const std::uint32_t n = std::min(chunk_blocks, t.readable_end() - lba);
            const auto data = std::span<std::uint8_t>(chunk).first(n * bytes);
            const auto fail = [&](const char* what) {
                return std::unexpected(
                    fmt::format("cannot {} blocks {} to {} of track {}", what, lba, lba + n - 1, t.number));
            };
            if (!(whole ? from.read_audio(lba, data) : from.read(lba, data))) return fail("read");
            if (!(whole ? to.write_audio(lba, data) : to.write(lba, data))) return fail("write");
            if (t.recorded_rw) {
                const auto sub = std::span<std::uint8_t>(rw).first(n * BlockStore::rw_block_size);
                if (!from.read_rw(lba, sub)) return fail("read the R-W of");
                if (!to.write_rw(lba, sub)) return fail("write the R-W of");
            }
            lba += n;
        }
    }
    if (!to.flush()) return std::unexpected(std::string("cannot flush the copied blocks"));
    return {};
}

} // namespace spindle
