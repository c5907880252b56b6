// CD-R Session At Once: SEND CUE SHEET, the pregap at LBA -150, the track's data, SYNCHRONIZE
// CACHE writing the lead-out, as libburn (write.c burn_create_toc_entries, burn_write_session)
// and cdrecord send them.
#include "emulator/media/msf.hpp"
#include "write/write_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {

// One cue sheet descriptor (MMC-6 table 590) at an LBA.
std::vector<std::uint8_t> cue_entry(std::uint8_t ctl_adr, std::uint8_t tno, std::uint8_t index, std::uint8_t form,
                                    std::int64_t lba) {
    const Msf m = lba_to_msf(lba);
    return bytes({ctl_adr, tno, index, form, 0, m.m, m.s, m.f});
}

// libburn's cue sheet for one Mode 1 data track of `blocks`: lead-in (form 14h), track 1
// index 0 at -150 and index 1 at 0 (form 10h), lead-out.
std::vector<std::uint8_t> data_track_cue(std::uint32_t blocks, std::uint8_t form = 0x10) {
    std::vector<std::uint8_t> cue;
    for (const auto& e : {cue_entry(0x41, 0, 0, 0x14, -150), cue_entry(0x41, 1, 0, form, -150),
                          cue_entry(0x41, 1, 1, form, 0), cue_entry(0x41, 0xAA, 1, 0x14, blocks)})
        cue.insert(cue.end(), e.begin(), e.end());
    return cue;
}

Result send_cue(Writer& w, const std::vector<std::uint8_t>& cue, std::size_t size_field = SIZE_MAX) {
    const std::size_t n = size_field == SIZE_MAX ? cue.size() : size_field;
    return w.run(bytes({0x5D, 0, 0, 0, 0, 0, static_cast<int>((n >> 16) & 0xFF), static_cast<int>((n >> 8) & 0xFF),
                        static_cast<int>(n & 0xFF), 0}),
                 0, cue);
}

// WRITEs of 16 blocks (32 KiB, libburn's CD output size) from `lba` (negative: the pregap).
void write_run(Writer& w, std::int64_t lba, std::uint32_t count, std::uint32_t seed) {
    for (std::int64_t at = lba; at < lba + count; at += 16) {
        const auto n = static_cast<std::uint32_t>(std::min<std::int64_t>(16, lba + count - at));
        const auto r = w.write(static_cast<std::uint32_t>(at), n, seed);
        REQUIRE_MESSAGE(r.good(), r.sense() << " at " << at);
    }
}

} // namespace

TEST_CASE("CD-R SAO as libburn writes it: cue sheet, 150 pregap blocks at -150, data, SYNC; the disc is complete") {
    Writer w("blank cd-r");
    REQUIRE(w.set_write_mode(2).good());
    REQUIRE(send_cue(w, data_track_cue(400)).good());
    // The cue sheet's track is laid out: track 1, 400 blocks from LBA 0, reserved.
    const auto ti = w.track_information(1, 1);
    CHECK(scsi::get_be32(ti, 8) == 0);
    CHECK(scsi::get_be32(ti, 24) == 400);
    write_run(w, -150, 144, 9); // libburn flushes after the pregap: 144 + 6 blocks
    write_run(w, -6, 6, 9);
    write_run(w, 0, 400, 1);
    REQUIRE(w.sync().good());
    CHECK((w.disc_information()[2] & 0x03) == 2); // complete
    w.reload();
    CHECK(w.reads_back(0, 400, 1));
    CHECK(w.capacity() == 399);
    CHECK(sense_of(w.write(400, 1)) == sense(0x5, 0x30, 0x05));
}

TEST_CASE("CD-R SAO with Multi-session 11b leaves the disc appendable, the next session 11400 blocks on") {
    Writer w("blank cd-r");
    REQUIRE(w.set_write_mode(2, 3).good());
    REQUIRE(send_cue(w, data_track_cue(300)).good());
    write_run(w, -150, 150, 9);
    write_run(w, 0, 300, 1);
    REQUIRE(w.sync().good());
    CHECK((w.disc_information()[2] & 0x03) == 1); // appendable
    const auto ti = w.track_information(1, 0xFF);
    CHECK(scsi::get_be32(ti, 12) == 300 + 11400);
}

TEST_CASE("CD-R SAO: a pregap of form 14h is the drive's own; the host starts at index 1") {
    Writer w("blank cd-r");
    REQUIRE(w.set_write_mode(2).good());
    auto cue = data_track_cue(300);
    cue[8 + 3] = 0x14; // track 1 index 0: drive-generated
    REQUIRE(send_cue(w, cue).good());
    CHECK(sense_of(w.write(static_cast<std::uint32_t>(-150), 16)) ==
          sense(0x5, 0x21, 0x00).with_information(static_cast<std::uint32_t>(-150)));
    write_run(w, 0, 300, 1);
    REQUIRE(w.sync().good());
    CHECK((w.disc_information()[2] & 0x03) == 2);
}

TEST_CASE("SEND CUE SHEET refused: not in SAO mode or not a CD (5/2C/00), a size that is no multiple of 8 (5/24/00)") {
    Writer tao("blank cd-r");
    CHECK(sense_of(send_cue(tao, data_track_cue(300))) == sense(0x5, 0x2C, 0x00));
    Writer dvd("blank dvd-r");
    REQUIRE(dvd.set_write_mode(2).good());
    CHECK(sense_of(send_cue(dvd, data_track_cue(300))) == sense(0x5, 0x2C, 0x00));
    Writer cd("blank cd-r");
    REQUIRE(cd.set_write_mode(2).good());
    const auto r = send_cue(cd, data_track_cue(300), 30);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_cdb(6));
    CHECK(r.sense_bytes()[17] == 6);
    CHECK(sense_of(cd.write(0, 16)) == sense(0x5, 0x2C, 0x00)); // no cue sheet taken: no SAO write
}

TEST_CASE("Cue sheets the drive refuses name the descriptor byte: a reserved data form, audio as data, a lead-out "
          "past the disc, no lead-in") {
    Writer w("blank cd-r");
    REQUIRE(w.set_write_mode(2).good());
    auto mode2 = data_track_cue(300);
    mode2[16 + 3] = 0x22; // track 1 index 1: a CD-ROM XA form MMC-6 table 593 reserves
    auto r = send_cue(w, mode2);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_parameter_list(19));
    CHECK(r.sense_bytes()[17] == 16 + 3);
    auto audio_as_data = data_track_cue(300);
    audio_as_data[16] = 0x01; // an audio track whose blocks are Mode 1 data
    r = send_cue(w, audio_as_data);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_parameter_list(19));
    CHECK(r.sense_bytes()[17] == 16 + 3);
    r = send_cue(w, data_track_cue(w.disc().capacity_blocks + 1));
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_parameter_list(29));
    CHECK(r.sense_bytes()[17] == 24 + 5);
    auto no_lead_in = data_track_cue(300);
    no_lead_in.erase(no_lead_in.begin(), no_lead_in.begin() + 8);
    CHECK(sense_of(send_cue(w, no_lead_in)) == scsi::sense::invalid_field_in_parameter_list(1));
    REQUIRE(send_cue(w, data_track_cue(300)).good()); // nothing was laid out by the refused ones
}

TEST_CASE("CD-R SAO: pregap blocks out of order are 5/21/02") {
    Writer w("blank cd-r");
    REQUIRE(w.set_write_mode(2).good());
    REQUIRE(send_cue(w, data_track_cue(300)).good());
    CHECK(sense_of(w.write(static_cast<std::uint32_t>(-100), 16)) ==
          sense(0x5, 0x21, 0x02).with_information(static_cast<std::uint32_t>(-100)));
    CHECK(w.write(static_cast<std::uint32_t>(-150), 16).good());
}

TEST_CASE("CD-R SAO as cdrecord writes it: 31-block WRITEs from -150, one of them across LBA 0") {
    Writer w("blank cd-r");
    REQUIRE(w.set_write_mode(2).good());
    REQUIRE(send_cue(w, data_track_cue(310)).good());
    for (std::int64_t at = -150; at < 310; at += 31) {
        const auto n = static_cast<std::uint32_t>(std::min<std::int64_t>(31, 310 - at));
        const auto r = w.write(static_cast<std::uint32_t>(at), n, 1);
        REQUIRE_MESSAGE(r.good(), r.sense() << " at " << at);
    }
    REQUIRE(w.sync().good());
    w.reload();
    // Pattern blocks are numbered by the LBA they were sent for: block 0 is the one after the pregap.
    CHECK(w.reads_back(0, 310, 1));
}
