// Every layout the writing commands leave behind is one the metadata file keeps and reopening
// accepts: a script of WRITE, SYNCHRONIZE CACHE, RESERVE TRACK, CLOSE and BLANK on every
// recordable preset, with the kept disc reopened and compared after each step.
#include "persistence/persistence_fixture.hpp"

#include "scsi/bytes.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {

std::vector<std::uint8_t> write10(std::uint32_t lba, std::uint16_t count) {
    return bytes({0x2A, 0, static_cast<int>(lba >> 24), static_cast<int>((lba >> 16) & 0xFF),
                  static_cast<int>((lba >> 8) & 0xFF), static_cast<int>(lba & 0xFF), 0, count >> 8, count & 0xFF, 0});
}

// Where the next WRITE goes: the NWA of the invisible track, or LBA 0 of random-access media.
std::uint32_t next_writable(TestDrive& t) {
    auto r = t.run(bytes({0x52, 1, 0, 0, 0, 0xFF, 0, 0, 48, 0}), 48);
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
                {},                                                // WRITE at the NWA (built below)
                bytes({0x53, 0, 0, 0, 0, 0, 0, 0, 0x40, 0}),       // RESERVE TRACK, 64 blocks
                {},                                                // WRITE into it
                bytes({0x5B, 0, 1, 0, 0, 1, 0, 0, 0, 0}),          // CLOSE TRACK 1
                bytes({0x5B, 0, 2, 0, 0, 0, 0, 0, 0, 0}),          // CLOSE SESSION
                {},                                                // WRITE in the next session
                bytes({0xA1, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), // BLANK minimal (rewritable only)
            };
            for (std::size_t step = 0; step < script.size(); ++step) {
                CAPTURE(step);
                if (script[step].empty())
                    (void)t.run(write10(next_writable(t), 32), 0, data);
                else
                    (void)t.run(script[step]);
                t.clock.advance(std::chrono::minutes(2)); // long operations end
                (void)t.run(bytes({0x00, 0, 0, 0, 0, 0}));
                if (!t.run(bytes({0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0})).good()) continue; // SYNCHRONIZE CACHE
                auto reopened = open_medium(image);
                REQUIRE_MESSAGE(reopened.has_value(), (reopened ? std::string() : reopened.error()));
                CHECK((*reopened)->disc == t.drive.state().medium->disc);
            }
        }
    }
    CHECK(n >= 15);
}
