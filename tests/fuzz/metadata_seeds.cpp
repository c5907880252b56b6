// Writes seeds for the disc metadata harness: the layouts of the media presets as the drive
// keeps them (disc_to_json), each followed by a burn, a close and reads (disc_metadata.cpp's
// steps).
//   fuzz_metadata_seeds OUT_DIR
#include "emulator/media/disc_json.hpp"
#include "emulator/media/presets.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

void save(const std::filesystem::path& dir, std::string name, const std::vector<std::uint8_t>& bytes) {
    for (auto& c : name)
        if (c == ' ' || c == '=') c = '-';
    std::ofstream(dir / name, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

void put16(std::vector<std::uint8_t>& out, std::uint32_t v) {
    out.push_back(static_cast<std::uint8_t>(v >> 8));
    out.push_back(static_cast<std::uint8_t>(v));
}

void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    put16(out, v >> 16);
    put16(out, v & 0xFFFF);
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir);
    const char* presets[] = {"blank dvd+r",
                             "appendable dvd+r used=320",
                             "closed dvd+r used=320",
                             "blank dvd+r-dl",
                             "blank dvd-r",
                             "appendable dvd-r used=320",
                             "blank dvd-rw",
                             "blank cd-r",
                             "appendable cd-r used=300",
                             "blank cd-rw",
                             "blank bd-r",
                             "appendable bd-r used=320",
                             "formatted bd-re capacity=4096",
                             "formatted dvd+rw capacity=4096",
                             "formatted dvd-ram capacity=4096"};
    int written = 0;
    for (const char* text : presets) {
        auto preset = spindle::parse_preset(text);
        if (!preset) return std::fprintf(stderr, "%s\n", preset.error().c_str()), 1;
        auto disc = spindle::make_disc(*preset);
        if (!disc) return std::fprintf(stderr, "%s: %s\n", text, disc.error().c_str()), 1;
        const auto json = spindle::disc_to_json(*disc);
        std::vector<std::uint8_t> in;
        put16(in, static_cast<std::uint32_t>(json.size()));
        in.insert(in.end(), json.begin(), json.end());
        for (int i = 0; i < 4; ++i) in.insert(in.end(), {0, 15}); // WRITE(10) of 16 blocks at the NWA
        in.push_back(2);                                          // SYNCHRONIZE CACHE
        in.push_back(3);                                          // CLOSE TRACK of the last track
        in.push_back(1);
        put16(in, disc->last_track_number());
        in.insert(in.end(), {3, 2, 0, 0}); // CLOSE SESSION
        in.push_back(4);                   // READ(10) of 16 blocks at 0
        put32(in, 0);
        in.push_back(16);
        in.insert(in.end(), {6, 0, 1}); // the disc's and track 1's information, the TOC
        in.push_back(5);                // RESERVE TRACK of 64 blocks, then write it
        put32(in, 64);
        in.insert(in.end(), {0, 31, 2, 7, 10}); // and let time pass
        save(dir, text, in);
        ++written;
    }
    std::printf("%d seeds\n", written);
    return 0;
}
