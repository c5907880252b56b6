#pragma once
// A drive with a disc from a media preset, loaded and ready; ROM images written on the fly.
#include "emulator/media/presets.hpp"
#include "support/test_drive.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace spindle::test {

// Block b, byte i of a generated image holds (b * 7 + i) & 0xFF.
inline std::uint8_t image_byte(std::uint32_t block, std::uint32_t i) {
    return static_cast<std::uint8_t>((block * 7 + i) & 0xFF);
}

inline std::filesystem::path make_image(std::uint32_t blocks, std::size_t extra_bytes = 0) {
    static int counter = 0;
    auto path = std::filesystem::temp_directory_path() /
                ("spindle-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".iso");
    std::ofstream f(path, std::ios::binary);
    for (std::uint32_t b = 0; b < blocks; ++b)
        for (std::uint32_t i = 0; i < 2048; ++i) f.put(static_cast<char>(image_byte(b, i)));
    for (std::size_t i = 0; i < extra_bytes; ++i) f.put(0);
    return path;
}

// A generated image file, removed when the test ends.
struct ImageFile {
    explicit ImageFile(std::uint32_t blocks) : path(make_image(blocks)) {}
    ~ImageFile() { std::filesystem::remove(path); }
    std::filesystem::path path;
};

struct LoadedDrive {
    explicit LoadedDrive(std::string_view preset) {
        auto m = make_medium(preset);
        REQUIRE_MESSAGE(m.has_value(), (m ? std::string() : m.error()));
        t.drive.load(std::move(*m));
        t.clock.advance(std::chrono::seconds(10));
        t.settled();
    }
    Result run(std::vector<std::uint8_t> cdb, std::size_t capacity = 4096) { return t.run(std::move(cdb), capacity); }
    Result run(std::vector<std::uint8_t> cdb, std::size_t capacity, std::vector<std::uint8_t> data_out) {
        return t.run(std::move(cdb), capacity, std::move(data_out));
    }
    // The sense of `cdb` sent with `data_out` ("GOOD" when it succeeds).
    FixedSense sense(std::vector<std::uint8_t> cdb, std::vector<std::uint8_t> data_out = {}) {
        return sense_of(t.run(std::move(cdb), 0, std::move(data_out)));
    }
    const Disc& disc() const { return t.drive.state().medium->disc; }
    TestDrive t{DriveProfile{}};
};

// A ROM disc made from a generated image of `blocks` blocks.
struct RomDrive : ImageFile, LoadedDrive {
    explicit RomDrive(std::uint32_t blocks = 10, std::string_view kind = "rom")
        : ImageFile(blocks), LoadedDrive(std::string(kind) + " from " + path.string()) {}
};

// READ TRACK INFORMATION (48 bytes) of address type `type` (0 LBA, 1 track, 2 session).
inline std::vector<std::uint8_t> ti(LoadedDrive& d, std::uint8_t type, std::uint32_t address) {
    return d
        .run(bytes({0x52, type, static_cast<int>(address >> 24), static_cast<int>((address >> 16) & 0xFF),
                    static_cast<int>((address >> 8) & 0xFF), static_cast<int>(address & 0xFF), 0, 0, 48, 0}))
        .data;
}

} // namespace spindle::test
