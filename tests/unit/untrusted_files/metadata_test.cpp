// Metadata and presets are checked as strictly as the crash test's
// plausibility check; errors name the file and the field, and nothing is loaded or written.
#include "untrusted_files/untrusted_fixture.hpp"

using namespace spindle;
using namespace spindle::test;
using nlohmann::json;

TEST_CASE("a preset whose sizes wrap near 2^32 blocks is refused, and makes no file") {
    const auto error = [](std::string_view preset) { return error_of(make_medium(preset)); };
    CHECK(contains(error("appendable dvd+r capacity=4294967295 used=4294967290"),
                   "capacity=4294967295: a dvd+r holds at most 16580608 blocks"));
    CHECK(contains(error("appendable dvd+r used=4294967290"), "does not fit a dvd+r of 2295104 blocks"));
    CHECK(contains(error("closed dvd+r capacity=16580608 used=16580600"), "does not fit"));
    CHECK(contains(error("blank cd-r capacity=449851"), "a cd-r holds at most 449850 blocks"));
    CHECK(contains(error("formatted bd-re capacity=62500865"), "a bd-re holds at most 62500864 blocks"));
    const auto big = value_or_fail(make_medium("appendable dvd+r capacity=16580608 used=16578000"));
    CHECK(big->disc.tracks[1].start == 16578000 + 2048);
    TempDir dir;
    CHECK(contains(error("appendable dvd+r used=4294967290 image=" + (dir / "x.img").string()), "does not fit"));
    CHECK_FALSE(std::filesystem::exists(dir / "x.img"));
}

TEST_CASE("a ROM image larger than its kind holds is refused") {
    TempDir dir;
    const auto iso = dir / "big.iso";
    spit(iso, "");
    std::filesystem::resize_file(iso, std::uint64_t{449851} * 2048); // sparse: no disk space
    CHECK(contains(error_of(make_medium("cd-rom from " + iso.string())), "more than a cd-rom holds (449850)"));
}

TEST_CASE("metadata beyond its kind or inconsistent with its tracks is refused naming the file and the field") {
    struct Case {
        std::string preset;
        std::function<void(json&)> edit;
        std::string message;
    };
    const std::vector<Case> cases{
        {"blank dvd+r", [](json& j) { j["capacity_blocks"] = 4294967295u; },
         "capacity_blocks: 4294967295 is more than a dvd+r holds (16580608 blocks at most)"},
        {"blank dvd+r", [](json& j) { j["layer0_capacity"] = 1024; }, "layer0_capacity: a dvd+r has no layer break"},
        {"blank dvd+r-dl", [](json& j) { j["layer0_capacity"] = 4173824; },
         "layer0_capacity: 4173824: expected whole ECC blocks of 16 up to half the capacity (2086912)"},
        {"blank dvd+r", [](json& j) { j["status"] = "complete"; }, "status: complete, but a track is open"},
        {"blank dvd+r", [](json& j) { j["status"] = "other"; }, "status: other"},
        {"appendable dvd+r", [](json& j) { j["status"] = "empty"; }, "status: empty, but the disc holds data"},
        {"appendable dvd+r", [](json& j) { j["last_session"] = "complete"; },
         "last_session: complete on a disc whose status is not"},
        {"appendable dvd+r", [](json& j) { j["tracks"][0]["closed"] = false; },
         "tracks[0]: open in session 1, which a later one follows"},
        {"closed dvd+r", [](json& j) { j["tracks"][0]["recorded"] = 100; },
         "tracks[0]: closed with 100 of its 16384 blocks recorded"},
        {"closed dvd+r", [](json& j) { j["tracks"][0]["recorded"] = 20000; },
         "tracks[0]: recorded 20000 is more than its size 16384"},
        {"formatted dvd+rw", [](json& j) { j["tracks"][0]["size"] = j["tracks"][0]["recorded"] = 1000; },
         "tracks: a formatted dvd+rw is one closed track over its capacity"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.message);
        KeptImage k(c.preset);
        const auto e = k.load_error_after(c.edit);
        CHECK(contains(e, "disc metadata " + k.meta().string() + ": "));
        CHECK(contains(e, c.message));
    }
}

TEST_CASE("every layout the writing commands leave passes the load checks") {
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
                {},                                              // WRITE(10) at the NWA
                as_vector(scsi::cdb::reserve_track(64)),         // RESERVE TRACK, 64 blocks
                {},                                              // WRITE into it
                as_vector(scsi::cdb::close_track_session(1, 1)), // CLOSE TRACK 1
                as_vector(scsi::cdb::close_track_session(2)),    // CLOSE SESSION
                {},                                              // WRITE in the next session
                as_vector(scsi::cdb::blank(1)),                  // BLANK minimal (rewritable only)
            };
            for (std::size_t step = 0; step < script.size(); ++step) {
                CAPTURE(step);
                if (script[step].empty())
                    (void)t.run(scsi::cdb::write10(next_writable(t), 32), 0, data);
                else
                    (void)t.run(script[step]);
                t.clock.advance(std::chrono::minutes(2)); // long operations end
                (void)t.run(as_vector(scsi::cdb::test_unit_ready()));
                if (!t.run(as_vector(scsi::cdb::synchronize_cache())).good()) continue; // SYNCHRONIZE CACHE
                const auto reopened = value_or_fail(open_medium(image));
                const auto ok = validate_disc_state(reopened->disc);
                CHECK_MESSAGE(ok.has_value(), (ok ? std::string() : ok.error()));
            }
        }
    }
    CHECK(n >= 15);
}
