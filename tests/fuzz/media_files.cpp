// The parsers of what a person hands the emulator to make a disc: sound files (WAV or raw
// CD-DA, media/audio_files.hpp) and media presets (media/presets.hpp parse_preset, then the
// layout make_disc builds from one).
//
// An input:
//   byte    what follows: even, a sound file; odd, a preset
//   sound file: byte the first LBA (* 1000), then the file's bytes. It is copied into a store
//           in memory; a raw file (not RIFF/WAVE) is copied as it is, its last block padded
//           with silence, and a pressed CD made of the track is a valid disc.
//   preset: u32 the blocks of the source image, byte tracks (modulo 8) and u32 blocks for
//           each (a cd-da preset's sound files), then the preset's text. A layout make_disc
//           builds is a disc a real one can be in (tests/crash/disc_plausibility.hpp).
#include "crash/disc_plausibility.hpp"
#include "emulator/media/audio_files.hpp"
#include "emulator/media/presets.hpp"
#include "fuzz_input.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using namespace spindle;

// Audio blocks in memory, as written.
class MemoryStore final : public BlockStore {
public:
    bool read(std::uint32_t, std::span<std::uint8_t> out) override {
        std::ranges::fill(out, std::uint8_t{0});
        return true;
    }
    bool write(std::uint32_t, std::span<const std::uint8_t>) override { return true; }
    bool flush() override { return true; }
    bool write_audio(std::uint32_t lba, std::span<const std::uint8_t> in) override {
        if (in.size() % audio_block_size != 0) std::abort(); // whole blocks only
        for (std::size_t at = 0; at < in.size(); at += audio_block_size, ++lba)
            audio[lba].assign(in.begin() + static_cast<std::ptrdiff_t>(at),
                              in.begin() + static_cast<std::ptrdiff_t>(at + audio_block_size));
        return true;
    }
    std::map<std::uint32_t, std::vector<std::uint8_t>> audio;
};

// One file the inputs are written to, removed at exit.
struct SoundFile {
    std::string path;
    int fd = -1;
    SoundFile() {
        path = (std::filesystem::temp_directory_path() / "spindle-fuzz-sound-XXXXXX").string();
        fd = ::mkstemp(path.data());
        if (fd < 0) std::abort();
    }
    ~SoundFile() {
        ::close(fd);
        ::unlink(path.c_str());
    }
    void hold(std::span<const std::uint8_t> bytes) const {
        if (::ftruncate(fd, 0) != 0) std::abort();
        for (std::size_t done = 0; done < bytes.size();) {
            const auto n = ::pwrite(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
            if (n <= 0) std::abort();
            done += static_cast<std::size_t>(n);
        }
    }
};

// (Its round trip through disc_json is disc_metadata's to check: it would take most of the time here.)
void check_disc(const Disc& disc) {
    if (!crash::implausible(disc).empty()) std::abort();
}

void sound_file(fuzz::FuzzInput& in) {
    static const SoundFile file;
    const std::uint32_t first = std::uint32_t{in.byte()} * 1000;
    const auto bytes = in.rest();
    file.hold(bytes);
    MemoryStore store;
    const auto blocks = copy_audio_file(file.path, store, first);
    if (!blocks) return;
    // What was stored: `blocks` blocks from the first LBA on, back to back.
    if (*blocks == 0 || store.audio.size() != *blocks || store.audio.begin()->first != first ||
        store.audio.rbegin()->first != first + *blocks - 1)
        std::abort();
    const bool wave = bytes.size() >= 12 && std::memcmp(bytes.data(), "RIFF", 4) == 0 &&
                      std::memcmp(bytes.data() + 8, "WAVE", 4) == 0;
    if (!wave) { // raw CD-DA: the bytes as they are, then silence to the block's end
        std::vector<std::uint8_t> stored;
        for (const auto& [lba, block] : store.audio) stored.insert(stored.end(), block.begin(), block.end());
        if (stored.size() < bytes.size() || stored.size() - bytes.size() >= BlockStore::audio_block_size ||
            !std::equal(bytes.begin(), bytes.end(), stored.begin()) ||
            !std::all_of(stored.begin() + static_cast<std::ptrdiff_t>(bytes.size()), stored.end(),
                         [](std::uint8_t b) { return b == 0; }))
            std::abort();
    }
    MediumPreset preset;
    preset.state = PresetState::Audio;
    preset.kind = MediaKind::CdRom;
    const std::uint32_t track[1] = {*blocks};
    if (auto disc = make_disc(preset, 0, track)) check_disc(*disc);
}

void preset_text(fuzz::FuzzInput& in) {
    const auto image_blocks = in.u32();
    std::vector<std::uint32_t> tracks(in.byte() % 8);
    for (auto& t : tracks) t = in.u32();
    auto preset = parse_preset(in.text(in.remaining()));
    if (!preset) return;
    // A cd-da preset's tracks are its sound files' lengths; other presets have none.
    tracks.resize(preset->state == PresetState::Audio ? preset->tracks.size() : 0, 1);
    if (auto disc = make_disc(*preset, image_blocks, tracks)) check_disc(*disc);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput in(data, size);
    if (in.byte() % 2 == 0)
        sound_file(in);
    else
        preset_text(in);
    return 0;
}
