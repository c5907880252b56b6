// CD Mode 2 written and read back: Track At Once with page 05h data block types 9-13 and the
// XA session format, Session At Once with cue sheet forms 20h and 30h (and whole sectors: 11h,
// 21h, 31h); READ CD's sector types 3, 4 and 5 with every field selection; READ(10) of Form 1
// user data; the refusals. Offsets and sizes are ECMA-130 14.4's and the CD-ROM XA layout's
// (sync 12, header 4, subheader 8, Form 1 2048 + EDC/ECC 280, Form 2 2324 + EDC 4, formless
// 2336), written out here, not taken from the code; EDCs are checked with the CRC of the code's
// own routine only after the media tests proved that routine against a bitwise one
// (media/cd_sector_test.cpp).
#include "emulator/media/cd_sector.hpp"
#include "emulator/media/medium_files.hpp"
#include "emulator/media/msf.hpp"
#include "write/write_fixture.hpp"

#include <filesystem>

using namespace spindle;
using namespace spindle::test;

namespace mode2 {

// Page 05h: Track At Once, data track, `type`, Session Format `format`, subheader bytes 48-51.
Result xa_page(Writer& w, std::uint8_t type, std::uint8_t format = 0x20, std::array<std::uint8_t, 4> sub = {},
               std::uint8_t write_type = 1, std::uint8_t multi = 3) {
    return w.set_write_parameters([&](std::span<std::uint8_t> p) {
        p[2] = static_cast<std::uint8_t>((p[2] & 0xE0) | write_type);
        p[3] = static_cast<std::uint8_t>((multi << 6) | 0x04);
        p[4] = type;
        p[8] = format;
        std::copy(sub.begin(), sub.end(), p.begin() + 48);
    });
}

// `count` host blocks of `size` bytes: byte i of block b is (b * 13 + i) & 0xFF, except the
// subheaders the caller puts in.
std::vector<std::uint8_t> xa_blocks(std::size_t size, std::uint32_t count, std::uint32_t seed = 0) {
    std::vector<std::uint8_t> out(size * count);
    for (std::uint32_t b = 0; b < count; ++b)
        for (std::size_t i = 0; i < size; ++i)
            out[b * size + i] = static_cast<std::uint8_t>(((seed + b) * 13 + i) & 0xFF);
    return out;
}

Result xa_write(Writer& w, std::int64_t lba, std::uint32_t count, std::vector<std::uint8_t> data) {
    auto a = be32_bytes(static_cast<std::uint32_t>(lba));
    return w.run(
        bytes({0x2A, 0, a[0], a[1], a[2], a[3], 0, static_cast<int>(count >> 8), static_cast<int>(count & 0xFF), 0}), 0,
        std::move(data));
}

Result xa_read_cd(Writer& w, std::uint32_t lba, std::uint32_t count, int type, int selection,
                  std::size_t room = 1 << 20) {
    auto a = be32_bytes(lba);
    return w.run(bytes({0xBE, type << 2, a[0], a[1], a[2], a[3], static_cast<int>(count >> 16),
                        static_cast<int>((count >> 8) & 0xFF), static_cast<int>(count & 0xFF), selection, 0, 0}),
                 room);
}

std::uint32_t xa_information(const Result& r) {
    const auto s = r.sense_bytes();
    return std::uint32_t{s[3]} << 24 | std::uint32_t{s[4]} << 16 | std::uint32_t{s[5]} << 8 | s[6];
}

std::uint32_t xa_le32(const std::uint8_t* p) {
    return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 | std::uint32_t{p[3]} << 24;
}

// Sync, and the header of LBA `lba` in BCD with mode 2.
void xa_check_header(const std::uint8_t* s, std::uint32_t lba) {
    const std::uint8_t sync[] = {0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0};
    CHECK(std::equal(std::begin(sync), std::end(sync), s));
    const Msf m = lba_to_msf(lba);
    CHECK(s[12] == ((m.m / 10) << 4 | m.m % 10));
    CHECK(s[13] == ((m.s / 10) << 4 | m.s % 10));
    CHECK(s[14] == ((m.f / 10) << 4 | m.f % 10));
    CHECK(s[15] == 0x02);
}

// A blank CD-R with `count` blocks written TAO with data block type `type` (host blocks of
// `size` bytes), the track and session closed (multi-session: appendable).
void xa_burn(Writer& w, std::uint8_t type, std::size_t size, std::uint32_t count, std::vector<std::uint8_t> data,
             std::array<std::uint8_t, 4> sub = {}) {
    REQUIRE(xa_page(w, type, 0x20, sub).good());
    const auto r = xa_write(w, 0, count, std::move(data));
    REQUIRE_MESSAGE(r.good(), r.sense());
    REQUIRE(size * count > 0);
    REQUIRE(w.close(1, 1).good());
    REQUIRE(w.close(2).good());
}

// Bytes of one block MMC's READ CD table gives for byte 9 `selection` (C2 none), per form:
// Mode 2 formless, Form 1, Form 2.
std::size_t xa_size(int selection, int form) {
    const bool sync = selection & 0x80, user = selection & 0x10, edc = selection & 0x08;
    const int codes = (selection >> 5) & 3;
    const std::size_t sub = form == 0 ? 0 : 8;
    const std::size_t user_bytes[] = {2336, 2048, 2324}, edc_bytes[] = {0, 280, 4};
    const auto f = static_cast<std::size_t>(form);
    return (sync ? 12u : 0u) + (codes & 1 ? 4u : 0u) + (codes & 2 ? sub : 0u) + (user ? user_bytes[f] : 0u) +
           (edc ? edc_bytes[f] : 0u);
}

} // namespace mode2

using namespace mode2;

TEST_CASE("wodim -xa: TAO data block type 10 writes XA Form 1; READ(10) returns the user data, READ CD type 4 the "
          "sectors with page 05h's subheader, an EDC over 16-2071 and the XA session format") {
    Writer w("blank cd-r");
    const auto data = xa_blocks(2048, 20);
    xa_burn(w, 10, 2048, 20, data, {0x01, 0x02, 0x28, 0x00}); // a Form 2 bit the block type overrides
    const auto r = w.read(0, 20);
    REQUIRE(r.good());
    CHECK(r.data == data);
    const auto raw = xa_read_cd(w, 5, 2, 4, 0xF8);
    REQUIRE(raw.good());
    REQUIRE(raw.data.size() == 2 * 2352);
    for (std::uint32_t b = 0; b < 2; ++b) {
        const std::uint8_t* s = raw.data.data() + b * 2352;
        xa_check_header(s, 5 + b);
        const std::uint8_t sub[] = {0x01, 0x02, 0x08, 0x00, 0x01, 0x02, 0x08, 0x00}; // Form 1: bit 5 clear
        CHECK(std::equal(std::begin(sub), std::end(sub), s + 16));
        CHECK(std::equal(data.begin() + (5 + b) * 2048, data.begin() + (6 + b) * 2048, s + 24));
        CHECK(xa_le32(s + 2072) == cd::edc(std::span<const std::uint8_t>(s + 16, 2072 - 16)));
        cd::RawSector zero_header{};
        std::copy(s, s + 2352, zero_header.begin());
        std::fill_n(zero_header.begin() + 12, 4, std::uint8_t{0});
        cd::RawSector parity = zero_header;
        cd::compute_parity(parity);
        CHECK(parity == zero_header); // P and Q as ECMA-130 annex A makes them over the zeroed header
    }
    // READ TRACK INFORMATION: data mode 2; the full TOC's A0 PSEC and READ DISC INFORMATION's
    // disc type: 20h, CD-ROM XA.
    CHECK((w.track_information(1, 1)[6] & 0x0F) == 0x2);
    CHECK(w.disc_information()[8] == 0x20);
    const auto toc = w.run(bytes({0x43, 0, 2, 0, 0, 0, 0, 0x10, 0, 0}), 4096);
    REQUIRE(toc.good());
    REQUIRE(toc.data[4 + 3] == 0xA0);
    CHECK(toc.data[4 + 8] == 1);                              // PMIN: first track
    CHECK(toc.data[4 + 9] == 0x20);                           // PSEC: disc type
    CHECK(xa_read_cd(w, 0, 1, 5, 0x10).sense() == "5/64/00"); // Form 2 expected: none here
    CHECK(xa_read_cd(w, 0, 1, 3, 0x10).sense() == "5/64/00"); // formless expected
    CHECK(xa_read_cd(w, 0, 1, 2, 0x10).sense() == "5/64/00"); // Mode 1 expected
}

TEST_CASE("XA Form 2 (type 12): READ CD type 5 returns 2324 bytes, 2328 with the EDC; type 4 and READ(10) are "
          "ILLEGAL MODE FOR THIS TRACK at the block") {
    Writer w("blank cd-r");
    const auto data = xa_blocks(2324, 10);
    xa_burn(w, 12, 2324, 10, data, {0x00, 0x01, 0x04, 0x00});
    const auto user = xa_read_cd(w, 2, 3, 5, 0x10);
    REQUIRE(user.good());
    CHECK(std::vector<std::uint8_t>(user.data.begin(), user.data.end()) ==
          std::vector<std::uint8_t>(data.begin() + 2 * 2324, data.begin() + 5 * 2324));
    const auto with_edc = xa_read_cd(w, 2, 1, 5, 0x58); // subheader, user data, EDC: 2336
    REQUIRE(with_edc.data.size() == 2336);
    const std::uint8_t sub[] = {0x00, 0x01, 0x24, 0x00, 0x00, 0x01, 0x24, 0x00}; // Form 2 bit set by the type
    CHECK(std::equal(std::begin(sub), std::end(sub), with_edc.data.begin()));
    CHECK(xa_le32(with_edc.data.data() + 8 + 2324) ==
          cd::edc(std::span<const std::uint8_t>(with_edc.data).first(2332)));
    CHECK(xa_read_cd(w, 2, 1, 5, 0x18).data.size() == 2328);
    auto wrong = xa_read_cd(w, 3, 2, 4, 0x10);
    CHECK(wrong.sense() == "5/64/00");
    CHECK(xa_information(wrong) == 3);
    auto r10 = w.read(4, 1);
    CHECK(r10.sense() == "5/64/00");
    CHECK(xa_information(r10) == 4);
}

TEST_CASE("XA mixed (type 13): each sector's form is its submode's; READ CD type 0 returns blocks of both sizes, "
          "types 4 and 5 stop at the first sector of the other form, READ(10) reads the Form 1 ones") {
    Writer w("blank cd-r");
    auto data = xa_blocks(2332, 6);
    for (std::uint32_t b = 0; b < 6; ++b) { // blocks 2 and 3 Form 2, the rest Form 1
        const std::uint8_t submode = b == 2 || b == 3 ? 0x20 : 0x08;
        const std::uint8_t s[] = {0, 0, submode, 0, 0, 0, submode, 0};
        std::copy(std::begin(s), std::end(s), data.begin() + b * 2332);
    }
    xa_burn(w, 13, 2332, 6, data);
    const auto all = xa_read_cd(w, 0, 6, 0, 0x10);
    REQUIRE(all.good());
    CHECK(all.data.size() == 4 * 2048 + 2 * 2324);
    // Block 2 (Form 2) follows two Form 1 blocks: its 2324 bytes are the host's after the subheader.
    CHECK(std::equal(data.begin() + 2 * 2332 + 8, data.begin() + 3 * 2332, all.data.begin() + 2 * 2048));
    CHECK(std::equal(data.begin() + 8, data.begin() + 8 + 2048, all.data.begin()));
    auto f1 = xa_read_cd(w, 0, 6, 4, 0x10);
    CHECK(f1.sense() == "5/64/00");
    CHECK(xa_information(f1) == 2);
    auto f2 = xa_read_cd(w, 2, 4, 5, 0x10);
    CHECK(f2.sense() == "5/64/00");
    CHECK(xa_information(f2) == 4);
    CHECK(xa_read_cd(w, 2, 2, 5, 0x10).data.size() == 2 * 2324);
    CHECK(w.read(4, 2).good());
    auto r10 = w.read(0, 6);
    CHECK(r10.sense() == "5/64/00");
    CHECK(xa_information(r10) == 2);
    // A buffer that ends inside a block: what fits of it, the rest residual.
    const auto cut = xa_read_cd(w, 1, 2, 0, 0x10, 3000);
    REQUIRE(cut.good());
    CHECK(cut.data.size() == 3000);
    CHECK(std::equal(data.begin() + 2 * 2332 + 8, data.begin() + 2 * 2332 + 8 + 952, cut.data.begin() + 2048));
}

TEST_CASE("formless Mode 2 (type 9): READ CD type 3 returns the 2336 bytes as written, with the header 2340; XA "
          "types and READ(10) are ILLEGAL MODE FOR THIS TRACK") {
    Writer w("blank cd-r");
    const auto data = xa_blocks(2336, 8);
    xa_burn(w, 9, 2336, 8, data);
    const auto r = xa_read_cd(w, 0, 8, 3, 0x10);
    REQUIRE(r.good());
    CHECK(r.data == data);
    const auto hdr = xa_read_cd(w, 7, 1, 3, 0x30); // header and user data: contiguous without a subheader
    REQUIRE(hdr.data.size() == 2340);
    CHECK(hdr.data[3] == 0x02);
    CHECK(std::equal(data.begin() + 7 * 2336, data.end(), hdr.data.begin() + 4));
    CHECK((w.track_information(1, 1)[6] & 0x0F) == 0x2);
    for (int type : {2, 4, 5}) CHECK(xa_read_cd(w, 0, 1, type, 0x10).sense() == "5/64/00");
    CHECK(w.read(0, 1).sense() == "5/64/00");
}

TEST_CASE("READ CD of each Mode 2 form returns the bytes MMC's table gives every header code, user data and EDC/ECC "
          "selection") {
    Writer formless("blank cd-r"), form1("blank cd-r"), form2("blank cd-r");
    xa_burn(formless, 9, 2336, 2, xa_blocks(2336, 2));
    xa_burn(form1, 10, 2048, 2, xa_blocks(2048, 2));
    xa_burn(form2, 12, 2324, 2, xa_blocks(2324, 2));
    Writer* writers[] = {&formless, &form1, &form2};
    const int types[] = {3, 4, 5};
    for (int form = 0; form < 3; ++form) {
        CAPTURE(form);
        Writer& w = *writers[form];
        // The whole sector, as the reference for every other selection: fields are cut from it.
        const auto whole = xa_read_cd(w, 1, 1, types[form], 0xF8);
        REQUIRE(whole.data.size() == 2352);
        for (int selection = 0; selection < 0x100; selection += 8) {
            CAPTURE(selection);
            const bool sync = selection & 0x80, user = selection & 0x10, edc = selection & 0x08;
            const int codes = (selection >> 5) & 3;
            const bool header = codes & 1, sub = codes & 2;
            const bool illegal = (sync && !header) || (edc && !user && codes != 0) ||
                                 (form != 0 && header && !sub && user); // XA: the subheader lies between
            const auto r = xa_read_cd(w, 1, 1, types[form], selection);
            if (illegal) {
                CHECK(r.sense() == "5/24/00");
                CHECK(r.sense_bytes()[17] == 9);
                continue;
            }
            REQUIRE(r.good());
            CHECK(r.data.size() == xa_size(selection, form));
            if (selection == 0x58 || selection == 0x18 || selection == 0x10 || selection == 0x40) {
                // Subheader at 16, user data after it, EDC/ECC at the end: a suffix of the sector.
                const std::size_t from = selection == 0x58 || selection == 0x40 ? 16 : (form == 0 ? 16 : 24);
                CHECK(std::equal(r.data.begin(), r.data.end(), whole.data.begin() + static_cast<std::ptrdiff_t>(from)));
            }
            CHECK(xa_read_cd(w, 1, 1, types[form], selection | 0x02).data.size() == r.data.size() + 294);
        }
    }
}

TEST_CASE("XA type 11 takes the host's subheader with 2048 bytes; Mode 2 blocks stay of their kind: another data "
          "block type on the written track is 5/64/00") {
    Writer w("blank cd-r");
    REQUIRE(xa_page(w, 11).good());
    auto data = xa_blocks(2056, 4);
    for (std::uint32_t b = 0; b < 4; ++b) {
        const std::uint8_t s[] = {0x07, 0x03, 0x09, 0x80, 0x07, 0x03, 0x09, 0x80};
        std::copy(std::begin(s), std::end(s), data.begin() + b * 2056);
    }
    REQUIRE(xa_write(w, 0, 4, data).good());
    REQUIRE(xa_page(w, 8).good()); // Mode 1 blocks onto the XA track
    auto r = xa_write(w, 4, 1, xa_blocks(2048, 1));
    CHECK(r.sense() == "5/64/00");
    CHECK(xa_information(r) == 4);
    REQUIRE(xa_page(w, 10).good()); // XA Form 1 again: the same kind of sector
    REQUIRE(xa_write(w, 4, 1, xa_blocks(2048, 1)).good());
    const auto sub = xa_read_cd(w, 1, 1, 4, 0x40);
    CHECK(sub.data == bytes({0x07, 0x03, 0x09, 0x80, 0x07, 0x03, 0x09, 0x80}));
    const auto r10 = w.read(0, 4);
    REQUIRE(r10.good());
    for (std::uint32_t b = 0; b < 4; ++b)
        CHECK(std::equal(data.begin() + b * 2056 + 8, data.begin() + (b + 1) * 2056, r10.data.begin() + b * 2048));
}

TEST_CASE("page 05h refusals name the field: reserved data block types and session formats are 5/26/00; a Mode 2 "
          "block type on an audio track is 5/64/00") {
    Writer w("blank cd-r");
    for (int type : {4, 5, 6, 7, 14, 15}) {
        CAPTURE(type);
        auto r = xa_page(w, static_cast<std::uint8_t>(type));
        CHECK(r.sense() == "5/26/00");
        CHECK(r.sense_bytes()[15] == 0x8B); // SKSV, C/D = 0 (parameter list), BPV, bit 3
        CHECK(scsi::get_be16(r.sense_bytes(), 16) == 8 + 4);
    }
    for (int format : {0x01, 0x30, 0xFF}) {
        CAPTURE(format);
        auto r = xa_page(w, 10, static_cast<std::uint8_t>(format));
        CHECK(r.sense() == "5/26/00");
        CHECK(scsi::get_be16(r.sense_bytes(), 16) == 8 + 8);
    }
    REQUIRE(w.set_write_parameters([](std::span<std::uint8_t> p) {
                 p[3] = 0x00; // audio track
                 p[4] = 9;
             }).good());
    CHECK(xa_write(w, 0, 1, xa_blocks(2336, 1)).sense() == "5/64/00");
}

TEST_CASE("SAO with cue sheet forms 20h (XA) and 30h (formless): 2336-byte blocks from -150; READ CD returns them "
          "with the EDC/ECC the drive recomputed") {
    for (const int form_code : {0x20, 0x30}) {
        const auto form = static_cast<std::uint8_t>(form_code);
        CAPTURE(form);
        Writer w("blank cd-r");
        REQUIRE(xa_page(w, 0, 0x20, {}, 2, 0).good()); // SAO; the block type is the cue sheet's
        std::vector<std::uint8_t> cue;
        const auto entry = [&](std::uint8_t tno, std::uint8_t index, std::uint8_t f, std::int64_t lba) {
            const Msf m = lba_to_msf(lba);
            for (int b : {0x41, static_cast<int>(tno), static_cast<int>(index), static_cast<int>(f), 0,
                          static_cast<int>(m.m), static_cast<int>(m.s), static_cast<int>(m.f)})
                cue.push_back(static_cast<std::uint8_t>(b));
        };
        entry(0, 0, static_cast<std::uint8_t>(form + 4), -150);
        entry(1, 0, form, -150);
        entry(1, 1, form, 0);
        entry(0xAA, 1, static_cast<std::uint8_t>(form + 4), 300);
        REQUIRE(w.run(bytes({0x5D, 0, 0, 0, 0, 0, 0, 0, static_cast<int>(cue.size()), 0}), 0, cue).good());
        auto data = xa_blocks(2336, 300);
        for (std::uint32_t b = 0; b < 300; ++b) { // subheaders: Form 2 on odd blocks
            const std::uint8_t submode = b % 2 == 1 ? 0x20 : 0x08;
            const std::uint8_t s[] = {1, 0, submode, 0, 1, 0, submode, 0};
            std::copy(std::begin(s), std::end(s), data.begin() + b * 2336);
        }
        for (std::int64_t at = -150; at < 0; at += 50) REQUIRE(xa_write(w, at, 50, xa_blocks(2336, 50)).good());
        for (std::uint32_t at = 0; at < 300; at += 30)
            REQUIRE(xa_write(w, at, 30,
                             std::vector<std::uint8_t>(data.begin() + at * 2336, data.begin() + (at + 30) * 2336))
                        .good());
        REQUIRE(w.sync().good());
        CHECK((w.disc_information()[2] & 0x03) == 2);
        CHECK((w.track_information(1, 1)[6] & 0x0F) == 0x2);
        const auto r = xa_read_cd(w, 10, 2, 0, 0xF8);
        REQUIRE(r.good());
        for (std::uint32_t b = 0; b < 2; ++b) {
            const std::uint8_t* s = r.data.data() + b * 2352;
            xa_check_header(s, 10 + b);
            const std::uint8_t* sent = data.data() + (10 + b) * 2336;
            if (form == 0x30) {
                CHECK(std::equal(sent, sent + 2336, s + 16)); // formless: all of it user data
            } else if (b == 0) {                              // Form 1: subheader and data as sent, the EDC recomputed
                CHECK(std::equal(sent, sent + 8 + 2048, s + 16));
                CHECK(xa_le32(s + 2072) == cd::edc(std::span<const std::uint8_t>(s + 16, 2072 - 16)));
            } else { // Form 2
                CHECK(std::equal(sent, sent + 8 + 2324, s + 16));
                CHECK(xa_le32(s + 2348) == cd::edc(std::span<const std::uint8_t>(s + 16, 2348 - 16)));
            }
        }
        if (form == 0x20) {
            CHECK(xa_read_cd(w, 0, 2, 4, 0x10).sense() == "5/64/00");
            CHECK(w.read(10, 1).good());
            CHECK(w.read(10, 2).sense() == "5/64/00");
        } else {
            CHECK(xa_read_cd(w, 0, 2, 3, 0x10).data.size() == 2 * 2336);
        }
    }
}

TEST_CASE("SAO with cue sheet forms 11h, 21h and 31h: whole 2352-byte sectors from the host; the drive keeps what "
          "follows the header and reads back the same sectors") {
    for (const int form_code : {0x11, 0x21, 0x31}) {
        const auto form = static_cast<std::uint8_t>(form_code);
        CAPTURE(form);
        Writer w("blank cd-r");
        REQUIRE(xa_page(w, 0, form == 0x21 ? 0x20 : 0x00, {}, 2, 0).good()); // SAO
        std::vector<std::uint8_t> cue;
        const auto entry = [&](std::uint8_t tno, std::uint8_t index, std::uint8_t f, std::int64_t lba) {
            const Msf m = lba_to_msf(lba);
            for (int b : {0x41, static_cast<int>(tno), static_cast<int>(index), static_cast<int>(f), 0,
                          static_cast<int>(m.m), static_cast<int>(m.s), static_cast<int>(m.f)})
                cue.push_back(static_cast<std::uint8_t>(b));
        };
        const auto by_drive = static_cast<std::uint8_t>((form & 0xF0) | 0x04);
        entry(0, 0, by_drive, -150);
        entry(1, 0, form, -150);
        entry(1, 1, form, 0);
        entry(0xAA, 1, by_drive, 100);
        REQUIRE(w.run(bytes({0x5D, 0, 0, 0, 0, 0, 0, 0, static_cast<int>(cue.size()), 0}), 0, cue).good());
        // The sectors a mastering program builds: Mode 1, XA (Form 2 on odd blocks), formless Mode 2.
        const auto user = xa_blocks(2336, 250, 3);
        std::vector<std::uint8_t> sectors;
        for (std::int32_t lba = -150; lba < 100; ++lba) {
            const auto u = std::span<const std::uint8_t>(user).subspan(static_cast<std::size_t>(lba + 150) * 2336);
            cd::RawSector sector;
            if (form == 0x11) cd::encode_mode1(lba, u.first(2048), sector);
            if (form == 0x31) cd::encode_mode2_formless(lba, u.first(2336), sector);
            if (form == 0x21) {
                const bool form2 = (lba & 1) != 0;
                cd::encode_xa(lba, cd::Subheader{1, 0, static_cast<std::uint8_t>(form2 ? 0x20 : 0x08), 0},
                              u.first(form2 ? 2324 : 2048), sector);
            }
            sectors.insert(sectors.end(), sector.begin(), sector.end());
        }
        for (std::int64_t at = -150; at < 100; at += 25)
            REQUIRE(xa_write(w, at, 25,
                             std::vector<std::uint8_t>(sectors.begin() + (at + 150) * 2352,
                                                       sectors.begin() + (at + 175) * 2352))
                        .good());
        REQUIRE(w.sync().good());
        CHECK((w.disc_information()[2] & 0x03) == 2);
        const auto r = xa_read_cd(w, 0, 100, 0, 0xF8);
        REQUIRE(r.good());
        CHECK(r.data == std::vector<std::uint8_t>(sectors.begin() + 150 * 2352, sectors.end()));
        if (form == 0x11) {
            const auto user_data = w.read(0, 100);
            REQUIRE(user_data.good());
            for (std::uint32_t b = 0; b < 100; ++b)
                CHECK(std::equal(user_data.data.begin() + b * 2048, user_data.data.begin() + (b + 1) * 2048,
                                 user.begin() + (b + 150) * 2336));
        }
    }
}

TEST_CASE("cue sheet data forms the drive does not take are 5/26/00 naming the byte") {
    Writer w("blank cd-r");
    REQUIRE(xa_page(w, 0, 0x20, {}, 2, 0).good());
    for (const int form : {0x12, 0x22, 0x23, 0x32, 0x33, 0x40}) {
        CAPTURE(form);
        std::vector<std::uint8_t> cue =
            bytes({0x41, 0, 0, 0x24, 0, 0, 0, 0, 0x41, 1, 1, form, 0, 0, 2, 0, 0x41, 0xAA, 1, 0x24, 0, 0, 6, 0});
        auto r = w.run(bytes({0x5D, 0, 0, 0, 0, 0, 0, 0, static_cast<int>(cue.size()), 0}), 0, cue);
        CHECK(r.sense() == "5/26/00");
        CHECK(scsi::get_be16(r.sense_bytes(), 16) == 8 + 3);
    }
}

TEST_CASE("a Mode 2 disc's sectors and forms survive a restart: the disc reopened from its files reads the same") {
    const auto dir = std::filesystem::temp_directory_path() / ("spindle-mode2-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto image = dir / "xa.img";
    std::vector<std::uint8_t> before_raw, before_toc;
    Disc layout;
    {
        Writer w("blank cd-r image=" + image.string());
        auto data = xa_blocks(2332, 4);
        data[2 * 2332 + 2] = data[2 * 2332 + 6] = 0x20; // block 2 Form 2
        data[2] = data[6] = data[2332 + 2] = data[2332 + 6] = data[3 * 2332 + 2] = data[3 * 2332 + 6] = 0;
        xa_burn(w, 13, 2332, 4, data);
        before_raw = xa_read_cd(w, 0, 4, 0, 0xF8).data;
        before_toc = w.run(bytes({0x43, 0, 2, 0, 0, 0, 0, 0x10, 0, 0}), 4096).data;
        layout = w.disc();
        REQUIRE(w.sync().good());
    }
    auto reopened = open_medium(image);
    REQUIRE_MESSAGE(reopened.has_value(), (reopened ? std::string() : reopened.error()));
    CHECK((*reopened)->disc == layout);
    CHECK((*reopened)->disc.tracks[0].sectors == DataSectors::Xa);
    CHECK((*reopened)->disc.tracks[0].form2);
    CHECK((*reopened)->disc.tracks[0].session_format == 0x20);
    Writer w("blank cd-r");
    w.load(std::move(*reopened));
    CHECK(xa_read_cd(w, 0, 4, 0, 0xF8).data == before_raw);
    CHECK(w.run(bytes({0x43, 0, 2, 0, 0, 0, 0, 0x10, 0, 0}), 4096).data == before_toc);
    CHECK(xa_read_cd(w, 2, 1, 4, 0x10).sense() == "5/64/00");
    CHECK(w.read(3, 1).good());
    w.t.reset();
    std::filesystem::remove_all(dir);
}
