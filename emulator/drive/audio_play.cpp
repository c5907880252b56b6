#include "emulator/drive/audio_play.hpp"

#include "emulator/drive/drive_state.hpp"

#include <algorithm>
#include <cstdlib>

namespace spindle::audio {
namespace {

// CD audio runs at 75 blocks a second at 1x (ECMA-130: 75 sectors per second).
constexpr std::int64_t blocks_per_second = 75;

// Blocks the current stretch has covered by `now`, towards its end (not yet bounded by it).
std::int64_t covered(const AudioPlay& p, DriveTime now) {
    const auto elapsed = std::max<std::int64_t>(0, (now - p.since).count());
    const std::int64_t blocks =
        elapsed * blocks_per_second * std::abs(p.speed) / std::chrono::nanoseconds(std::chrono::seconds(1)).count();
    return p.speed > 0 ? blocks : -blocks;
}

bool reached_end(const AudioPlay& p, std::int64_t at) { return p.speed > 0 ? at >= p.end : at <= p.end; }

} // namespace

std::int64_t position(const DriveState& s) {
    const AudioPlay& p = s.audio;
    if (!p.active || p.paused) return p.position;
    const std::int64_t at = p.from + covered(p, s.now());
    // A finished play rests on its last block (a reverse scan on its first).
    if (reached_end(p, at)) return p.speed > 0 ? std::max(p.from, p.end - 1) : p.end;
    return at;
}

std::int64_t current_block(const DriveState& s) { return s.audio.active ? position(s) : s.head_lba; }

std::optional<DriveTime> ends_at(const DriveState& s) {
    const AudioPlay& p = s.audio;
    if (!p.active || p.paused) return std::nullopt;
    const std::int64_t ns = std::chrono::nanoseconds(std::chrono::seconds(1)).count() * std::abs(p.end - p.from) /
                            (blocks_per_second * std::abs(p.speed));
    return p.since + DriveTime(ns);
}

void finish_if_done(DriveState& s) {
    AudioPlay& p = s.audio;
    if (!p.active || p.paused) return;
    if (auto end = ends_at(s); end && s.now() >= *end) {
        p.position = position(s);
        p.active = false;
        p.last = AudioStatus::Completed;
        s.head_lba = static_cast<std::uint32_t>(std::max<std::int64_t>(0, p.position));
    }
}

AudioStatus status(const DriveState& s) {
    const AudioPlay& p = s.audio;
    if (!p.active) return p.last;
    if (p.paused) return AudioStatus::Paused;
    const auto end = ends_at(s);
    return end && s.now() >= *end ? AudioStatus::Completed : AudioStatus::Playing;
}

AudioStatus report_status(DriveState& s) {
    finish_if_done(s);
    const AudioStatus reported = status(s);
    if (!s.audio.active) s.audio.last = AudioStatus::NoStatus;
    return reported;
}

void play(DriveState& s, std::int64_t start, std::int64_t end, int speed) {
    s.audio = AudioPlay{.active = true,
                        .paused = false,
                        .from = start,
                        .end = end,
                        .speed = speed,
                        .since = s.now(),
                        .position = start,
                        .last = AudioStatus::NoStatus};
}

void pause(DriveState& s) {
    finish_if_done(s);
    AudioPlay& p = s.audio;
    if (!p.active || p.paused) return;
    p.position = position(s);
    p.paused = true;
}

void resume(DriveState& s) {
    AudioPlay& p = s.audio;
    if (!p.active || !p.paused) return;
    p.paused = false;
    p.from = p.position;
    p.since = s.now();
}

void stop(DriveState& s) {
    finish_if_done(s);
    AudioPlay& p = s.audio;
    if (p.active) {
        p.position = position(s);
        s.head_lba = static_cast<std::uint32_t>(std::max<std::int64_t>(0, p.position));
    }
    p.active = false;
    p.paused = false;
    if (p.last != AudioStatus::Completed) p.last = AudioStatus::NoStatus;
}

} // namespace spindle::audio
