#include "emulator/media/disc_writer.hpp"

#include <algorithm>

namespace spindle {

namespace {
std::uint32_t round_up(std::uint32_t n, std::uint32_t unit) { return (n + unit - 1) / unit * unit; }
} // namespace

void DiscWriter::open_invisible_track(std::uint16_t session, std::uint32_t start) {
    if (start >= disc_.capacity_blocks) return;
    const auto number = static_cast<std::uint16_t>(disc_.last_track_number() + 1);
    disc_.tracks.push_back(make_invisible_track(disc_, number, session, start));
}

void DiscWriter::record(std::uint16_t track, std::uint32_t count, const WrittenBlocks& blocks) {
    Track* t = disc_.track(track);
    if (t == nullptr || count == 0) return;
    const bool was_blank = t->blank();
    const bool first_form2 = blocks.form2 && !t->form2;
    if (was_blank) {
        t->track_mode = blocks.track_mode;
        t->sectors = t->audio() ? DataSectors::Mode1 : blocks.sectors;
        if (track == disc_.first_track_in_session(t->session)) t->session_format = blocks.session_format;
    }
    t->form2 = t->form2 || blocks.form2;
    t->recorded = std::min(t->size, t->recorded + count);
    // MMC-6 table 531: Mode 1 or Mode 2 (formless or XA); audio has no data mode (Fh).
    t->data_mode = t->audio() ? 0xF : t->mode2() ? 0x2 : 0x1;
    const bool completed = t->reserved && t->recorded == t->size;
    if (completed) t->closed = true;
    const bool first_data = disc_.status == DiscStatus::Empty || disc_.last_session == SessionState::Empty;
    if (disc_.status == DiscStatus::Empty) disc_.status = DiscStatus::Incomplete;
    if (disc_.last_session == SessionState::Empty) disc_.last_session = SessionState::Incomplete;
    // Growing a track is data (saved at the next flush); a track's first data, a reservation
    // filled or a disc no longer blank change its structure (saved at once).
    changed(was_blank || completed || first_data || first_form2 ? LayoutChange::Structure : LayoutChange::Data);
}

void DiscWriter::lose_streaming(std::uint16_t track) {
    Track* t = disc_.track(track);
    if (t == nullptr) return;
    t->damaged = true;
    changed();
}

void DiscWriter::reserve(std::uint32_t blocks, bool last, std::optional<std::uint8_t> track_mode, DataSectors sectors) {
    Track& t = last_track();
    t.size = blocks;
    if (track_mode) t.track_mode = *track_mode;
    t.sectors = sectors;
    t.invisible = false;
    t.reserved = true;
    if (!last) open_invisible_track(t.session, t.end());
    if (disc_.last_session == SessionState::Empty) disc_.last_session = SessionState::Incomplete;
    if (disc_.status == DiscStatus::Empty) disc_.status = DiscStatus::Incomplete;
    changed();
}

void DiscWriter::end_track(Track& t, TrackEnding ending) {
    // The drive pads what is left of the track (reserved) or of its last ECC block.
    if (!t.reserved) t.size = std::min(round_up(t.recorded, disc_.type().ecc_blocks), t.size);
    if (!t.reserved && !t.blank() && !t.audio()) {
        const std::uint32_t run_out = std::min(ending.run_out, disc_.capacity_blocks - t.end());
        t.size += run_out;
        t.run_out = run_out;
    }
    t.recorded = t.size;
    t.invisible = false;
    t.closed = true;
}

void DiscWriter::close_track(std::uint16_t track, TrackEnding ending) {
    Track* t = disc_.track(track);
    if (t == nullptr || t->closed) return;
    const bool was_invisible = t->invisible;
    end_track(*t, ending);
    if (was_invisible) open_invisible_track(t->session, t->end() + ending.next_pregap);
    changed();
}

void DiscWriter::close_session(bool appendable, TrackEnding ending) {
    const std::uint16_t session = disc_.session_count();
    std::erase_if(disc_.tracks, [&](const Track& t) { return t.session == session && t.invisible && t.blank(); });
    std::uint32_t end = 0;
    for (auto& t : disc_.tracks) {
        if (t.session != session) continue;
        if (!t.closed) end_track(t, ending);
        end = std::max(end, t.end());
    }
    const std::uint16_t closed = disc_.tracks.empty() ? 0 : disc_.tracks.back().session;
    const std::uint32_t next = round_up(end + session_gap(disc_.kind, closed), disc_.type().ecc_blocks);
    if (appendable && closed > 0 && next < disc_.capacity_blocks) {
        open_invisible_track(static_cast<std::uint16_t>(closed + 1), next);
        disc_.status = DiscStatus::Incomplete;
        disc_.last_session = SessionState::Empty;
    } else {
        disc_.status = closed > 0 ? DiscStatus::Complete : DiscStatus::Empty;
        disc_.last_session = closed > 0 ? SessionState::Complete : SessionState::Empty;
        if (closed == 0) open_invisible_track(1, 0);
    }
    changed();
}

void DiscWriter::set_mcn(std::string mcn) {
    disc_.mcn = std::move(mcn);
    changed();
}

void DiscWriter::set_isrc(std::uint16_t track, std::string isrc) {
    if (Track* t = disc_.track(track)) t->isrc = std::move(isrc);
    changed();
}

void DiscWriter::set_recorded_rw(std::uint16_t track) {
    if (Track* t = disc_.track(track)) t->recorded_rw = true;
    changed();
}

void DiscWriter::set_index_marks(std::uint16_t track, std::vector<std::uint32_t> marks) {
    if (Track* t = disc_.track(track)) t->index_marks = std::move(marks);
    changed();
}

void DiscWriter::set_cd_text(std::vector<std::uint8_t> packs) {
    disc_.cd_text = std::move(packs);
    changed();
}

void DiscWriter::blank_disc(MediaKind kind, bool minimal) {
    disc_.kind = kind;
    disc_.capacity_blocks = media_type(kind).capacity_blocks;
    disc_.tracks.clear();
    forget_lead_in();
    disc_.status = DiscStatus::Empty;
    disc_.last_session = SessionState::Empty;
    disc_.background_format = BackgroundFormat::None;
    disc_.formatted = false;
    disc_.quick_blanked = minimal && disc_.family() == MediaFamily::Dvd;
    open_invisible_track(1, 0);
    changed();
}

void DiscWriter::blank_last_track() {
    // The last track with data is a closed (or reserved) track, or the invisible track being
    // written: it becomes the blank invisible track, from the same start.
    std::erase_if(disc_.tracks, [](const Track& t) { return t.invisible && t.blank(); });
    if (disc_.tracks.empty()) { // nothing to blank: BLANK's checks keep this from happening
        open_invisible_track(1, 0);
        changed();
        return;
    }
    const Track& t = last_track();
    const std::uint16_t number = t.number;
    const std::uint16_t session = t.session;
    const std::uint32_t start = t.start;
    disc_.tracks.pop_back();
    Track invisible = make_invisible_track(disc_, number, session, start);
    disc_.tracks.push_back(invisible);
    if (disc_.tracks.size() == 1) {
        disc_.status = DiscStatus::Empty;
        disc_.last_session = SessionState::Empty;
        forget_lead_in();
    }
    changed();
}

void DiscWriter::unreserve_last_track() {
    std::erase_if(disc_.tracks, [](const Track& t) { return t.invisible; });
    Track& t = last_track();
    t = make_invisible_track(disc_, t.number, t.session, t.start);
    if (disc_.tracks.size() == 1) {
        disc_.status = DiscStatus::Empty;
        disc_.last_session = SessionState::Empty;
        forget_lead_in();
    }
    changed();
}

void DiscWriter::unclose_last_session() {
    std::erase_if(disc_.tracks, [](const Track& t) { return t.invisible && t.blank(); });
    const Track& last = last_track();
    // A CD track after another begins after its pregap (TrackEnding).
    const std::uint32_t pregap = disc_.family() == MediaFamily::Cd ? cd_track_at_once.next_pregap : 0;
    open_invisible_track(last.session, last.end() + pregap);
    disc_.status = DiscStatus::Incomplete;
    disc_.last_session = SessionState::Incomplete;
    changed();
}

void DiscWriter::blank_last_session() {
    std::erase_if(disc_.tracks, [](const Track& t) { return t.invisible && t.blank(); });
    const std::uint16_t session = last_track().session;
    const std::uint16_t first = disc_.first_track_in_session(session);
    const std::uint32_t start = disc_.track(first)->start;
    std::erase_if(disc_.tracks, [&](const Track& t) { return t.session == session; });
    disc_.tracks.push_back(make_invisible_track(disc_, first, session, start));
    disc_.status = session == 1 ? DiscStatus::Empty : DiscStatus::Incomplete;
    disc_.last_session = SessionState::Empty;
    if (session == 1) forget_lead_in();
    changed();
}

void DiscWriter::format_random(MediaKind kind, std::uint32_t capacity, BackgroundFormat background) {
    disc_.kind = kind;
    disc_.capacity_blocks = capacity;
    disc_.formatted = true;
    disc_.quick_blanked = false;
    disc_.background_format = background;
    Track t;
    t.size = capacity;
    t.recorded = capacity;
    t.closed = true;
    disc_.tracks = {t};
    disc_.status = DiscStatus::Complete;
    disc_.last_session = SessionState::Complete;
    changed();
}

void DiscWriter::format_sequential(std::uint32_t capacity) {
    disc_.capacity_blocks = capacity;
    disc_.formatted = true;
    disc_.tracks = {make_invisible_track(disc_, 1, 1, 0)};
    changed();
}

void DiscWriter::set_background_format(BackgroundFormat background) {
    if (disc_.background_format == background) return;
    disc_.background_format = background;
    changed();
}

void DiscWriter::set_layer0_capacity(std::uint32_t blocks) {
    disc_.layer0_capacity = blocks;
    changed();
}

} // namespace spindle
