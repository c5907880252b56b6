// What a WRITE costs in time and what the drive buffer does meanwhile (drive/commands/write_timing.hpp),
// on a drive state built from the default profile under a virtual clock.
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/write_timing.hpp"
#include "emulator/drive/speeds.hpp"
#include "emulator/media/disc_writer.hpp"
#include "emulator/media/presets.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "emulator/timing/transfer_rate.hpp"

#include <doctest/doctest.h>

using namespace spindle;
using namespace std::chrono_literals;

namespace {

constexpr std::uint64_t chunk = 64 * 1024;

struct Writer {
    explicit Writer(std::string_view preset, TimingMode mode = TimingMode::Fast) {
        auto m = make_medium(preset);
        REQUIRE(m.has_value());
        s.medium = std::move(*m);
        s.timing_mode = mode;
    }
    void set_bufe(bool on) {
        auto* page = s.mode_pages.current(0x05);
        REQUIRE(page != nullptr);
        (*page)[2] = static_cast<std::uint8_t>(on ? ((*page)[2] | 0x40) : ((*page)[2] & ~0x40));
    }
    std::uint64_t rate() const { return write_timing::write_bytes_per_second(s); }
    // READ BUFFER CAPACITY's Blank Length of Buffer (bytes 8-11).
    std::uint32_t reported_free() {
        std::uint8_t cdb[10] = {0x5C, 0, 0, 0, 0, 0, 0, 0, 12, 0};
        std::uint8_t out[12] = {};
        auto c = handlers::read_buffer_capacity(s, Command{cdb, {}, out});
        REQUIRE(c.good());
        return std::uint32_t{out[8]} << 24 | std::uint32_t{out[9]} << 16 | std::uint32_t{out[10]} << 8 | out[11];
    }

    VirtualClock clock;
    DriveState s{default_profile(), clock, {}};
};

} // namespace

TEST_CASE("fast mode: a WRITE completes at once, and the buffer it fills drains as the clock moves") {
    Writer w("blank dvd+r");
    const auto capacity = w.s.buffer.capacity_bytes();
    CHECK(w.reported_free() == capacity);
    for (int i = 0; i < 100; ++i) { // 6.4 MB into a 4 MiB buffer: no waiting in fast mode
        const auto t = write_timing::write(w.s, chunk);
        CHECK(t.busy_until == w.clock.now());
        CHECK_FALSE(t.error.has_value());
    }
    CHECK(w.reported_free() == 0);
    // The disc still has the backlog past the buffer's size to write before the buffer frees up.
    const std::uint64_t backlog = 100 * chunk - capacity;
    w.clock.advance(timing::ticks_for_bytes(backlog + 1'000'000, w.rate()));
    CHECK(w.reported_free() >= 999'999);
    CHECK(w.reported_free() <= 1'000'000);
    CHECK(write_timing::flush(w.s) == w.clock.now());
    CHECK(w.reported_free() == capacity);
}

TEST_CASE("real time: once the buffer is full each WRITE takes the time the disc needs for its data") {
    Writer w("blank dvd+r", TimingMode::RealTime);
    const auto capacity = w.s.buffer.capacity_bytes();
    CHECK(write_timing::write(w.s, capacity).busy_until == 0s); // it all fits: accepted at once
    const auto t = write_timing::write(w.s, chunk);
    CHECK(t.busy_until == timing::ticks_for_bytes(chunk, w.rate()));
    // 16x DVD+R: 64 KiB in 2.96 ms at 22160 kB/s.
    CHECK(w.rate() == 22'160'000);
    CHECK(t.busy_until == Duration{2'957'401}); // 2.9574007 ms, rounded up
    w.clock.set(t.busy_until);
    CHECK(write_timing::write(w.s, chunk).busy_until == t.busy_until + timing::ticks_for_bytes(chunk, w.rate()));
    // SYNCHRONIZE CACHE waits for the whole buffer to reach the disc.
    const auto flushed =
        write_timing::flush(w.s) - (w.clock.now() + timing::ticks_for_bytes(capacity + chunk, w.rate()));
    CHECK(flushed >= -2ns); // nanosecond rounding only
    CHECK(flushed <= 2ns);
}

TEST_CASE("the write speed the host set (SET CD SPEED / SET STREAMING) sets the drain rate") {
    Writer w("blank cd-r");
    const auto fastest = w.rate();
    const auto slowest = medium_write_speeds(w.s).back();
    w.s.speeds.write_kbps = slowest;
    CHECK(effective_speeds(w.s).write_kbps == slowest);
    CHECK(w.rate() < fastest);
    CHECK(w.rate() == timing::user_bytes_per_second(MediaFamily::Cd, effective_speeds(w.s).write_kbps));
}

TEST_CASE("underrun with BUFE off: a WRITE arriving after the buffer ran dry mid-track is a loss of streaming") {
    Writer w("blank cd-r");
    w.set_bufe(false);
    REQUIRE_FALSE(write_timing::buffer_underrun_free(w.s));
    CHECK_FALSE(write_timing::write(w.s, chunk).error.has_value());
    const auto dry = timing::ticks_for_bytes(chunk, w.rate());
    w.clock.advance(dry); // arriving exactly as the last byte leaves is in time
    CHECK_FALSE(write_timing::write(w.s, chunk).error.has_value());
    w.clock.advance(dry + 1ns);
    const auto t = write_timing::write(w.s, chunk);
    CHECK(t.error.has_value());
    CHECK(t.busy_until == w.clock.now());
    CHECK(w.reported_free() == w.s.buffer.capacity_bytes()); // nothing of it was accepted
    REQUIRE(t.error.has_value());
    CHECK(FixedSense(*t.error) == sense(0x3, 0x0C, 0x09));
}

TEST_CASE("with BUFE on the drive waits at the empty buffer and carries on") {
    Writer w("blank cd-r", TimingMode::RealTime);
    w.set_bufe(true);
    CHECK_FALSE(write_timing::write(w.s, chunk).error.has_value());
    w.clock.advance(10s);
    const auto t = write_timing::write(w.s, w.s.buffer.capacity_bytes() + chunk);
    CHECK_FALSE(t.error.has_value());
    CHECK(t.busy_until > w.clock.now()); // the drive took it up again, at its speed
}

TEST_CASE("BUFE off does not matter on media whose drives always link losslessly (DVD+R, BD)") {
    for (auto preset : {"blank dvd+r", "blank bd-r", "formatted dvd+rw"}) {
        CAPTURE(preset);
        Writer w(preset);
        w.set_bufe(false);
        CHECK(write_timing::buffer_underrun_free(w.s));
        write_timing::write(w.s, chunk);
        w.clock.advance(60s);
        CHECK_FALSE(write_timing::write(w.s, chunk).error.has_value());
    }
}

TEST_CASE("a flush ends the run: a pause after SYNCHRONIZE CACHE is no underrun") {
    Writer w("blank dvd-r");
    w.set_bufe(false);
    write_timing::write(w.s, chunk);
    write_timing::flush(w.s);
    w.clock.advance(60s);
    CHECK_FALSE(write_timing::write(w.s, chunk).error.has_value());
}

TEST_CASE("a track that lost streaming: a TAO track takes no more data, an incremental one does") {
    Disc d;
    d.capacity_blocks = 2000;
    Track tao;
    tao.size = 1000;
    tao.recorded = 32;
    Track packet = tao;
    packet.number = 2;
    packet.start = 1000;
    packet.incremental = true;
    d.tracks = {tao, packet};
    DiscWriter writer(d);
    writer.lose_streaming(1);
    writer.lose_streaming(2);
    CHECK(d.tracks[0].damaged);
    CHECK(d.tracks[0].recorded == 32);
    CHECK_FALSE(d.tracks[0].writable());
    CHECK(d.tracks[1].damaged);
    CHECK(d.tracks[1].writable());
    CHECK(d.tracks[1].next_writable() == 1032);
}
