#pragma once
// A served default drive on a virtual clock, the sr device over it, and the discs the tests
// load: an audio CD of raw CD-DA tracks, a CD-ROM image, presets.
#include "emulator/media/presets.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "emulator/targets/served_drive.hpp"
#include "emulator/targets/sr/sr_device.hpp"
#include "support/test_drive.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace spindle::test {

struct SrTempDir {
    SrTempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "spindle-sr-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~SrTempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::filesystem::path path;
};

// Block `i` of an image holds bytes derived from i and the offset, so any misplaced block shows.
inline std::vector<std::uint8_t> pattern_blocks(std::size_t blocks, std::size_t block_size, unsigned seed) {
    std::vector<std::uint8_t> v(blocks * block_size);
    for (std::size_t i = 0; i < v.size(); ++i)
        v[i] = static_cast<std::uint8_t>((i / block_size) * 31 + (i % block_size) * 7 + seed);
    return v;
}

inline void write_bytes(const std::filesystem::path& p, const std::vector<std::uint8_t>& bytes) {
    std::ofstream(p, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

struct SrRig {
    VirtualClock clock;
    ServedDrive drive{"sr0", std::make_unique<Drive>(default_profile(), clock)};
    SrTempDir dir;

    // sr_do_ioctl's 2-second sleeps pass on the virtual clock.
    sr::SrOptions options() {
        sr::SrOptions o;
        o.wait = [this](Duration d) { advance(d); };
        return o;
    }
    void advance(Duration d) {
        drive.with([&](Drive&) { clock.advance(d); });
    }
    std::unique_ptr<Medium> medium(std::string_view preset) {
        auto m = make_medium(preset);
        REQUIRE_MESSAGE(m.has_value(), (m ? std::string() : m.error()));
        return std::move(*m);
    }
    // Opens the tray, swaps the disc and closes it: the drive starts becoming ready.
    void load(std::string_view preset) {
        auto m = medium(preset);
        drive.with([&](Drive& d) {
            d.open_tray();
            d.take_medium();
            d.insert(std::move(m));
            d.close_tray();
        });
    }
    void settle() { advance(std::chrono::seconds(30)); }
    // An audio CD of raw CD-DA tracks of these many blocks.
    std::string audio_cd(std::initializer_list<std::size_t> track_blocks) {
        std::string preset = "cd-da from";
        unsigned n = 0;
        for (auto blocks : track_blocks) {
            const auto p = dir.path / ("track" + std::to_string(++n) + ".raw");
            write_bytes(p, pattern_blocks(blocks, 2352, n));
            preset += " " + p.string();
        }
        return preset;
    }
    // A CD-ROM pressed from `blocks` 2048-byte blocks of pattern_blocks(blocks, 2048, 5).
    std::string rom(std::size_t blocks) {
        const auto p = dir.path / "image.iso";
        write_bytes(p, pattern_blocks(blocks, 2048, 5));
        return "rom from " + p.string();
    }
    Disc disc() {
        return drive.with([](Drive& d) { return d.state().medium->disc; });
    }
    // A command straight to the drive: its data-in bytes (empty on CHECK CONDITION).
    std::vector<std::uint8_t> run(std::vector<std::uint8_t> cdb, std::size_t capacity) {
        std::vector<std::uint8_t> in(capacity);
        const Completion c = drive.execute(Command{cdb, {}, in});
        if (!c.good()) return {};
        in.resize(c.data_in_length);
        return in;
    }
};

// The MSF address cdrom.c gives an LBA (sanitize_format): 150 blocks before LBA 0.
inline cdrom_msf0 msf_of(std::int64_t lba) {
    const auto n = lba + 150;
    return {static_cast<std::uint8_t>(n / 75 / 60), static_cast<std::uint8_t>(n / 75 % 60),
            static_cast<std::uint8_t>(n % 75)};
}

inline cdrom_msf start_msf(std::int64_t lba) {
    const auto m = msf_of(lba);
    cdrom_msf msf{};
    msf.cdmsf_min0 = m.minute;
    msf.cdmsf_sec0 = m.second;
    msf.cdmsf_frame0 = m.frame;
    return msf;
}

} // namespace spindle::test
