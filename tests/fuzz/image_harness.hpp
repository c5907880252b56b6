#pragma once
// What the disc image harnesses share: a scratch directory for the run, the files a cue sheet
// or toc may name beside the input, the input written as a file, and the checks of a loaded
// image (a sane disc whose every track reads) and of its export loaded again (the same tracks).
// A failed check aborts: the loader's or the export's own bug.
#include "emulator/images/image_files.hpp"
#include "emulator/media/disc_json.hpp"
#include "emulator/media/medium.hpp"

#include <cstdint>
#include <cstdlib>
#include <expected>
#include <filesystem>
#include <fstream>
#include <memory>
#include <span>
#include <string>
#include <unistd.h>
#include <vector>

namespace spindle::fuzz {

// `bytes` as the file `path`, whatever it held before.
inline void write_input(const std::filesystem::path& path, std::span<const std::uint8_t> bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

// A directory made once for the run from `name` (a mkdtemp template, "...-XXXXXX"), `fill`
// writing the files the inputs may name into it; removed with all in it at exit.
struct ScratchDirectory {
    std::filesystem::path path;
    template <typename Fill>
    ScratchDirectory(const char* name, Fill fill) {
        std::string p = (std::filesystem::temp_directory_path() / name).string();
        if (::mkdtemp(p.data()) == nullptr) std::abort();
        path = p;
        fill(path);
    }
    ScratchDirectory(const ScratchDirectory&) = delete;
    ScratchDirectory& operator=(const ScratchDirectory&) = delete;
    ~ScratchDirectory() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

// The files beside a cue sheet or toc: "a.bin", 30 blocks of 2352 bytes and 2048 more (not a
// whole number of 2048-byte sectors either), and "b.wav", a WAV of 10 blocks.
inline void write_sheet_files(const std::filesystem::path& dir) {
    write_input(dir / "a.bin", std::vector<std::uint8_t>(30 * 2352 + 2048, 7));
    std::ofstream wav(dir / "b.wav", std::ios::binary);
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

// A loaded image is a disc a drive may keep (validate_disc_state) whose blocks in a track read
// (the first 64 of each), each in the form its track is read in; with `rw`, the R-W too of a
// track that recorded them.
inline void check_loaded(Medium& medium, bool rw = false) {
    const Disc& disc = medium.disc;
    if (!validate_disc_state(disc)) std::abort();
    std::vector<std::uint8_t> block(2352), sub(96);
    for (const auto& t : disc.tracks) {
        for (std::uint32_t lba = t.start; lba < t.readable_end() && lba < t.start + 64; ++lba) {
            const bool ok = t.whole_sectors() ? medium.store->read_audio(lba, block)
                                              : medium.store->read(lba, std::span(block).first(2048));
            if (!ok) std::abort(); // a loaded track reads
            if (rw && t.recorded_rw && !medium.store->read_rw(lba, sub)) std::abort();
        }
    }
}

// Whether `again` (an export of `disc`, loaded) has the same tracks: in the same sessions, at
// the same starts, of the same sizes, modes and sectors, with the same index marks.
inline bool same_tracks(const Disc& again, const Disc& disc) {
    if (again.tracks.size() != disc.tracks.size()) return false;
    for (std::size_t i = 0; i < disc.tracks.size(); ++i) {
        const auto& a = again.tracks[i];
        const auto& b = disc.tracks[i];
        if (a.session != b.session || a.start != b.start || a.size != b.size || a.track_mode != b.track_mode ||
            a.sectors != b.sectors || a.index_marks != b.index_marks)
            return false;
    }
    return true;
}

using LoadImage = std::expected<std::unique_ptr<Medium>, std::string> (*)(const std::filesystem::path&);
using ExportImage = std::expected<ExportedImage, std::string> (*)(const Disc&, BlockStore&,
                                                                  const std::filesystem::path&, const ExportProgress&);

// One input of a descriptor format (cue, toc, ccd): `text` written as "in.EXT" in `dir` and
// loaded with `load`. What loads passes check_loaded (`rw`: R-W too), and what `save` exports
// of it to "out.EXT" loads again with the same tracks; the exported files are removed after.
inline void check_descriptor(const std::filesystem::path& dir, const std::string& ext,
                             std::span<const std::uint8_t> text, LoadImage load, ExportImage save, bool rw = false) {
    const auto in = dir / ("in." + ext);
    write_input(in, text);
    auto medium = load(in);
    if (!medium) return;
    check_loaded(**medium, rw);
    const auto copy = dir / ("out." + ext);
    auto exported = save((*medium)->disc, *(*medium)->store, copy, {});
    if (!exported) return; // a disc the format does not hold (a track not at LBA 0 ...): said so
    auto again = load(copy);
    if (!again || !same_tracks((*again)->disc, (*medium)->disc)) std::abort();
    for (const auto& f : exported->files) std::filesystem::remove(f);
}

} // namespace spindle::fuzz
