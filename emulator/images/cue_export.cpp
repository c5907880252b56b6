#include "emulator/images/cue_export.hpp"

#include "emulator/media/cd_text_strings.hpp"
#include "emulator/media/sparse_image_store.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

namespace spindle {

namespace {

// What a track's BIN holds: a block's bytes and how the store gives them.
struct TrackForm {
    const char* mode;
    std::uint32_t bytes;
    bool whole; // BlockStore::read_audio (2352 bytes) rather than read (2048)
};
TrackForm form_of(const Track& t) {
    if (t.audio()) return {"AUDIO", BlockStore::audio_block_size, true};
    if (t.mode2()) return {"MODE2/2352", BlockStore::audio_block_size, true};
    return {"MODE1/2048", BlockStore::block_size, false};
}

std::string flags_of(const Track& t) {
    std::string f;
    if ((t.track_mode & 0x2) != 0) f += " DCP";
    if (t.audio() && (t.track_mode & 0x8) != 0) f += " 4CH";
    if (t.audio() && (t.track_mode & 0x1) != 0) f += " PRE";
    return f.empty() ? f : "    FLAGS" + f + "\n";
}

// The quote a cue sheet can hold `v` in. libcue ends a quoted string at its quote unless a
// backslash stands before it, and lets it run on across lines: `v` must not hold the quote,
// end in a backslash or break its line. None: no cue sheet holds it as it is.
std::optional<char> quote_for(std::string_view v) {
    if (v.find_first_of("\r\n") != std::string_view::npos || v.ends_with('\\')) return std::nullopt;
    for (const char q : {'"', '\''})
        if (v.find(q) == std::string_view::npos) return q;
    return std::nullopt;
}

// A CD-Text string no cue sheet can hold as it is, if there is one.
std::optional<std::string> unquotable(const cd::TextStrings& text) {
    for (const auto& strings : text.strings)
        for (const auto& v : strings)
            if (!v.empty() && !quote_for(v)) return v;
    return std::nullopt;
}

// The CD-Text of `track` (0: the disc) as cue commands, indented by `indent` (every string
// passed unquotable()).
std::string text_lines(const cd::TextStrings& text, std::size_t track, std::string_view indent) {
    static constexpr std::array<std::string_view, cd::text_types> commands{"TITLE",    "PERFORMER", "SONGWRITER",
                                                                           "COMPOSER", "ARRANGER",  "MESSAGE"};
    std::string out;
    for (std::size_t type = 0; type < cd::text_types; ++type) {
        const auto& strings = text.strings[type];
        if (track >= strings.size() || strings[track].empty()) continue;
        const std::string& v = strings[track];
        const char quote = quote_for(v).value_or('"');
        out += fmt::format("{}{} {}{}{}\n", indent, commands[type], quote, v, quote);
    }
    return out;
}

} // namespace

std::expected<ExportedImage, std::string> export_cue(const Disc& disc, BlockStore& store,
                                                     const std::filesystem::path& cue, const ExportProgress& progress) {
    if (disc.family() != MediaFamily::Cd)
        return std::unexpected(std::string("a ") + std::string(disc.type().name) +
                               " is not a CD: a cue sheet holds CD tracks");
    std::vector<const Track*> tracks;
    for (const auto& t : disc.tracks)
        if (!t.blank() && !t.invisible) tracks.push_back(&t);
    if (tracks.empty()) return std::unexpected(std::string("the disc has no recorded track to export"));
    if (tracks.front()->start != 0) return std::unexpected(std::string("the first track does not start at LBA 0"));
    const cd::TextStrings text = cd::decode_text(disc.cd_text);
    if (const auto v = unquotable(text))
        return std::unexpected(fmt::format("the CD-Text string '{}' holds both quotes, a line break or a final "
                                           "backslash: a cue sheet cannot hold it (export .toc or .ccd)",
                                           *v));
    std::uint64_t total = 0;
    for (const Track* t : tracks) total += std::uint64_t{t->readable_end() - t->start} * form_of(*t).bytes;

    PendingFiles files;
    ExportedImage out;
    out.files.push_back(cue);
    std::string sheet;
    if (!disc.mcn.empty()) sheet += "CATALOG " + disc.mcn + "\n";
    sheet += text_lines(text, 0, "");
    const bool multisession = tracks.back()->session > 1;
    std::uint32_t previous_end = 0;
    for (std::size_t k = 0; k < tracks.size(); ++k) {
        const Track* t = tracks[k];
        const bool opens_session = k == 0 || tracks[k - 1]->session != t->session;
        const bool ends_session = k + 1 == tracks.size() || tracks[k + 1]->session != t->session;
        const TrackForm form = form_of(*t);
        const auto bin = cue.parent_path() / fmt::format("{} (Track {:02}).bin", cue.stem().string(), t->number);
        const FileDescriptor f(files.create(bin));
        if (f.get() < 0) return std::unexpected("cannot create " + bin.string() + ": " + std::strerror(errno));
        out.files.push_back(bin);
        const std::uint64_t before = out.bytes;
        auto copied = copy_blocks(store, t->start, t->readable_end(), form.whole, f.get(), 0, [&](std::uint64_t done) {
            out.bytes = before + done;
            if (progress) progress(out.bytes, total);
        });
        if (!copied) return std::unexpected(bin.string() + ": " + copied.error());
        if (::fdatasync(f.get()) != 0)
            return std::unexpected("cannot sync " + bin.string() + ": " + std::strerror(errno));
        if (multisession && opens_session) sheet += fmt::format("REM SESSION {:02}\n", t->session);
        sheet += fmt::format("FILE \"{}\" BINARY\n  TRACK {:02} {}\n", bin.filename().string(), t->number, form.mode);
        sheet += text_lines(text, t->number, "    ");
        sheet += flags_of(*t);
        if (!t->isrc.empty()) sheet += "    ISRC " + t->isrc + "\n";
        if (k > 0 && opens_session) { // the gap is implied (images/cue_image.cpp lays it out)
            const std::uint32_t gap = session_gap(MediaKind::CdRom, static_cast<std::uint16_t>(t->session - 1));
            if (t->start != previous_end + gap)
                return std::unexpected(fmt::format("session {} starts at {}, not {} blocks after session {} ends at "
                                                   "{}, as a cue sheet lays sessions out",
                                                   t->session, t->start, gap, t->session - 1, previous_end));
        } else if (t->start > previous_end) {
            sheet += "    PREGAP " + msf_text(t->start - previous_end) + "\n";
        }
        sheet += "    INDEX 01 00:00:00\n";
        for (std::size_t m = 0; m < t->index_marks.size(); ++m) // offsets in the track's own file
            sheet += fmt::format("    INDEX {:02} {}\n", m + 2, msf_text(t->index_marks[m] - t->start));
        // The run-out closing a session's last track (Track At Once) keeps its place as a
        // POSTGAP; between tracks of a session it is the next one's PREGAP.
        const std::uint32_t run_out = ends_session ? t->end() - t->readable_end() : 0;
        if (run_out > 0) sheet += "    POSTGAP " + msf_text(run_out) + "\n";
        previous_end = t->readable_end() + run_out;
    }
    if (auto written = files.create_text(cue, sheet); !written) return std::unexpected(written.error());
    if (auto ok = files.commit(cue.parent_path()); !ok) return std::unexpected(ok.error());
    return out;
}

} // namespace spindle
