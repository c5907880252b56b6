// The timing model seen through the drive: WRITE(10) completions, READ BUFFER CAPACITY, the
// underrun with BUFE off and the ride-through with BUFE on.
#include "emulator/media/presets.hpp"
#include "emulator/timing/transfer_rate.hpp"
#include "scsi/cdb_mode.hpp"
#include "scsi/cdb_performance.hpp"
#include "scsi/cdb_read.hpp"
#include "scsi/cdb_write.hpp"
#include "support/test_drive.hpp"

using namespace spindle;
using namespace spindle::test;
using namespace std::chrono_literals;

namespace {

constexpr std::uint16_t chunk_blocks = 32; // 64 KiB

struct WritingDrive {
    explicit WritingDrive(std::string_view preset, TimingMode mode = TimingMode::Fast)
        : t(default_profile(), DriveOptions{{}, mode}) {
        auto m = make_medium(preset);
        REQUIRE(m.has_value());
        t.drive.load(std::move(*m));
        t.clock.advance(10s);
        t.settled();
    }
    Result write(std::uint32_t lba, std::uint16_t blocks = chunk_blocks) {
        const std::vector<std::uint8_t> data(std::size_t{blocks} * 2048, 0x3C);
        return t.run(scsi::cdb::write10(lba, blocks), 0, data);
    }
    // MODE SELECT(10) of page 05h as MODE SENSE reports it, with BUFE set or cleared.
    void set_bufe(bool on) {
        auto sensed = t.run(scsi::cdb::mode_sense10(0x05, scsi::cdb::PageControl::Current, 256), 256);
        REQUIRE(sensed.good());
        auto list = sensed.data;
        list[0] = list[1] = 0; // mode data length is reserved in MODE SELECT
        list[8] &= 0x3F;       // PS
        list[10] = static_cast<std::uint8_t>(on ? (list[10] | 0x40) : (list[10] & ~0x40));
        const auto n = static_cast<std::uint16_t>(list.size());
        REQUIRE(t.run(scsi::cdb::mode_select10(n), 0, list).sense() == "GOOD");
    }
    std::uint32_t buffer_free() {
        auto r = t.run(scsi::cdb::read_buffer_capacity(12), 12);
        REQUIRE(r.good());
        return scsi::get_be32(r.data, 8);
    }
    std::vector<std::uint8_t> track_information(int track) {
        auto r = t.run(
            scsi::cdb::read_track_information(scsi::cdb::track_address::track, static_cast<std::uint32_t>(track), 48),
            48);
        REQUIRE(r.good());
        return r.data;
    }
    std::uint64_t rate() const {
        // 16x DVD+R in the default profile
        return 22'160'000;
    }
    TestDrive t;
};

} // namespace

TEST_CASE("CD-R with BUFE off: a WRITE after the buffer ran dry fails 3/0C/09 and the track is damaged") {
    WritingDrive d("blank cd-r");
    d.set_bufe(false);
    REQUIRE(d.write(0).sense() == "GOOD");
    CHECK(d.buffer_free() < d.t.drive.profile().buffer_size_bytes);
    d.t.clock.advance(10s); // far longer than 64 KiB takes at any CD speed
    CHECK(d.buffer_free() == d.t.drive.profile().buffer_size_bytes);
    const auto r = d.write(chunk_blocks);
    CHECK(sense_of(r) == sense(0x3, 0x0C, 0x09));
    const auto ti = d.track_information(1);
    CHECK((ti[5] & 0x20) != 0);                    // Damage
    CHECK((ti[7] & 0x01) == 0);                    // NWA_V: a TAO track cannot be continued
    CHECK(scsi::get_be32(ti, 24) >= chunk_blocks); // its size still covers what was written
    CHECK(d.t.drive.state().medium->disc.tracks[0].recorded == chunk_blocks);
    CHECK(d.write(chunk_blocks).sense() != "GOOD"); // nothing more goes into it
}

TEST_CASE("CD-R with BUFE on: the drive waits at the empty buffer and the next WRITE succeeds") {
    WritingDrive d("blank cd-r");
    d.set_bufe(true);
    REQUIRE(d.write(0).sense() == "GOOD");
    d.t.clock.advance(10s);
    CHECK(d.write(chunk_blocks).sense() == "GOOD");
    CHECK(d.t.drive.state().medium->disc.tracks[0].recorded == 2 * chunk_blocks);
    CHECK_FALSE(d.t.drive.state().medium->disc.tracks[0].damaged);
}

TEST_CASE("fast mode: every WRITE completes at once whatever the buffer holds") {
    WritingDrive d("blank dvd+r");
    for (std::uint32_t i = 0; i < 100; ++i) {
        const auto r = d.write(i * chunk_blocks);
        REQUIRE(r.good());
        CHECK(r.completion.busy_until == d.t.clock.now());
    }
    CHECK(d.buffer_free() == 0);
}

TEST_CASE("real time: WRITEs beyond the buffer complete at the 16x DVD pace; SYNCHRONIZE CACHE waits for the rest") {
    WritingDrive d("blank dvd+r", TimingMode::RealTime);
    const std::uint32_t fills = d.t.drive.profile().buffer_size_bytes / (chunk_blocks * 2048);
    std::uint32_t lba = 0;
    for (std::uint32_t i = 0; i < fills; ++i, lba += chunk_blocks) {
        const auto r = d.write(lba);
        REQUIRE(r.good());
        CHECK(r.completion.busy_until == d.t.clock.now()); // room in the buffer: accepted at once
    }
    CHECK(d.buffer_free() == 0);
    const auto r = d.write(lba);
    REQUIRE(r.good());
    const auto pace = timing::ticks_for_bytes(chunk_blocks * 2048, d.rate());
    CHECK(r.completion.busy_until == d.t.clock.now() + pace);
    d.t.clock.set(r.completion.busy_until);
    const auto sync = d.t.run(scsi::cdb::synchronize_cache());
    REQUIRE(sync.good());
    const auto drain = sync.completion.busy_until - d.t.clock.now();
    const auto expected = timing::ticks_for_bytes(d.t.drive.profile().buffer_size_bytes, d.rate());
    CHECK(drain >= expected - 2ns);
    CHECK(drain <= expected + 2ns);
    d.t.clock.set(sync.completion.busy_until);
    CHECK(d.buffer_free() == d.t.drive.profile().buffer_size_bytes);
}
