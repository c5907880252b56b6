#include "power_loss/scenarios.hpp"

#include "power_loss/kept_disc.hpp"

namespace spindle::test {

namespace {

constexpr std::uint8_t close_track = 1, close_session = 2, finalize_disc = 3, dvd_plus_r_finalize = 5,
                       bd_r_finalize = 6, stop_background_format = 0;

void dvd_plus_r(Burner& b) {
    b.write(5);
    b.write(3);
    b.sync();
    b.write(4);
    b.close_open_track();
    b.reserve(32);
    b.write(2); // into the reserved track
    b.close_open_track();
    b.write(2);
    b.close(close_session);
    b.write(3);
    b.sync();
    b.close(dvd_plus_r_finalize);
}

// A data track, then audio tracks, Track At Once: SYNCHRONIZE CACHE ends each track.
void cd_r(Burner& b) {
    b.track_at_once(false);
    b.write(3);
    b.sync();
    b.track_at_once(true);
    b.write_audio(4);
    b.sync();
    b.write_audio(2);
    b.close_open_track();
    b.close(close_session);
}

void bd_r(Burner& b) {
    b.format(0x00); // spare areas (SRM)
    b.write(4);
    b.sync();
    b.write(4);
    b.close_open_track();
    b.write(2);
    b.close(bd_r_finalize);
}

void dvd_plus_rw(Burner& b) {
    b.format(0x26); // background format
    b.write_at(0, 4);
    b.write_at(100, 2);
    b.sync();
    b.write_at(1, 2); // over acknowledged blocks
    b.close(stop_background_format);
    b.write_at(50, 3);
    b.sync();
    b.close(close_session); // completes the format
}

void bd_re(Burner& b) {
    b.format(0x31); // quick, no certification
    b.write_at(0, 4);
    b.sync();
    b.write_at(2, 4);
    b.write_at(700, 1);
    b.sync();
    b.format(0x00); // again, with spare areas
    b.write_at(10, 2);
    b.sync();
}

void dvd_minus_rw(Burner& b) {
    b.incremental();
    b.write(5);
    b.sync();
    b.close(close_session);
    b.write(3);
    b.sync();
    b.blank(0);     // the whole disc
    b.format(0x15); // restricted overwrite, quick
    b.write_at(0, 16);
    b.sync();
    b.write_at(32, 16);
    b.close(finalize_disc);
}

void cd_rw(Burner& b) {
    b.track_at_once(false);
    b.write(4);
    b.sync();
    b.close(close_session);
    b.write(3);
    b.sync();
    b.blank(6); // the last session
    b.blank(1); // minimal: the whole disc
    b.write(2);
    b.sync();
    b.close(close_session);
}

constexpr Scenario scenarios[] = {
    {"DVD+R", "blank dvd+r", dvd_plus_r},    {"CD-R", "blank cd-r", cd_r},    {"BD-R", "blank bd-r", bd_r},
    {"DVD+RW", "blank dvd+rw", dvd_plus_rw}, {"BD-RE", "blank bd-re", bd_re}, {"DVD-RW", "blank dvd-rw", dvd_minus_rw},
    {"CD-RW", "blank cd-rw", cd_rw},
};

} // namespace

std::span<const Scenario> power_loss_scenarios() { return scenarios; }

MemoryStorage starting_storage(const Scenario& s) {
    MemoryStorage storage;
    keep_in_memory(storage, s.preset, power_loss_image);
    return storage;
}

} // namespace spindle::test
