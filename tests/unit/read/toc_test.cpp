#include "read/read_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {
struct Rom10 : RomDrive {
    Rom10() : RomDrive(10, "cd-rom") {}
};
} // namespace

TEST_CASE("READ TOC format 0 on a ROM: track 1 and the lead-out, in LBA and in MSF") {
    Rom10 d;
    CHECK(d.run(as_vector(scsi::cdb::read_toc(0, 1, 100))).data ==
          bytes({0, 18, 1, 1, 0, 0x14, 1, 0, 0, 0, 0, 0, 0, 0x14, 0xAA, 0, 0, 0, 0, 10}));
    CHECK(d.run(as_vector(scsi::cdb::read_toc(0, 0, 100, true))).data ==
          bytes({0, 18, 1, 1, 0, 0x14, 1, 0, 0, 0, 2, 0, 0, 0x14, 0xAA, 0, 0, 0, 2, 10}));
}

TEST_CASE("READ TOC format 0 from track AAh gives the lead-out only; a track past the last is invalid") {
    Rom10 d;
    CHECK(d.run(as_vector(scsi::cdb::read_toc(0, 0xAA, 100))).data ==
          bytes({0, 10, 1, 1, 0, 0x14, 0xAA, 0, 0, 0, 0, 10}));
    CHECK(sense_of(d.run(as_vector(scsi::cdb::read_toc(0, 2, 100)))) == scsi::sense::invalid_field_in_cdb(6));
}

TEST_CASE("READ TOC honours the allocation length") {
    Rom10 d;
    CHECK(d.run(as_vector(scsi::cdb::read_toc(0, 0, 4))).data == bytes({0, 18, 1, 1}));
}

TEST_CASE("READ TOC format 1 names the first track of the last complete session") {
    Rom10 d;
    CHECK(d.run(as_vector(scsi::cdb::read_toc(1, 0, 12))).data == bytes({0, 10, 1, 1, 0, 0x14, 1, 0, 0, 0, 0, 0}));
}

TEST_CASE("READ TOC of an appendable CD-R lists the closed session only; full TOC adds B0") {
    LoadedDrive d("appendable cd-r used=1000");
    CHECK(d.run(as_vector(scsi::cdb::read_toc(0, 0, 100))).data ==
          bytes({0, 18, 1, 1, 0, 0x14, 1, 0, 0, 0, 0, 0, 0, 0x14, 0xAA, 0, 0, 0, 0x03, 0xE8}));
    CHECK(d.run(as_vector(scsi::cdb::read_toc(1, 0, 100))).data == bytes({0, 10, 1, 1, 0, 0x14, 1, 0, 0, 0, 0, 0}));
    // A0 first track 1; A1 last track 1; A2 lead-out 1000 = 00:15:25; track 1 at 00:02:00;
    // B0: next program area 12400 = 02:47:25, 1 session, last possible lead-out 79:59:74.
    CHECK(d.run(as_vector(scsi::cdb::read_toc(2, 1, 100, true))).data ==
          bytes({0, 57,   1, 1,                              //
                 1, 0x14, 0, 0xA0, 0, 0,  0,  0, 1,  0,  0,  //
                 1, 0x14, 0, 0xA1, 0, 0,  0,  0, 1,  0,  0,  //
                 1, 0x14, 0, 0xA2, 0, 0,  0,  0, 0,  15, 25, //
                 1, 0x14, 0, 1,    0, 0,  0,  0, 0,  2,  0,  //
                 1, 0x54, 0, 0xB0, 2, 47, 25, 1, 79, 59, 74}));
}

TEST_CASE("READ TOC full TOC of a CD-ROM") {
    Rom10 d;
    CHECK(d.run(as_vector(scsi::cdb::read_toc(2, 0, 100, true))).data ==
          bytes({0, 46,   1, 1,                          //
                 1, 0x14, 0, 0xA0, 0, 0, 0, 0, 1, 0, 0,  //
                 1, 0x14, 0, 0xA1, 0, 0, 0, 0, 1, 0, 0,  //
                 1, 0x14, 0, 0xA2, 0, 0, 0, 0, 0, 2, 10, //
                 1, 0x14, 0, 1,    0, 0, 0, 0, 0, 2, 0}));
}

TEST_CASE("READ TOC on a blank disc, full TOC on DVD and ATIP on non-CD are INVALID FIELD IN CDB") {
    CHECK(sense_of(LoadedDrive("blank cd-r").run(bytes({0x43, 0, 0, 0, 0, 0, 0, 0, 100, 0}))) ==
          scsi::sense::invalid_field_in_cdb(2));
    CHECK(sense_of(LoadedDrive("blank dvd+r").run(bytes({0x43, 0, 1, 0, 0, 0, 0, 0, 100, 0}))) ==
          scsi::sense::invalid_field_in_cdb(2));
    LoadedDrive dvd("closed dvd-r used=32");
    CHECK(dvd.run(as_vector(scsi::cdb::read_toc(0, 0, 100))).data ==
          bytes({0, 18, 1, 1, 0, 0x14, 1, 0, 0, 0, 0, 0, 0, 0x14, 0xAA, 0, 0, 0, 0, 32}));
    CHECK(sense_of(dvd.run(as_vector(scsi::cdb::read_toc(2, 0, 100)))) == scsi::sense::invalid_field_in_cdb(2));
    CHECK(sense_of(dvd.run(as_vector(scsi::cdb::read_toc(4, 0, 100)))) == scsi::sense::invalid_field_in_cdb(2));
}

TEST_CASE("READ TOC format 4 gives the ATIP of a CD-R: lead-in 97:26:66, last lead-out 79:59:74") {
    LoadedDrive d("blank cd-r");
    CHECK(d.run(as_vector(scsi::cdb::read_toc(4, 0, 100, true))).data ==
          bytes({0, 26, 0, 0, 0xD0, 0x40, 0x80, 0, 97, 26, 66, 0, 79, 59, 74, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    CHECK(LoadedDrive("blank cd-rw").run(as_vector(scsi::cdb::read_toc(4, 0, 100, true))).data[6] == 0xC0);
}
