// READ TOC/PMA/ATIP format 5 of the largest CD-Text a disc holds: 8 blocks (languages) of 256
// packs, 36 864 bytes, as a reader asks for it (4 bytes first, then the whole length).
#include "emulator/media/cd_text.hpp"
#include "bench.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>

namespace spindle::bench {

namespace {

std::array<std::uint8_t, 10> read_toc_cd_text(std::uint16_t allocation) {
    return {
        0x43, 0, 0x05, 0, 0, 0, 0, static_cast<std::uint8_t>(allocation >> 8), static_cast<std::uint8_t>(allocation),
        0};
}

std::vector<std::uint8_t> full_cd_text() {
    std::vector<std::uint8_t> out;
    for (std::size_t block = 0; block < cd::text_blocks; ++block)
        for (std::size_t seq = 0; seq < cd::text_packs_per_block; ++seq) {
            cd::TextPack p{};
            p[0] = static_cast<std::uint8_t>(0x80 + seq % 16);
            p[2] = static_cast<std::uint8_t>(seq);
            p[3] = static_cast<std::uint8_t>(block << 4);
            std::fill(p.begin() + 4, p.begin() + 16, static_cast<std::uint8_t>('A' + seq % 26));
            const auto crc = cd::text_pack_crc(std::span<const std::uint8_t>(p).first(16));
            p[16] = static_cast<std::uint8_t>(crc >> 8);
            p[17] = static_cast<std::uint8_t>(crc);
            out.insert(out.end(), p.begin(), p.end());
        }
    return out;
}

} // namespace

bool bench_cd_text(const Options& o) {
    const auto image = o.dir / "bench-cd-text.iso";
    {
        std::ofstream f(image, std::ios::binary);
        const std::vector<char> blocks(300 * 2048, 0);
        f.write(blocks.data(), static_cast<std::streamsize>(blocks.size()));
    }
    auto medium = medium_or_exit("closed cd-r from " + image.string());
    medium->disc.cd_text = full_cd_text();
    const std::size_t expected = 4 + medium->disc.cd_text.size();
    ReadyDrive d(std::move(medium));
    const std::uint64_t commands = o.smoke ? 10 : 20'000;
    std::vector<std::uint8_t> head(4), buf(0xFFFF);
    double best = 1e9;
    for (int round = 0; round < o.rounds; ++round) {
        const auto t = Clock::now();
        for (std::uint64_t i = 0; i < commands; ++i) {
            const auto probe = read_toc_cd_text(4);
            if (!d.run(probe, {}, head).good()) fail("READ TOC format 5 failed");
            const auto length = static_cast<std::uint16_t>((head[0] << 8 | head[1]) + 2);
            const auto whole = read_toc_cd_text(length);
            const auto c = d.run(whole, {}, std::span<std::uint8_t>(buf).first(length));
            if (!c.good() || length != expected) fail("READ TOC format 5 returned the wrong length");
        }
        best = std::min(best, seconds_since(t) / static_cast<double>(commands));
    }
    std::printf("READ TOC format 5, 8 blocks x 256 packs (%zu bytes), probe + whole, best of %d x %llu:\n", expected,
                o.rounds, static_cast<unsigned long long>(commands));
    std::printf("  %9.2f us a reading (target < 1000 us)%s\n", best * 1e6, best < 1e-3 ? "" : "  MISSED");
    std::filesystem::remove(image);
    return best < 1e-3;
}

} // namespace spindle::bench
