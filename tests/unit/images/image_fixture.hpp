#pragma once
// What the disc image tests share: bytes and CD sectors to build images from, files written
// and read back whole, what a drive reads of a loaded image (READ(10), READ CD, READ TOC), data
// tracks of each sector form checked as read back, and a CD burned Track At Once to export.
#include "emulator/media/cd_sector.hpp"
#include "write/write_fixture.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <vector>

namespace spindle::test {

using Bytes = std::vector<std::uint8_t>;

// `n` bytes of a pattern of `seed`: two seeds give different bytes.
inline Bytes seeded_bytes(std::size_t n, unsigned seed) {
    Bytes v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint8_t>((i * 7 + seed * 13 + i / 251) & 0xFF);
    return v;
}

inline void write_file(const std::filesystem::path& p, const Bytes& data) {
    std::ofstream(p, std::ios::binary)
        .write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
}

inline Bytes read_file(const std::filesystem::path& p) {
    Bytes b(std::filesystem::file_size(p));
    std::ifstream(p, std::ios::binary).read(reinterpret_cast<char*>(b.data()), static_cast<std::streamsize>(b.size()));
    return b;
}

// `n` bytes of `v` from byte `at`.
inline Bytes slice(const Bytes& v, std::size_t at, std::size_t n) {
    return {v.begin() + static_cast<std::ptrdiff_t>(at), v.begin() + static_cast<std::ptrdiff_t>(at + n)};
}

// `v` with the two bytes of each sample swapped: big-endian audio made little-endian, or back.
inline Bytes swapped(Bytes v) {
    for (std::size_t i = 0; i + 1 < v.size(); i += 2) std::swap(v[i], v[i + 1]);
    return v;
}

// Whole Mode 1 sectors from `lba` on holding `user`, 2048 bytes each, back to back.
inline Bytes mode1_sectors(std::uint32_t lba, const Bytes& user) {
    Bytes out;
    cd::RawSector s;
    for (std::size_t i = 0; i * 2048 < user.size(); ++i) {
        cd::encode_mode1(static_cast<std::int32_t>(lba + i), slice(user, i * 2048, 2048), s);
        out.insert(out.end(), s.begin(), s.end());
    }
    return out;
}

// The same as XA Form 1 sectors (subheader: file 0, channel 0, data), each from its byte `from`
// on (16: without sync and header, as 2336-byte sectors are kept).
inline Bytes xa_sectors(std::uint32_t lba, const Bytes& user, std::size_t from = 0) {
    Bytes out;
    cd::RawSector s;
    for (std::size_t i = 0; i * 2048 < user.size(); ++i) {
        cd::encode_xa(static_cast<std::int32_t>(lba + i), cd::Subheader{0, 0, 0x08, 0}, slice(user, i * 2048, 2048), s);
        out.insert(out.end(), s.begin() + static_cast<std::ptrdiff_t>(from), s.end());
    }
    return out;
}

// READ CD of `count` whole sectors from `lba`; with `sub` 1 (raw P-W) each followed by its 96
// sub-channel bytes.
inline Bytes whole_sectors(Writer& w, std::uint32_t lba, std::uint32_t count, std::uint8_t sub = 0) {
    const std::size_t block = 2352 + (sub == 0 ? 0 : 96);
    const auto r =
        w.run(scsi::cdb::read_cd(static_cast<std::int32_t>(lba), count, scsi::cdb::read_cd_main::whole_sector, 0, sub),
              std::size_t{count} * block);
    REQUIRE_MESSAGE(r.good(), r.sense() << " at " << lba);
    return r.data;
}

// READ(10) of `count` blocks from `lba`: their user data.
inline Bytes user_data(Writer& w, std::uint32_t lba, std::uint32_t count) {
    const auto r = w.read(lba, count);
    REQUIRE_MESSAGE(r.good(), r.sense() << " at " << lba);
    return r.data;
}

// READ TOC of `format` (scsi::cdb::toc_format), up to 804 bytes.
inline Bytes toc_answer(Writer& w, std::uint8_t format) {
    const auto r = w.run(scsi::cdb::read_toc(format, 0, 804), 804);
    REQUIRE(r.good());
    return r.data;
}

// Three data tracks of 20 blocks holding the same user data, as images keep them: whole Mode 1
// sectors (LBA 0), whole XA Form 1 sectors (LBA 20), and XA Form 1 sectors without sync and
// header, 2336 bytes each (LBA 40).
struct DataTracks {
    Bytes user = seeded_bytes(20 * 2048, 3);
    Bytes mode1 = mode1_sectors(0, user), xa = xa_sectors(20, user), xa_after = xa_sectors(40, user, 16);

    // `w` reads them as the image holds them: READ(10) the user data of each, READ CD the whole
    // sectors, those of the 2336-byte ones with their sync and header made.
    void check_reads(Writer& w) const {
        for (const std::uint32_t first : {0U, 20U, 40U}) CHECK(user_data(w, first, 20) == user);
        CHECK(whole_sectors(w, 0, 20) == mode1);
        CHECK(whole_sectors(w, 20, 20) == xa);
        const auto rebuilt = whole_sectors(w, 40, 20);
        for (std::uint32_t i = 0; i < 20; ++i) {
            CHECK(slice(rebuilt, i * 2352 + 16, 2336) == slice(xa_after, i * 2336, 2336));
            CHECK(rebuilt[i * 2352 + 15] == 2); // the header's mode byte
        }
    }
};

// Burns the blank CD-R in `w` Track At Once: a data track of 300 pattern blocks, closed with its
// run-out, then `audio` (whole blocks) as an audio track after the pause, and closes the
// session. Returns where the audio track starts.
inline std::uint32_t burn_track_at_once(Writer& w, const Bytes& audio) {
    const auto tao = [&](bool audio_track) {
        return w.set_write_parameters([&](std::span<std::uint8_t> p) {
            p[2] = static_cast<std::uint8_t>((p[2] & 0xE0) | 0x01);
            p[3] = audio_track ? 0x0 : 0x4;
            p[4] = audio_track ? 0x00 : 0x08;
        });
    };
    REQUIRE(tao(false).good());
    REQUIRE(w.write(0, 300).good());
    REQUIRE(w.close(1, 1).good());
    REQUIRE(tao(true).good());
    const auto nwa = w.disc().tracks.back().start;
    REQUIRE(w.run(scsi::cdb::write10(nwa, static_cast<std::uint16_t>(audio.size() / 2352)), 0, audio).good());
    REQUIRE(w.close(2).good());
    return nwa;
}

} // namespace spindle::test
