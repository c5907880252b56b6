// Every length an initiator sends (allocation, parameter list and transfer lengths) is bounded
// by what was actually transferred: a CDB that claims more than its data-out holds is refused
// or cut to what arrived, and no answer goes past the data-in buffer the initiator offered.
#include "write/write_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

TEST_CASE("SET STREAMING whose parameter list length claims 28 bytes with 10 sent is 5/1A/00") {
    Writer w("blank dvd+r");
    CHECK(w.run(as_vector(scsi::cdb::set_streaming(28)), 0, std::vector<std::uint8_t>(10, 0)).sense() == "5/1A/00");
}

TEST_CASE("SEND OPC INFORMATION whose parameter list length claims an OPC entry that was not sent is 5/1A/00") {
    Writer w("blank dvd+r");
    CHECK(sense_of(w.run(as_vector(scsi::cdb::send_opc_information(false, 12)), 0, bytes({0, 0, 0, 0}))) ==
          sense(0x5, 0x1A, 0x00));
}

TEST_CASE("FORMAT UNIT with a data-out shorter than its header and descriptor is 5/1A/00") {
    Writer w("blank bd-re");
    CHECK(sense_of(w.run(as_vector(scsi::cdb::format_unit()), 0, bytes({0, 0x02, 0, 8, 0, 0}))) ==
          sense(0x5, 0x1A, 0x00));
}

TEST_CASE("MODE SELECT(10) whose parameter list length claims 64 KiB reads only the 8 bytes sent") {
    Writer w("blank dvd+r");
    const auto before = w.run(
        as_vector(scsi::cdb::mode_sense10(scsi::cdb::all_mode_pages, scsi::cdb::PageControl::Current, 0xFFFF)), 65535);
    CHECK(w.run(as_vector(scsi::cdb::mode_select10(0xFFFF)), 0, std::vector<std::uint8_t>(8, 0)).good());
    CHECK(w.run(as_vector(scsi::cdb::mode_sense10(scsi::cdb::all_mode_pages, scsi::cdb::PageControl::Current, 0xFFFF)),
                65535)
              .data == before.data);
}

TEST_CASE("answers stop at the data-in buffer whatever the allocation length says") {
    Writer w("closed dvd+r");
    struct Case {
        std::vector<std::uint8_t> cdb;
        std::size_t buffer;
    };
    const Case cases[] = {
        {as_vector(scsi::cdb::inquiry(255)), 5},                    // INQUIRY
        {as_vector(scsi::cdb::get_configuration(0, 0, 0xFFFF)), 8}, // GET CONFIGURATION
        {as_vector(scsi::cdb::mode_sense10(scsi::cdb::all_mode_pages, scsi::cdb::PageControl::Current, 0xFFFF)),
         4},                                                             // MODE SENSE(10)
        {as_vector(scsi::cdb::read_disc_information(0xFFFF)), 3},        // READ DISC INFORMATION
        {as_vector(scsi::cdb::read_track_information(1, 1, 0xFFFF)), 7}, // READ TRACK INFORMATION
        {as_vector(scsi::cdb::read_toc(0, 0, 0xFFFF)), 2},               // READ TOC
        {as_vector(scsi::cdb::read_format_capacities(0xFFFF)), 6},       // READ FORMAT CAPACITIES
        {as_vector(scsi::cdb::get_performance(0x03, 0xFFFF)), 9},        // GET PERFORMANCE
        {as_vector(scsi::cdb::read_disc_structure(0x00, 0xFFFF)), 10},   // READ DISC STRUCTURE
        {as_vector(scsi::cdb::read10(0, 16)), 2048},                     // READ(10) of 16 blocks
        {as_vector(scsi::cdb::request_sense(255)), 1},                   // REQUEST SENSE
    };
    for (const auto& c : cases) {
        CAPTURE(c.cdb[0]);
        const auto r = w.run(c.cdb, c.buffer);
        REQUIRE(r.good());
        CHECK(r.completion.data_in_length == c.buffer);
        CHECK(r.completion.residual == 0);
    }
}
