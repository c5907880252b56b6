// READ DISC INFORMATION, READ TRACK INFORMATION, READ TOC and READ CAPACITY describe the same
// layout for every preset.
#include "read/read_fixture.hpp"

#include "scsi/bytes.hpp"

using namespace spindle;
using namespace spindle::test;

TEST_CASE("disc information, track information, TOC and capacity agree for every preset") {
    for (const auto& t : media_types) {
        for (std::string state : {"blank", "appendable", "closed", "formatted"}) {
            const std::string preset = state + " " + std::string(t.name);
            if (!parse_preset(preset)) continue;
            CAPTURE(preset);
            LoadedDrive d(preset);
            const auto di = d.run(as_vector(scsi::cdb::read_disc_information(34))).data;
            REQUIRE(di.size() == 34);
            const unsigned status = di[2] & 3u;
            const unsigned sessions = di[4];
            const unsigned last_track = di[6];
            CHECK(sessions == d.disc().session_count());
            // The last track of the last session exists, belongs to that session, and the
            // session TI by session number starts at the first track of that session.
            const auto last = ti(d, 1, last_track);
            REQUIRE(last.size() == 48);
            CHECK(last[3] == sessions);
            CHECK(ti(d, 2, sessions)[2] == di[5]);
            const auto capacity = d.run(as_vector(scsi::cdb::read_capacity()), 8).data;
            const std::uint32_t last_lba = scsi::get_be32(capacity, 0);
            const auto toc = d.run(as_vector(scsi::cdb::read_toc(0, 0, 255)));
            if (status == 0) { // blank: no TOC, nothing readable, the invisible/empty track is blank
                CHECK(sense_of(toc) == scsi::sense::invalid_field_in_cdb(2));
                CHECK(last_lba == 0);
                CHECK((last[6] & 0x40) != 0);
            } else {
                REQUIRE(toc.good());
                const std::uint32_t lead_out = scsi::get_be32(toc.data, toc.data.size() - 4);
                if (!d.disc().random_access()) CHECK(lead_out == last_lba + 1);
                CHECK(d.run(bytes({0x28, 0, static_cast<int>(last_lba >> 24), static_cast<int>((last_lba >> 16) & 0xFF),
                                   static_cast<int>((last_lba >> 8) & 0xFF), static_cast<int>(last_lba & 0xFF), 0, 0, 1,
                                   0}),
                            2048)
                          .good());
            }
            if (status == 1) { // appendable: the invisible track is the last track, its NWA is its start
                const auto inv = ti(d, 1, 0xFF);
                CHECK(inv == last);
                CHECK((inv[7] & 1) == 1);
                CHECK(scsi::get_be32(inv, 12) == scsi::get_be32(inv, 8));
                CHECK(scsi::get_be32(inv, 8) + scsi::get_be32(inv, 16) == d.disc().capacity_blocks);
            }
            if (status == 2) CHECK(ti(d, 1, 0xFF).empty());
        }
    }
}
