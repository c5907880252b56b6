// Every layout the writing commands leave behind is one the metadata file keeps and reopening
// accepts: a script of WRITE, SYNCHRONIZE CACHE, RESERVE TRACK, CLOSE and BLANK on every
// recordable preset, with the kept disc reopened and compared after each step.
#include "persistence/persistence_fixture.hpp"

#include "scsi/bytes.hpp"
#include "scsi/cdb_read.hpp"
#include "scsi/cdb_write.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {

// Where the next WRITE goes: the NWA of the invisible track, or LBA 0 of random-access media.
std::uint32_t next_writable(TestDrive& t) {
    auto r = t.run(scsi::cdb::read_track_information(scsi::cdb::track_address::track,
                                                     scsi::cdb::track_address::invisible_track, 48),
                   48);
    if (!r.good() || (r.data[7] & 0x01) == 0) return 0;
    return scsi::get_be32(r.data, 12);
}

} // namespace

TEST_CASE("every layout the writing commands produce is saved and reopens identical") {
    TempDir dir;
    int n = 0;
    for (const auto& type : media_types) {
        for (std::string_view state : {"blank", "appendable", "formatted"}) {
            const std::string preset = std::string(state) + " " + std::string(type.name);
            if (!parse_preset(preset)) continue;
            CAPTURE(preset);
            const auto image = dir / ("disc" + std::to_string(n++) + ".img");
            TestDrive t;
            t.drive.load(value_or_fail(make_medium(preset + " image=" + image.string())));
            t.clock.advance(std::chrono::seconds(10));
            t.settled();
            const std::vector<std::uint8_t> data(32 * 2048, 0x5E);
            const std::vector<std::vector<std::uint8_t>> script{
                {},                                      // WRITE at the NWA (built below)
                as_vector(scsi::cdb::reserve_track(64)), // RESERVE TRACK, 64 blocks
                {},                                      // WRITE into it
                as_vector(scsi::cdb::close_track_session(scsi::cdb::close_function::track, 1)), // CLOSE TRACK 1
                as_vector(scsi::cdb::close_track_session(scsi::cdb::close_function::session)),  // CLOSE SESSION
                {},                                                             // WRITE in the next session
                as_vector(scsi::cdb::blank(scsi::cdb::blanking_type::minimal)), // BLANK minimal (rewritable only)
            };
            for (std::size_t step = 0; step < script.size(); ++step) {
                CAPTURE(step);
                if (script[step].empty())
                    (void)t.run(scsi::cdb::write10(next_writable(t), 32), 0, data);
                else
                    (void)t.run(script[step]);
                t.clock.advance(std::chrono::minutes(2)); // long operations end
                (void)t.run(scsi::cdb::test_unit_ready());
                if (!t.run(scsi::cdb::synchronize_cache()).good()) continue;
                auto reopened = open_medium(image);
                REQUIRE_MESSAGE(reopened.has_value(), (reopened ? std::string() : reopened.error()));
                CHECK((*reopened)->disc == t.drive.state().medium->disc);
            }
        }
    }
    CHECK(n >= 15);
}
