// After every writing command, READ DISC INFORMATION, READ TRACK INFORMATION, READ TOC, READ
// CAPACITY, GET CONFIGURATION and READ FORMAT CAPACITIES describe the same disc.
#include "write/write_fixture.hpp"

#include <functional>

using namespace spindle;
using namespace spindle::test;

namespace {

void check_agreement(Writer& w) {
    const auto di = w.disc_information();
    REQUIRE(di.size() == 34);
    const unsigned status = di[2] & 3u;
    const unsigned sessions = di[4];
    CHECK(sessions == w.disc().session_count());
    const auto last = w.track_information(1, di[6]);
    REQUIRE(last.size() == 48);
    CHECK(last[3] == sessions);
    CHECK(w.current_profile() == w.disc().type().profile);
    const std::uint32_t last_lba = w.capacity();
    const auto inv = w.track_information(1, 0xFF);
    if (status == 1 && !w.disc().random_access()) {
        REQUIRE(inv.size() == 48);
        CHECK(inv == last);
        // NWA = start + recorded; free blocks reach the end of the disc
        CHECK(scsi::get_be32(inv, 12) == scsi::get_be32(inv, 8) + w.disc().invisible_track()->recorded);
        CHECK(scsi::get_be32(inv, 12) + scsi::get_be32(inv, 16) == w.disc().capacity_blocks);
    }
    if (status == 2) CHECK(inv.empty());
    const auto toc = w.run(as_vector(scsi::cdb::read_toc(0, 0, 255)), 255);
    if (w.disc().complete_session_count() > 0 || w.disc().random_access()) {
        REQUIRE(toc.good());
        if (!w.disc().random_access() && status == 2)
            CHECK(scsi::get_be32(toc.data, toc.data.size() - 4) == last_lba + 1);
    }
    if (w.disc().last_recorded_lba()) { // READ CAPACITY's block reads, unless it is a TAO track's run-out
        const Track* t = w.disc().track_containing(last_lba);
        const std::uint32_t run_out = t != nullptr ? t->run_out : 0;
        CHECK(w.read(last_lba, 1).good() == (run_out == 0));
        if (run_out > 0) CHECK(w.read(last_lba - run_out, 1).good());
    }
    const auto rfc = w.run(as_vector(scsi::cdb::read_format_capacities(252)), 252).data;
    REQUIRE(rfc.size() >= 12);
    if (w.disc().random_access()) CHECK(scsi::get_be32(rfc, 4) == w.disc().capacity_blocks);
}

} // namespace

TEST_CASE("Every step of a DVD+R, BD-R, DVD-R, CD-R burn leaves the reports in agreement") {
    struct Step {
        const char* what;
        std::function<Result(Writer&)> run;
    };
    for (const char* preset : {"blank dvd+r", "blank bd-r", "blank dvd-r", "blank cd-r", "blank dvd+r-dl"}) {
        CAPTURE(preset);
        Writer w(preset);
        // Page 05h as burners send it; a new drive starts from its defaults, so after each reload too.
        auto prepare = [](Writer& x) {
            if (x.disc().type().family == MediaFamily::Cd) REQUIRE(x.set_write_mode(1, 3).good());
            if (incremental_kind(x.disc().kind)) REQUIRE(x.set_write_mode(0, 3).good());
        };
        prepare(w);
        const std::vector<Step> steps{
            {"reserve", [](Writer& x) { return x.reserve(64); }},
            {"fill reservation", [](Writer& x) { return x.write(0, 64); }},
            {"write open track", [](Writer& x) { return x.write(64, 48); }},
            {"sync", [](Writer& x) { return x.sync(); }},
            {"close track", [](Writer& x) { return x.close(1, 2); }},
            {"close session", [](Writer& x) { return x.close(2); }},
        };
        check_agreement(w);
        for (const auto& s : steps) {
            CAPTURE(s.what);
            const auto r = s.run(w);
            REQUIRE_MESSAGE(r.good(), r.sense());
            check_agreement(w);
            w.reload();
            prepare(w);
            check_agreement(w);
        }
    }
}

TEST_CASE("Formatting and blanking leave the reports in agreement") {
    Writer rw("blank dvd+rw");
    check_agreement(rw);
    REQUIRE(rw.format(0x26, 0xFFFFFFFF).good());
    check_agreement(rw);
    REQUIRE(rw.close(2).good());
    check_agreement(rw);
    Writer bd("blank bd-re");
    REQUIRE(bd.format(0x30, 11'826'176, 0x3000, 3).good());
    check_agreement(bd);
    Writer cd("blank cd-rw");
    REQUIRE(cd.set_write_mode(1, 3).good());
    REQUIRE(cd.write(0, 300).good());
    check_agreement(cd);
    REQUIRE(cd.close(2).good());
    check_agreement(cd);
    REQUIRE(cd.blank(1).good());
    check_agreement(cd);
}
