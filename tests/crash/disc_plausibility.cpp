#include "crash/disc_plausibility.hpp"

#include <fmt/format.h>

namespace spindle::crash {

std::vector<std::string> implausible(const Disc& d) {
    std::vector<std::string> out;
    auto bad = [&](std::string what) { out.push_back(std::move(what)); };
    if (d.tracks.empty()) bad("no track");
    if (d.background_format == BackgroundFormat::Running) bad("a background format is running after a restart");
    bool any_data = false;
    for (std::size_t i = 0; i < d.tracks.size(); ++i) {
        const Track& t = d.tracks[i];
        const std::string name = fmt::format("track {}", t.number);
        if (t.number != i + 1) bad(fmt::format("{}: numbered out of order (position {})", name, i + 1));
        if (i == 0 && t.session != 1) bad(name + ": the first track is not in session 1");
        if (i > 0 && t.session != d.tracks[i - 1].session && t.session != d.tracks[i - 1].session + 1)
            bad(fmt::format("{}: session {} after session {}", name, t.session, d.tracks[i - 1].session));
        if (i > 0 && t.start < d.tracks[i - 1].end()) bad(name + ": overlaps the previous track");
        if (t.end() > d.capacity_blocks)
            bad(fmt::format("{}: ends at {}, past the capacity {}", name, t.end(), d.capacity_blocks));
        if (t.recorded > t.size) bad(fmt::format("{}: {} blocks recorded of {}", name, t.recorded, t.size));
        if (t.closed && t.recorded != t.size) bad(name + ": closed but not fully recorded");
        if (t.invisible && (i + 1 != d.tracks.size() || t.closed || t.reserved))
            bad(name + ": an invisible track that is not the open last one");
        any_data = any_data || !t.blank() || t.reserved;
    }
    if (d.tracks.empty()) return out;
    const Track& last = d.tracks.back();
    if (d.random_access()) {
        if (d.tracks.size() != 1 || !last.closed || last.size != d.capacity_blocks)
            bad("a formatted random-access disc that is not one closed track over its capacity");
        return out;
    }
    bool open_track = false;
    for (const auto& t : d.tracks) open_track = open_track || !t.closed;
    const bool last_session_blank = [&] {
        for (const auto& t : d.tracks)
            if (t.session == last.session && (!t.blank() || t.reserved)) return false;
        return true;
    }();
    switch (d.status) {
    case DiscStatus::Empty:
        if (any_data || d.tracks.size() != 1 || d.last_session != SessionState::Empty)
            bad("status empty, but the disc holds tracks or sessions");
        break;
    case DiscStatus::Incomplete:
        // A disc filled to its end by closed or reserved tracks keeps its last session open.
        if (!open_track && d.last_session != SessionState::Incomplete)
            bad("status incomplete (appendable), but no track is open and the last session is closed");
        if (!any_data) bad("status incomplete, but nothing is recorded or reserved");
        break;
    case DiscStatus::Complete:
        if (open_track) bad("status complete, but a track is open");
        if (d.last_session != SessionState::Complete) bad("status complete, but the last session is not");
        break;
    case DiscStatus::Other: bad("status 'other' on a recordable disc"); break;
    }
    if (d.last_session == SessionState::Empty && !last_session_blank) bad("last session 'empty' holds data");
    if (d.last_session == SessionState::Incomplete && last_session_blank)
        bad("last session 'incomplete' holds nothing");
    if (d.last_session == SessionState::Complete && d.status != DiscStatus::Complete)
        bad("last session complete on a disc that is not");
    return out;
}

} // namespace spindle::crash
