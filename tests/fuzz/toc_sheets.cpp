// cdrdao toc files (images/toc_image.hpp): any text as a toc, beside two files it may name,
// "a.bin" (30 blocks of 2352 bytes and 2048 more) and "b.wav" (a WAV of 10 blocks).
//
// An input: the toc's text, all of it.
// Invariants: a toc that loads is a disc a drive may keep (the loader checks it with
// validate_disc_state: its own bug if that fails, so it aborts here) whose every block in a
// track reads; its export (images/toc_export.hpp) loads again as the same tracks: the same
// starts, sizes and modes.
#include "emulator/images/toc_export.hpp"
#include "emulator/images/toc_image.hpp"
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

struct Directory {
    std::filesystem::path path;
    Directory() {
        std::string p = (std::filesystem::temp_directory_path() / "spindle-fuzz-toc-XXXXXX").string();
        if (::mkdtemp(p.data()) == nullptr) std::abort();
        path = p;
        std::vector<char> bin(30 * 2352 + 2048, 7);
        std::ofstream(path / "a.bin", std::ios::binary).write(bin.data(), static_cast<std::streamsize>(bin.size()));
        std::ofstream wav(path / "b.wav", std::ios::binary);
        const std::uint32_t data = 10 * 2352;
        const auto le = [&](std::uint32_t v, int n) {
            for (int i = 0; i < n; ++i) wav.put(static_cast<char>(v >> (8 * i)));
        };
        wav.write("RIFF", 4);
        le(36 + data, 4);
        wav.write("WAVEfmt ", 8);
        le(16, 4), le(1, 2), le(2, 2), le(44100, 4), le(44100 * 4, 4), le(4, 2), le(16, 2);
        wav.write("data", 4);
        le(data, 4);
        wav.write(std::string(data, '\x11').data(), data);
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
    const auto toc = dir.path / "in.toc";
    {
        const auto text = in.rest();
        std::ofstream(toc, std::ios::binary | std::ios::trunc)
            .write(reinterpret_cast<const char*>(text.data()), static_cast<std::streamsize>(text.size()));
    }
    auto medium = load_toc_image(toc);
    if (!medium) return 0;
    const Disc& disc = (*medium)->disc;
    if (!validate_disc_state(disc)) std::abort();
    std::vector<std::uint8_t> block(2352);
    for (const auto& t : disc.tracks) {
        for (std::uint32_t lba = t.start; lba < t.readable_end() && lba < t.start + 64; ++lba) {
            const bool ok = t.whole_sectors() ? (*medium)->store->read_audio(lba, block)
                                              : (*medium)->store->read(lba, std::span(block).first(2048));
            if (!ok) std::abort(); // a loaded track reads
        }
    }
    const auto copy = dir.path / "out.toc";
    auto exported = export_toc(disc, *(*medium)->store, copy);
    if (!exported) return 0; // a disc export does not take: said so
    auto again = load_toc_image(copy);
    if (!again || again.value()->disc.tracks.size() != disc.tracks.size()) std::abort();
    for (std::size_t i = 0; i < disc.tracks.size(); ++i) {
        const auto& a = again.value()->disc.tracks[i];
        const auto& b = disc.tracks[i];
        if (a.start != b.start || a.size != b.size || a.track_mode != b.track_mode || a.sectors != b.sectors)
            std::abort();
    }
    for (const auto& f : exported->files) std::filesystem::remove(f);
    return 0;
}
