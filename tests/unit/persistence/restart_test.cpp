// Restarting the emulator: the Drive and the Medium are destroyed, the disc is reopened from
// its files, and every structure the drive reports and every byte of data reads back the same.
#include "emulator/media/disc_writer.hpp"
#include "persistence/persistence_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {

// What a host sees of a disc: the answers to every read-side command that describes it.
std::vector<std::vector<std::uint8_t>> observe(TestDrive& t, std::uint32_t data_blocks) {
    std::vector<std::vector<std::uint8_t>> seen;
    auto keep = [&](std::vector<std::uint8_t> cdb, std::size_t capacity) {
        auto r = t.run(std::move(cdb), capacity);
        const auto sense = r.sense(); // an answer that is an error must be the same error
        r.data.insert(r.data.end(), sense.begin(), sense.end());
        seen.push_back(std::move(r.data));
    };
    keep(as_vector(scsi::cdb::read_disc_information(0x1000)), 4096); // READ DISC INFORMATION
    for (int track : {1, 2, 0xFF})                                   // READ TRACK INFORMATION
        keep(as_vector(scsi::cdb::read_track_information(scsi::cdb::track_address::track,
                                                         static_cast<std::uint32_t>(track), 0x1000)),
             4096);
    for (const std::uint8_t format :
         {scsi::cdb::toc_format::toc, scsi::cdb::toc_format::session_info, scsi::cdb::toc_format::full_toc})
        keep(as_vector(scsi::cdb::read_toc(format, 0, 0x1000)), 4096); // READ TOC
    keep(as_vector(scsi::cdb::read_capacity()), 8);                    // READ CAPACITY
    keep(as_vector(scsi::cdb::read_format_capacities(0x1000)), 4096);  // READ FORMAT CAPACITIES
    keep(as_vector(scsi::cdb::read10(0, static_cast<std::uint16_t>(data_blocks))),
         data_blocks * 2048); // READ(10) of everything written
    return seen;
}

void load_ready(TestDrive& t, std::unique_ptr<Medium> m) {
    t.drive.load(std::move(m));
    t.clock.advance(std::chrono::seconds(10));
    t.settled();
}

// A CD-R written as a drive writes it: 100 blocks in track 1, closed with its session, and
// the second session's invisible track opened after the session gap.
void write_first_session(Medium& m) {
    for (std::uint32_t b = 0; b < 100; ++b) {
        std::vector<std::uint8_t> block(2048);
        for (std::uint32_t i = 0; i < 2048; ++i) block[i] = image_byte(b, i);
        REQUIRE(m.store->write(b, block));
    }
    Track first = m.disc.tracks[0];
    first.size = first.recorded = 100;
    first.invisible = false;
    first.closed = true;
    first.data_mode = 0x1;
    Track second = m.disc.tracks[0];
    second.number = second.session = 2;
    second.start = 100 + session_gap(m.disc.kind, 1);
    second.size = m.disc.capacity_blocks - second.start;
    m.disc.tracks = {first, second};
    m.disc.status = DiscStatus::Incomplete;
    m.disc.last_session = SessionState::Empty;
    m.disc.disc_id = 0x1234;
    m.layout_changed();
    REQUIRE_FALSE(m.unsaved);
}

} // namespace

TEST_CASE("restart: a disc written in one drive reads back identical in a new drive from its files") {
    TempDir dir;
    const auto image = dir / "disc.img";
    std::vector<std::vector<std::uint8_t>> before;
    Disc layout_before;
    {
        TestDrive t;
        auto m = value_or_fail(make_medium("blank cd-r image=" + image.string()));
        write_first_session(*m);
        layout_before = m->disc;
        load_ready(t, std::move(m));
        before = observe(t, 100);
    } // the drive and the disc are gone: the emulator stopped
    TestDrive t;
    load_ready(t, value_or_fail(open_medium(image)));
    CHECK(t.drive.state().medium->disc == layout_before);
    const auto after = observe(t, 100);
    REQUIRE(after.size() == before.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        CAPTURE(i);
        CHECK(after[i] == before[i]);
    }
    CHECK(after.back()[2048 * 57 + 9] == image_byte(57, 9));
}

TEST_CASE("data-only layout changes wait for a flush point; destroying the disc is one") {
    TempDir dir;
    const auto image = dir / "disc.img";
    auto m = value_or_fail(make_medium("blank dvd+r image=" + image.string()));
    m->disc.tracks[0].recorded = 16;
    m->layout_changed(LayoutChange::Data);
    CHECK(m->unsaved);
    CHECK(value_or_fail(open_medium(image))->disc.tracks[0].recorded == 0); // as after a crash now
    REQUIRE(flush_medium(*m));
    CHECK_FALSE(m->unsaved);
    CHECK(value_or_fail(open_medium(image))->disc.tracks[0].recorded == 16);
    m->disc.tracks[0].recorded = 32;
    m->layout_changed(LayoutChange::Data);
    m.reset(); // a clean stop
    CHECK(value_or_fail(open_medium(image))->disc.tracks[0].recorded == 32);
}

TEST_CASE("a DVD+RW background format running when the drive stopped comes back stopped, to be restarted") {
    TempDir dir;
    const auto image = dir / "disc.img";
    auto m = value_or_fail(make_medium("blank dvd+rw image=" + image.string()));
    DiscWriter(*m).format_random(MediaKind::DvdPlusRw, m->disc.capacity_blocks, BackgroundFormat::Running);
    m.reset(); // a clean stop; a kill leaves the same metadata (the format was saved when it started)
    const auto reopened = value_or_fail(open_medium(image));
    CHECK(reopened->disc.background_format == BackgroundFormat::Incomplete);
    CHECK(reopened->disc.formatted);
}

TEST_CASE("an anonymous disc keeps nothing: saving it is a no-op, keep_medium_at gives it a home") {
    TempDir dir;
    auto m = value_or_fail(make_medium("blank cd-r"));
    CHECK(m->image.empty());
    m->layout_changed(); // nowhere to save: nothing happens
    const std::vector<std::uint8_t> block(2048, 0x42);
    REQUIRE(m->store->write(3, block));
    m->disc.tracks[0].recorded = 4;
    REQUIRE(keep_medium_at(*m, dir / "kept.img"));
    CHECK(m->image == dir / "kept.img");
    m->disc.tracks[0].recorded = 5;
    m->layout_changed();
    REQUIRE_FALSE(m->unsaved);
    auto reopened = value_or_fail(open_medium(dir / "kept.img"));
    CHECK(reopened->disc.tracks[0].recorded == 5);
    std::vector<std::uint8_t> out(2048);
    REQUIRE(reopened->store->read(3, out));
    CHECK(out == block);
}

namespace {

std::vector<std::uint8_t> cdb10(int opcode, std::uint32_t lba, std::uint16_t count) {
    return bytes({opcode, 0, static_cast<int>(lba >> 24), static_cast<int>((lba >> 16) & 0xFF),
                  static_cast<int>((lba >> 8) & 0xFF), static_cast<int>(lba & 0xFF), 0, count >> 8, count & 0xFF, 0});
}

} // namespace

TEST_CASE("restart: what a drive wrote, synced and closed is all there after the drive and disc are recreated") {
    TempDir dir;
    const std::string preset = "blank cd-r image=" + (dir / "disc.img").string();
    std::vector<std::vector<std::uint8_t>> before;
    Disc layout_before;
    {
        TestDrive t;
        load_ready(t, value_or_fail(make_medium(preset)));
        for (std::uint32_t lba = 0; lba < 100; lba += 20) {
            std::vector<std::uint8_t> data(20 * 2048);
            for (std::uint32_t i = 0; i < data.size(); ++i) data[i] = image_byte(lba + i / 2048, i % 2048);
            REQUIRE(t.run(cdb10(0x2A, lba, 20), 0, data).sense() == "GOOD");
        }
        REQUIRE(t.run(as_vector(scsi::cdb::synchronize_cache())).sense() == "GOOD");       // SYNCHRONIZE CACHE
        REQUIRE(t.run(as_vector(scsi::cdb::close_track_session(1, 1))).sense() == "GOOD"); // CLOSE TRACK 1
        REQUIRE(t.run(as_vector(scsi::cdb::close_track_session(2))).sense() == "GOOD");    // CLOSE SESSION
        layout_before = t.drive.state().medium->disc;
        CHECK(layout_before.tracks[0].recorded == 102); // 100 and the 2 run-out blocks of a TAO track
        CHECK(layout_before.tracks[0].run_out == 2);
        before = observe(t, 100);
    }
    TestDrive t;
    load_ready(t, value_or_fail(make_medium(preset))); // the same preset reopens the kept disc
    CHECK(t.drive.state().medium->disc == layout_before);
    const auto after = observe(t, 100);
    REQUIRE(after.size() == before.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        CAPTURE(i);
        CHECK(after[i] == before[i]);
    }
    CHECK(after.back()[2048 * 99 + 100] == image_byte(99, 100));
}

TEST_CASE("a drive's WRITEs reach the metadata at SYNCHRONIZE CACHE, and not before") {
    TempDir dir;
    const auto image = dir / "disc.img";
    TestDrive t;
    load_ready(t, value_or_fail(make_medium("blank dvd+r image=" + image.string())));
    const std::vector<std::uint8_t> data(32 * 2048, 0x77);
    REQUIRE(t.run(cdb10(0x2A, 0, 32), 0, data).sense() == "GOOD");  // first data: structure
    REQUIRE(t.run(cdb10(0x2A, 32, 32), 0, data).sense() == "GOOD"); // growth: at the next flush
    CHECK(value_or_fail(open_medium(image))->disc.tracks[0].recorded == 32);
    REQUIRE(t.run(as_vector(scsi::cdb::synchronize_cache())).sense() == "GOOD");
    CHECK(value_or_fail(open_medium(image))->disc.tracks[0].recorded == 64);
}
