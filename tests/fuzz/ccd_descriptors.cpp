// CloneCD descriptors (images/ccd_image.hpp): any text as a .ccd, beside the .img and .sub it
// names by its own name: 40 Mode 1 sectors (LBA 0 to 39), then 30 blocks of audio, and their
// P-W with R-W of a pattern.
//
// An input: the descriptor's text, all of it.
// Invariants: a descriptor that loads is a disc a drive may keep (the loader checks it with
// validate_disc_state: its own bug if that fails, so it aborts here) whose every block in a
// track reads, R-W included; its export (images/ccd_export.hpp) loads again as the same tracks:
// the same sessions, starts, sizes and modes.
#include "emulator/images/ccd_export.hpp"
#include "emulator/images/ccd_image.hpp"
#include "emulator/media/cd_sector.hpp"
#include "emulator/media/disc_json.hpp"
#include "fuzz_input.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using namespace spindle;

constexpr std::int32_t data_blocks = 40, audio_blocks = 30;

struct Directory {
    std::filesystem::path path;
    Directory() {
        std::string p = (std::filesystem::temp_directory_path() / "spindle-fuzz-ccd-XXXXXX").string();
        if (::mkdtemp(p.data()) == nullptr) std::abort();
        path = p;
        std::ofstream img(path / "in.img", std::ios::binary);
        cd::RawSector sector{};
        const std::vector<std::uint8_t> user(cd::user_bytes, 0x5A);
        for (std::int32_t lba = 0; lba < data_blocks; ++lba) {
            cd::encode_mode1(lba, user, sector);
            img.write(reinterpret_cast<const char*>(sector.data()), static_cast<std::streamsize>(sector.size()));
        }
        const std::string audio(std::size_t{audio_blocks} * cd::raw_sector_bytes, '\x21');
        img.write(audio.data(), static_cast<std::streamsize>(audio.size()));
        std::string sub(std::size_t{data_blocks + audio_blocks} * 96, '\0');
        for (std::size_t i = 0; i < sub.size(); ++i)
            if (i % 96 >= 24) sub[i] = static_cast<char>(i * 7);
        std::ofstream(path / "in.sub", std::ios::binary).write(sub.data(), static_cast<std::streamsize>(sub.size()));
    }
    ~Directory() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Directory dir;
    spindle::fuzz::FuzzInput in(data, size);
    const auto ccd = dir.path / "in.ccd";
    {
        const auto text = in.rest();
        std::ofstream(ccd, std::ios::binary | std::ios::trunc)
            .write(reinterpret_cast<const char*>(text.data()), static_cast<std::streamsize>(text.size()));
    }
    auto medium = load_ccd_image(ccd);
    if (!medium) return 0;
    const Disc& disc = (*medium)->disc;
    if (!validate_disc_state(disc)) std::abort();
    std::vector<std::uint8_t> block(2352), rw(96);
    for (const auto& t : disc.tracks) {
        for (std::uint32_t lba = t.start; lba < t.readable_end() && lba < t.start + 64; ++lba) {
            const bool ok = t.whole_sectors() ? (*medium)->store->read_audio(lba, block)
                                              : (*medium)->store->read(lba, std::span(block).first(2048));
            if (!ok) std::abort(); // a loaded track reads
            if (t.recorded_rw && !(*medium)->store->read_rw(lba, rw)) std::abort();
        }
    }
    const auto copy = dir.path / "out.ccd";
    auto exported = export_ccd(disc, *(*medium)->store, copy);
    if (!exported) return 0; // a disc export does not take: said so
    auto again = load_ccd_image(copy);
    if (!again || again.value()->disc.tracks.size() != disc.tracks.size()) std::abort();
    for (std::size_t i = 0; i < disc.tracks.size(); ++i) {
        const auto& a = again.value()->disc.tracks[i];
        const auto& b = disc.tracks[i];
        if (a.session != b.session || a.start != b.start || a.size != b.size || a.track_mode != b.track_mode ||
            a.sectors != b.sectors)
            std::abort();
    }
    for (const auto& f : exported->files) std::filesystem::remove(f);
    return 0;
}
