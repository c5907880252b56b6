// make_disc: the layout a real disc of each kind and state has (see presets.hpp).
#include "emulator/media/disc_json.hpp"
#include "emulator/media/presets.hpp"

namespace spindle {

namespace {

// In 64 bits: a preset's used= may be near 2^32, where 32-bit rounding wraps to a small number.
std::uint64_t round_up(std::uint64_t n, std::uint64_t unit) { return (n + unit - 1) / unit * unit; }

Track recorded_track(std::uint16_t number, std::uint16_t session, std::uint32_t start, std::uint32_t blocks) {
    Track t;
    t.number = number;
    t.session = session;
    t.start = start;
    t.size = blocks;
    t.recorded = blocks;
    t.closed = true;
    return t;
}

MediaKind rom_kind_for(std::uint32_t blocks) {
    if (blocks <= media_type(MediaKind::CdRom).capacity_blocks) return MediaKind::CdRom;
    if (blocks <= media_type(MediaKind::DvdPlusRDl).capacity_blocks) return MediaKind::DvdRom;
    return MediaKind::BdRom;
}

// Formatted capacity of random-access media with the format a drive picks by default
// (READ FORMAT CAPACITIES first formattable descriptor): BD-RE 25 GB with the default spare
// areas is 11826176 blocks (a WH16NS40's READ FORMAT CAPACITIES, as dvd+rw-mediainfo prints it).
std::uint32_t default_formatted_capacity(MediaKind k) {
    if (k == MediaKind::BdRe) return 11'826'176;
    return media_type(k).capacity_blocks;
}

// A pressed audio CD (CD-ROM, complete) of CD-DA tracks of `track_blocks` each, back to back.
Disc audio_disc(std::span<const std::uint32_t> track_blocks) {
    Disc d;
    d.kind = MediaKind::CdRom;
    std::uint32_t at = 0;
    for (const std::uint32_t blocks : track_blocks) {
        Track t = recorded_track(static_cast<std::uint16_t>(d.tracks.size() + 1), 1, at, blocks);
        t.track_mode = 0x0; // CD-DA: two channels, no pre-emphasis, copy prohibited
        t.data_mode = 0xF;
        d.tracks.push_back(t);
        at += blocks;
    }
    d.capacity_blocks = at;
    d.status = DiscStatus::Complete;
    d.last_session = SessionState::Complete;
    return d;
}

} // namespace

namespace {

std::expected<Disc, std::string> build_disc(const MediumPreset& p, std::uint32_t image_blocks,
                                            std::span<const std::uint32_t> audio_track_blocks) {
    Disc d;
    if (p.state == PresetState::Saved)
        return std::unexpected(std::string("a saved disc's layout is in its metadata file"));
    if (p.state == PresetState::Audio) {
        if (audio_track_blocks.empty()) return std::unexpected(std::string("an audio CD needs a track at least"));
        return audio_disc(audio_track_blocks);
    }
    if (p.state == PresetState::Rom) {
        if (image_blocks == 0) return std::unexpected("ROM image " + p.image.string() + " is empty: expected data");
        d.kind = p.kind.value_or(rom_kind_for(image_blocks));
        if (image_blocks > max_capacity_blocks(d.kind))
            return std::unexpected("ROM image " + p.image.string() + " is " + std::to_string(image_blocks) +
                                   " blocks: more than a " + std::string(d.type().name) + " holds (" +
                                   std::to_string(max_capacity_blocks(d.kind)) + ")");
        d.capacity_blocks = image_blocks;
        d.tracks.push_back(recorded_track(1, 1, 0, image_blocks));
        d.status = DiscStatus::Complete;
        d.last_session = SessionState::Complete;
        return d;
    }
    d.kind = *p.kind;
    const auto& type = d.type();
    if (p.state == PresetState::Formatted) {
        d.capacity_blocks = p.capacity.value_or(default_formatted_capacity(d.kind));
        d.formatted = true;
        d.tracks.push_back(recorded_track(1, 1, 0, d.capacity_blocks));
        d.status = DiscStatus::Complete;
        d.last_session = SessionState::Complete;
        if (d.kind == MediaKind::DvdPlusRw) d.background_format = BackgroundFormat::Complete;
        return d;
    }
    d.capacity_blocks = p.capacity.value_or(type.capacity_blocks);
    if (type.random_access) { // blank DVD+RW / BD-RE: unformatted, one empty track
        Track t;
        t.size = d.capacity_blocks;
        t.data_mode = 0xF;
        d.tracks.push_back(t);
        return d;
    }
    if (p.state == PresetState::Blank) {
        d.tracks.push_back(make_invisible_track(d, 1, 1, 0));
        return d;
    }
    if (!p.image.empty() && image_blocks == 0)
        return std::unexpected("image " + p.image.string() + " is empty: expected the first session's data");
    const std::uint64_t first_session = p.image.empty() ? p.used.value_or(default_used_blocks) : image_blocks;
    const std::uint64_t used = round_up(first_session, type.ecc_blocks);
    const std::string what =
        (p.image.empty() ? "used=" : "an image of ") + std::to_string(used) + (p.image.empty() ? "" : " blocks");
    if (used >= d.capacity_blocks)
        return std::unexpected(what + " does not fit a " + std::string(type.name) + " of " +
                               std::to_string(d.capacity_blocks) + " blocks");
    d.tracks.push_back(recorded_track(1, 1, 0, static_cast<std::uint32_t>(used)));
    if (d.family() == MediaFamily::Dvd) d.tracks.back().track_mode = incremental_kind(d.kind) ? 0x5 : 0x4;
    if (p.state == PresetState::Closed) {
        d.status = DiscStatus::Complete;
        d.last_session = SessionState::Complete;
        return d;
    }
    const std::uint64_t next = round_up(used + session_gap(d.kind, 1), type.ecc_blocks);
    if (next >= d.capacity_blocks)
        return std::unexpected(what + " leaves no room for a second session on a " + std::string(type.name) + " of " +
                               std::to_string(d.capacity_blocks) + " blocks");
    d.tracks.push_back(make_invisible_track(d, 2, 2, static_cast<std::uint32_t>(next)));
    d.status = DiscStatus::Incomplete;
    d.last_session = SessionState::Empty;
    return d;
}

} // namespace

std::expected<Disc, std::string> make_disc_from_image(const MediumPreset& p, Disc d) {
    const std::string what = "media preset: " + p.image.string();
    if (!p.kind || media_type(*p.kind).family != MediaFamily::Cd || !media_type(*p.kind).recordable)
        return std::unexpected(what + " is a CD image: it makes an appendable or closed cd-r or cd-rw");
    d.kind = *p.kind;
    d.capacity_blocks = p.capacity.value_or(d.type().capacity_blocks);
    const Track& last = d.tracks.back();
    if (p.state == PresetState::Appendable) {
        const std::uint32_t next = last.end() + session_gap(d.kind, last.session);
        if (next >= d.capacity_blocks)
            return std::unexpected(what + " leaves no room for another session on a " + std::string(d.type().name) +
                                   " of " + std::to_string(d.capacity_blocks) + " blocks");
        d.tracks.push_back(make_invisible_track(d, static_cast<std::uint16_t>(last.number + 1),
                                                static_cast<std::uint16_t>(last.session + 1), next));
        d.status = DiscStatus::Incomplete;
        d.last_session = SessionState::Empty;
    } else if (last.end() > d.capacity_blocks) {
        return std::unexpected(what + " does not fit a " + std::string(d.type().name) + " of " +
                               std::to_string(d.capacity_blocks) + " blocks");
    }
    if (auto ok = validate_disc(d); !ok) return std::unexpected(ok.error());
    if (auto ok = validate_disc_state(d); !ok) return std::unexpected(ok.error());
    return d;
}

std::expected<Disc, std::string> make_disc(const MediumPreset& p, std::uint32_t image_blocks,
                                           std::span<const std::uint32_t> audio_track_blocks) {
    auto d = build_disc(p, image_blocks, audio_track_blocks);
    if (!d) return d;
    // The rules a loaded disc is held to hold for a made one too (a capacity too large for
    // its kind, an audio CD over 100 minutes).
    if (auto ok = validate_disc(*d); !ok) return std::unexpected(ok.error());
    if (auto ok = validate_disc_state(*d); !ok) return std::unexpected(ok.error());
    return d;
}

} // namespace spindle
