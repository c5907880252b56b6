// GET CONFIGURATION of the embedded default profile: well formed, and its Current bits follow
// the medium the drive holds.
#include "support/writer_fixture.hpp"

#include <map>

using namespace spindle;
using namespace spindle::test;

namespace {

struct Parsed {
    std::uint16_t current_profile = 0;
    std::map<std::uint16_t, bool> current; // feature code -> Current bit
    std::vector<std::uint16_t> current_p;  // profiles flagged CurrentP
    std::size_t profiles = 0;
};

// Walks the feature header and descriptors, failing the test on any inconsistency.
Parsed parse(const std::vector<std::uint8_t>& d) {
    Parsed p;
    REQUIRE(d.size() >= 8);
    CHECK(scsi::get_be32(d, 0) == d.size() - 4);
    p.current_profile = scsi::get_be16(d, 6);
    std::size_t at = 8;
    int last = -1;
    while (at < d.size()) {
        REQUIRE(at + 4 <= d.size());
        const auto code = scsi::get_be16(d, at);
        const std::size_t length = d[at + 3];
        CHECK(static_cast<int>(code) > last);
        CHECK(length % 4 == 0);
        REQUIRE(at + 4 + length <= d.size());
        last = code;
        p.current[code] = (d[at + 2] & 0x01) != 0;
        if (code == 0x0000) {
            p.profiles = length / 4;
            for (std::size_t i = at + 4; i < at + 4 + length; i += 4)
                if (d[i + 2] & 0x01) p.current_p.push_back(scsi::get_be16(d, i));
        }
        at += 4 + length;
    }
    return p;
}

std::vector<std::uint8_t> get_all() { return as_vector(scsi::cdb::get_configuration(0, 0, 0xFFFF)); }

} // namespace

TEST_CASE("the default profile's GET CONFIGURATION is well formed and lists every profile, none current") {
    TestDrive t;
    auto r = t.run(get_all(), 0xFFFF);
    REQUIRE(r.good());
    const auto p = parse(r.data);
    CHECK(p.current_profile == 0);
    CHECK(p.profiles == t.drive.profile().profiles.size());
    CHECK(p.current_p.empty());
    CHECK(p.current.at(0x0001));
    CHECK(p.current.at(0x0003));
    CHECK_FALSE(p.current.at(0x001F));
}

TEST_CASE("the default profile with a formatted BD-RE makes BD Read, BD Write and Random Writable current") {
    TestDrive t;
    auto m = disc(MediaKind::BdRe);
    m->disc.formatted = true;
    load_ready(t, std::move(m));
    const auto p = parse(t.run(get_all(), 0xFFFF).data);
    CHECK(p.current_profile == 0x0043);
    CHECK(p.current_p == std::vector<std::uint16_t>{0x0043});
    CHECK(p.current.at(0x0040));
    CHECK(p.current.at(0x0041));
    CHECK(p.current.at(0x0020));
    CHECK_FALSE(p.current.at(0x001F));
    CHECK_FALSE(p.current.at(0x002B));
}

TEST_CASE("the default profile with a CD-R makes the CD features current and the BD ones not") {
    TestDrive t;
    load_ready(t, disc(MediaKind::CdR));
    const auto p = parse(t.run(get_all(), 0xFFFF).data);
    CHECK(p.current_profile == 0x0009);
    CHECK(p.current.at(0x001E));
    CHECK(p.current.at(0x002D));
    CHECK_FALSE(p.current.at(0x0040));
    CHECK_FALSE(p.current.at(0x0041));
}
