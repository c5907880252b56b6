// R-W sub-channels recorded Session At Once, as cdrdao sends a track of sub-channel mode RW_RAW
// (raw, cue data form 40h) or RW (packs, C0h): 2352 + 96 bytes a block (cdrdao GenericMMC::
// subChannelDataForm, writeData). READ CD returns them: raw P-W (001b) with the drive's own P
// and Q, de-interleaved R-W (100b); a track without them reads zero R-W, and they are kept with
// the disc.
#include "emulator/media/cd_subchannel.hpp"
#include "emulator/media/msf.hpp"
#include "persistence/persistence_fixture.hpp"
#include "support/sense_check.hpp"
#include "write/write_fixture.hpp"

#include <functional>

// A named namespace: the unit tests build as one unity source, beside cd_sao_test's helpers.
namespace spindle::test::rw_sao {

constexpr std::size_t audio_bytes = 2352, rw_bytes = 96;
constexpr std::uint8_t raw_rw = 0x40, packed_rw = 0xC0, reserved_rw = 0x80;
constexpr std::uint8_t sub_raw = 1, sub_q = 2, sub_rw = 4;

void timed(std::vector<std::uint8_t>& cue, int tno, int index, int form, std::int64_t lba) {
    const Msf m = lba_to_msf(lba);
    for (const int b : {0x01, tno, index, form, 0, int{m.m}, int{m.s}, int{m.f}})
        cue.push_back(static_cast<std::uint8_t>(b));
}

// Two audio tracks of 400 and 300 blocks, the first (and its pregap) with `first_rw` bits.
std::vector<std::uint8_t> cue_sheet(std::uint8_t first_rw) {
    std::vector<std::uint8_t> cue;
    timed(cue, 0, 0, 0x01, -11634);
    timed(cue, 1, 0, first_rw, -150);
    timed(cue, 1, 1, first_rw, 0);
    timed(cue, 2, 1, 0x00, 400);
    timed(cue, 0xAA, 1, 0x01, 700);
    return cue;
}

Result send_cue(Writer& w, const std::vector<std::uint8_t>& cue) {
    return w.run(scsi::cdb::send_cue_sheet(static_cast<std::uint32_t>(cue.size())), 0, cue);
}

void sao(Writer& w) {
    REQUIRE(w.set_write_parameters([](std::span<std::uint8_t> p) {
                 p[2] = static_cast<std::uint8_t>((p[2] & 0xE0) | 0x02); // SAO
                 p[3] = 0x00;                                            // audio
             }).good());
}

using RwOf = std::function<std::uint8_t(std::int64_t lba, std::size_t byte)>;

// The pregap and track 1 as 2448-byte blocks (`rw(lba, byte)` the R-W bytes, of cue form
// `form`), track 2 as 2352.
void burn(Writer& w, const RwOf& rw, std::uint8_t form = raw_rw) {
    sao(w);
    const auto cue = cue_sheet(form);
    REQUIRE(send_cue(w, cue).good());
    for (std::int64_t lba = -150; lba < 400; lba += 50) {
        std::vector<std::uint8_t> data;
        for (std::int64_t b = lba; b < lba + 50; ++b) {
            data.insert(data.end(), audio_bytes, static_cast<std::uint8_t>(b));
            for (std::size_t j = 0; j < rw_bytes; ++j) data.push_back(rw(b, j));
        }
        const auto r = w.run(scsi::cdb::write10(static_cast<std::uint32_t>(lba), 50), 0, std::move(data));
        REQUIRE_MESSAGE(r.good(), r.sense() << " at " << lba);
    }
    for (std::uint32_t lba = 400; lba < 700; lba += 50)
        REQUIRE(w.run(scsi::cdb::write10(lba, 50), 0, std::vector<std::uint8_t>(50 * audio_bytes, 0x22)).good());
    REQUIRE(w.sync().good());
}

// The R-W a host might send: every byte different across blocks, P and Q bits set as noise
// the drive must not record (they are the drive's own).
std::uint8_t noisy(std::int64_t lba, std::size_t j) {
    return static_cast<std::uint8_t>(0xC0 | ((static_cast<std::size_t>(lba) * 5 + j) & 0x3F));
}

std::vector<std::uint8_t> sub_of(Writer& w, std::uint32_t lba, std::uint8_t selection, std::size_t bytes) {
    const auto r = w.run(
        scsi::cdb::read_cd(static_cast<std::int32_t>(lba), 1, scsi::cdb::read_cd_main::whole_sector, 0, selection),
        audio_bytes + bytes);
    REQUIRE(r.good());
    REQUIRE(r.data.size() == audio_bytes + bytes);
    CHECK(r.data[0] == (lba < 400 ? static_cast<std::uint8_t>(lba) : 0x22)); // the block's own audio before it
    return {r.data.begin() + audio_bytes, r.data.end()};
}

void check_recorded(Writer& w) {
    for (const std::uint32_t lba : {0U, 37U, 399U}) {
        const auto pw = sub_of(w, lba, sub_raw, rw_bytes);
        const auto q = sub_of(w, lba, sub_q, 16);
        for (std::size_t j = 0; j < rw_bytes; ++j) {
            CHECK((pw[j] & 0x3F) == (noisy(lba, j) & 0x3F));
            // Q as the drive makes it: bit 6 of byte j is bit 7 - j % 8 of Q byte j / 8.
            CHECK(((pw[j] >> 6) & 1) == ((q[j / 8] >> (7 - j % 8)) & 1));
            CHECK((pw[j] & 0x80) == 0); // P: inside the track's program
        }
    }
    const auto track2 = sub_of(w, 450, sub_raw, rw_bytes);
    CHECK(std::all_of(track2.begin(), track2.end(), [](std::uint8_t b) { return (b & 0x3F) == 0; }));
    const auto track2_packs = sub_of(w, 450, sub_rw, rw_bytes);
    CHECK(std::all_of(track2_packs.begin(), track2_packs.end(), [](std::uint8_t b) { return b == 0; }));
}

TEST_CASE("SAO raw R-W (form 40h): READ CD raw P-W has the R-W as recorded beside the drive's P and Q") {
    Writer w("blank cd-r");
    burn(w, noisy);
    CHECK((w.disc_information()[2] & 0x03) == 2); // complete
    check_recorded(w);
}

TEST_CASE("raw R-W survive the disc's files: reopened in a new drive") {
    TempDir dir;
    {
        Writer w("blank cd-r image=" + (dir / "disc.img").string());
        burn(w, noisy);
    }
    CHECK(std::filesystem::file_size(dir / "disc.img.rw") >= 400 * rw_bytes);
    auto m = open_medium(dir / "disc.img");
    REQUIRE(m);
    Writer w("blank cd-r");
    w.load(std::move(*m));
    check_recorded(w);
}

TEST_CASE("READ CD's de-interleaved R-W (100b): a symbol recorded at its interleaved place returns to its pack") {
    // Symbol 1 of a block's first pack is recorded 2 packs on, in column 18 (symbols 1 and 18
    // trade places, and column 18 is delayed 18 mod 8 packs): byte 2 * 24 + 18 = 66 of the
    // block's R-W. Symbol 3 of its second pack: column 23, 7 packs on, (1 + 7) * 24 + 23 = 215,
    // byte 23 of the R-W two blocks on. Symbol 0 of its fourth pack is not moved: byte 72.
    const RwOf placed = [](std::int64_t lba, std::size_t j) -> std::uint8_t {
        if (lba == 100 && j == 66) return 0x2A;
        if (lba == 102 && j == 23) return 0x15;
        if (lba == 100 && j == 72) return 0x3F;
        return 0;
    };
    Writer w("blank cd-r");
    burn(w, placed);
    const auto packs = sub_of(w, 100, sub_rw, rw_bytes);
    std::vector<std::uint8_t> expected(rw_bytes, 0);
    expected[0 * 24 + 1] = 0x2A;
    expected[1 * 24 + 3] = 0x15;
    expected[3 * 24 + 0] = 0x3F;
    CHECK(packs == expected);
    for (const std::uint32_t lba : {99U, 101U, 102U}) { // the blocks around hold none of those packs
        const auto other = sub_of(w, lba, sub_rw, rw_bytes);
        CHECK(std::all_of(other.begin(), other.end(), [](std::uint8_t b) { return b == 0; }));
    }
    // And a whole pack laid out by cd::interleaved_offset comes back whole.
    CHECK(cd::interleaved_offset(0, 1) == 66);
    CHECK(cd::interleaved_offset(1, 3) == 96 + 96 + 23);
}

TEST_CASE("packed R-W (C0h): the drive interleaves the packs; READ CD returns them de-interleaved as sent") {
    // Each block's four packs, every symbol its own value (parity symbols are taken as sent).
    const RwOf packs = [](std::int64_t lba, std::size_t j) {
        return static_cast<std::uint8_t>((static_cast<std::size_t>(lba) * 11 + j * 7) & 0x3F);
    };
    Writer w("blank cd-r");
    burn(w, packs, packed_rw);
    for (const std::uint32_t lba : {0U, 100U, 250U, 397U}) {
        const auto back = sub_of(w, lba, sub_rw, rw_bytes);
        for (std::size_t j = 0; j < rw_bytes; ++j) CHECK(back[j] == packs(lba, j));
    }
    // Recorded interleaved: symbol 1 of block 100's first pack in byte 66 of its R-W; symbol 3
    // of its second pack in byte 23 of the R-W two blocks on; symbol 0 of its fourth in byte 72.
    CHECK((sub_of(w, 100, sub_raw, rw_bytes)[66] & 0x3F) == packs(100, 1));
    CHECK((sub_of(w, 102, sub_raw, rw_bytes)[23] & 0x3F) == packs(100, 24 + 3));
    CHECK((sub_of(w, 100, sub_raw, rw_bytes)[72] & 0x3F) == packs(100, 72));
    // The last block's packs reach into the two after the track: READ CD still returns them.
    const auto last = sub_of(w, 399, sub_rw, rw_bytes);
    for (std::size_t j = 0; j < rw_bytes; ++j) CHECK(last[j] == packs(399, j));
}

TEST_CASE("R-W of the reserved form (80h) are refused naming byte 3; so is R-W where 002Eh claims no R-W recording") {
    Writer w("blank cd-r");
    sao(w);
    CHECK(sense_of(send_cue(w, cue_sheet(reserved_rw))) == scsi::sense::invalid_field_in_parameter_list(8 + 3, 7));
    auto profile = default_profile();
    for (auto& f : profile.features)
        if (f.code == 0x002E) f.data[0] &= 0xFE; // R-W recording not claimed
    Writer plain("blank cd-r", profile);
    sao(plain);
    CHECK(sense_of(send_cue(plain, cue_sheet(raw_rw))) == scsi::sense::invalid_field_in_parameter_list(8 + 3, 7));
    auto lead_in_text = cue_sheet(0x00);
    lead_in_text[3] = 0x41; // CD-Text in the lead-in
    CHECK(sense_of(send_cue(plain, lead_in_text)) == scsi::sense::invalid_field_in_parameter_list(3, 7));
    CHECK(send_cue(plain, cue_sheet(0x00)).good());
}

} // namespace spindle::test::rw_sao
