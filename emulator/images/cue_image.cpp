#include "emulator/images/cue_image.hpp"

#include "emulator/images/extent_store.hpp"
#include "emulator/images/image_medium.hpp"
#include "emulator/media/audio_files.hpp"
#include "emulator/media/cd_subchannel.hpp"
#include "emulator/media/cd_text_strings.hpp"
#include "emulator/media/checked_files.hpp"
#include "emulator/media/disc_json.hpp"

#include <fmt/format.h>
#include <libcue.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>
#include <sstream>
#include <string_view>
#include <vector>

namespace spindle {

namespace {

constexpr std::uint32_t frames_per_second = 75, seconds_per_minute = 60;

enum class FileType : std::uint8_t { Binary, Motorola, Wave };

// The words of a line: blank-separated, a double-quoted word may hold blanks.
std::vector<std::string> words_of(std::string_view line) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < line.size();) {
        if (std::isspace(static_cast<unsigned char>(line[i])) != 0) {
            ++i;
            continue;
        }
        std::string w;
        if (line[i] == '"') {
            const std::size_t end = line.find('"', i + 1);
            w = std::string(line.substr(i + 1, end == std::string_view::npos ? std::string_view::npos : end - i - 1));
            i = end == std::string_view::npos ? line.size() : end + 1;
        } else {
            while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])) == 0) w += line[i++];
        }
        out.push_back(std::move(w));
    }
    return out;
}

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

// mm:ss:ff with seconds below 60 and frames below 75.
bool valid_time(const std::string& t) {
    unsigned m = 0, s = 0, f = 0;
    char tail = 0;
    return std::sscanf(t.c_str(), "%u:%u:%u%c", &m, &s, &f, &tail) == 3 && s < seconds_per_minute &&
           f < frames_per_second;
}

// The frames of a valid mm:ss:ff.
std::uint32_t frames_of(const std::string& t) {
    unsigned m = 0, sec = 0, f = 0;
    std::sscanf(t.c_str(), "%u:%u:%u", &m, &sec, &f);
    return (m * seconds_per_minute + sec) * frames_per_second + f;
}

bool number_in(const std::string& w, unsigned low, unsigned high) {
    if (w.empty() || w.size() > 2 || !std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    const auto n = static_cast<unsigned>(std::stoul(w));
    return n >= low && n <= high;
}

// A track's INDEX 02 and later: frames into its FILE, in order, and the line each is on.
struct Marks {
    std::vector<std::uint32_t> frames;
    std::vector<unsigned> lines;
};

// What the scan keeps of the sheet, where libcue 2.2 keeps nothing: each FILE's type, each
// track's session, index marks and the catalogue number.
struct SheetFacts {
    std::vector<FileType> file_types;    // per FILE command, in order
    std::vector<std::uint16_t> sessions; // per TRACK command, in order
    std::vector<Marks> marks;            // per TRACK command, in order
    std::string catalog;
};

// INDEX NN after the track's last index `last` (-1: none) at `frames` (the last at
// `last_frames`): 02 and later follow 01 up by one, later in the same FILE.
std::expected<void, std::string> check_mark(unsigned n, int last, std::uint32_t frames, std::uint32_t last_frames,
                                            bool other_file) {
    if (n < 2) return {};
    if (last < 1 || n != static_cast<unsigned>(last) + 1)
        return std::unexpected(fmt::format("INDEX {:02}: expected INDEX {:02}: index numbers go up by one from 01", n,
                                           last < 1 ? 1 : last + 1));
    if (frames <= last_frames)
        return std::unexpected(fmt::format("INDEX {:02}: expected a time after INDEX {:02}'s", n, last));
    if (other_file) return std::unexpected(fmt::format("INDEX {:02}: in another FILE than the track's INDEX 01", n));
    return {};
}

// `REM SESSION NN` opens session NN (redump's multisession sheets): sessions are numbered
// from 01 up by one, each with a track. `REM LEAD-OUT MM:SS:FF` is where a single-file
// image's session ends in its file; the next session's first index says the same, so it is
// checked and not needed.
std::expected<void, std::string> check_session_remark(const std::vector<std::string>& w, std::uint16_t& session,
                                                      bool& session_has_track) {
    const std::string remark = w.size() >= 2 ? upper(w[1]) : "";
    if (remark == "LEAD-OUT" && (w.size() != 3 || !valid_time(w[2])))
        return std::unexpected(std::string("expected REM LEAD-OUT MM:SS:FF, seconds below 60, frames below 75"));
    if (remark != "SESSION") return {};
    const unsigned expected = session + 1u;
    if (w.size() != 3 || !number_in(w[2], 1, 99) || std::stoul(w[2]) != expected)
        return std::unexpected("expected REM SESSION " + fmt::format("{:02}", expected) +
                               ": sessions are numbered from 01 up by one");
    if (session > 0 && !session_has_track)
        return std::unexpected("REM SESSION " + w[2] + ": session " + std::to_string(session) + " has no track");
    session = static_cast<std::uint16_t>(expected);
    session_has_track = false;
    return {};
}

// The line scan: every command known and well formed, each mistake named by its line.
std::expected<SheetFacts, std::string> check_lines(const std::string& text, const std::string& name) {
    static const std::array<std::string_view, 12> cd_text{"TITLE",     "PERFORMER", "SONGWRITER", "COMPOSER",
                                                          "ARRANGER",  "MESSAGE",   "DISC_ID",    "GENRE",
                                                          "TOC_INFO1", "TOC_INFO2", "UPC_EAN",    "SIZE_INFO"};
    SheetFacts facts;
    std::istringstream lines(text);
    std::string line;
    bool in_track = false, session_has_track = false;
    int last_index = -1; // the current track's last INDEX number, at last_frames of its FILE
    std::uint32_t last_frames = 0;
    bool file_since_index1 = false;
    std::uint16_t session = 0; // 0: no REM SESSION yet, the tracks are session 1's
    for (unsigned number = 1; std::getline(lines, line); ++number) {
        const auto fail = [&](const std::string& why) {
            return std::unexpected(name + ":" + std::to_string(number) + ": " + why);
        };
        const auto w = words_of(line);
        if (w.empty()) continue;
        const std::string command = upper(w[0]);
        if (command == "REM") {
            if (auto ok = check_session_remark(w, session, session_has_track); !ok) return fail(ok.error());
        } else if (command == "FILE") {
            if (w.size() != 3) return fail("expected FILE \"NAME\" TYPE");
            file_since_index1 = true;
            const std::string type = upper(w[2]);
            if (type == "BINARY")
                facts.file_types.push_back(FileType::Binary);
            else if (type == "MOTOROLA")
                facts.file_types.push_back(FileType::Motorola);
            else if (type == "WAVE")
                facts.file_types.push_back(FileType::Wave);
            else
                return fail("FILE type " + w[2] +
                            ": expected BINARY, MOTOROLA or WAVE (convert AIFF, MP3 or FLAC to WAVE first)");
        } else if (command == "TRACK") {
            if (facts.file_types.empty()) return fail("TRACK before any FILE");
            if (w.size() != 3 || !number_in(w[1], 1, 99)) return fail("expected TRACK NN MODE, NN from 01 to 99");
            const std::string mode = upper(w[2]);
            if (mode != "AUDIO" && mode != "MODE1/2048" && mode != "MODE1/2352" && mode != "MODE2/2336" &&
                mode != "MODE2/2352")
                return fail("track mode " + w[2] +
                            ": expected AUDIO, MODE1/2048, MODE1/2352, MODE2/2336 or MODE2/2352 (CDG and CDI are "
                            "not loaded)");
            in_track = true;
            session = std::max<std::uint16_t>(session, 1);
            session_has_track = true;
            facts.sessions.push_back(session);
            facts.marks.emplace_back();
            last_index = -1;
        } else if (command == "INDEX") {
            if (!in_track) return fail("INDEX before any TRACK");
            if (w.size() != 3 || !number_in(w[1], 0, 99)) return fail("expected INDEX NN MM:SS:FF, NN from 00 to 99");
            if (!valid_time(w[2]))
                return fail("time " + w[2] + ": expected MM:SS:FF, seconds below 60, frames below 75");
            const auto n = static_cast<unsigned>(std::stoul(w[1]));
            const std::uint32_t frames = frames_of(w[2]);
            if (auto ok = check_mark(n, last_index, frames, last_frames, file_since_index1); !ok)
                return fail(ok.error());
            if (n >= 2) {
                facts.marks.back().frames.push_back(frames);
                facts.marks.back().lines.push_back(number);
            }
            if (n == 1) file_since_index1 = false;
            last_index = static_cast<int>(n);
            last_frames = frames;
        } else if (command == "PREGAP" || command == "POSTGAP") {
            if (!in_track) return fail(command + " before any TRACK");
            if (w.size() != 2 || !valid_time(w[1]))
                return fail("expected " + command + " MM:SS:FF, seconds below 60, frames below 75");
        } else if (command == "FLAGS") {
            if (!in_track) return fail("FLAGS before any TRACK");
            for (std::size_t i = 1; i < w.size(); ++i)
                if (const auto f = upper(w[i]); f != "DCP" && f != "4CH" && f != "PRE" && f != "SCMS")
                    return fail("flag " + w[i] + ": expected DCP, 4CH, PRE or SCMS");
        } else if (command == "ISRC") {
            if (!in_track) return fail("ISRC before any TRACK");
            if (w.size() != 2 || !cd::valid_isrc(w[1]))
                return fail("expected ISRC CCOOOYYSSSSS: 5 letters or digits, then 7 digits");
        } else if (command == "CATALOG") {
            if (w.size() != 2 || !cd::valid_mcn(w[1])) return fail("expected CATALOG and 13 digits");
            facts.catalog = w[1];
        } else if (command == "CDTEXTFILE") {
            if (w.size() != 2) return fail("expected CDTEXTFILE \"NAME\"");
        } else if (std::find(cd_text.begin(), cd_text.end(), command) == cd_text.end()) {
            return fail("unknown command " + w[0]);
        }
    }
    // libcue leaks what it parsed of a sheet it rejects: only a sheet with tracks goes to it.
    if (facts.file_types.empty() || !in_track) return std::unexpected(name + ": no FILE and TRACK: not a cue sheet");
    if (!session_has_track) return std::unexpected(name + ": session " + std::to_string(session) + " has no track");
    return facts;
}

struct CdDeleter {
    void operator()(Cd* cd) const { cd_delete(cd); }
};

// One file a sheet names: open, its size, and where its sectors start (a WAVE's samples).
struct SourceFile {
    std::shared_ptr<FileDescriptor> fd;
    std::uint64_t first = 0, size = 0;
    FileType type = FileType::Binary;
};

std::expected<SourceFile, std::string> open_source(const std::filesystem::path& path, FileType type) {
    auto fd = open_named_file(path, "image file");
    if (!fd) return std::unexpected(fd.error());
    struct stat st {};
    if (::fstat(fd->get(), &st) != 0) return std::unexpected(path.string() + ": " + std::strerror(errno));
    SourceFile f{std::make_shared<FileDescriptor>(std::move(*fd)), 0, static_cast<std::uint64_t>(st.st_size), type};
    if (type == FileType::Wave) {
        auto samples = wave_samples(f.fd->get(), f.size, path.string());
        if (!samples) return std::unexpected(samples.error());
        if (!*samples) return std::unexpected(path.string() + ": FILE type WAVE, but not a RIFF/WAVE file");
        f.first = (*samples)->offset;
        f.size = (*samples)->offset + (*samples)->bytes;
    }
    return f;
}

ImageSectors sectors_of(enum TrackMode mode, FileType type) {
    switch (mode) {
    case MODE_MODE1: return ImageSectors::Mode1User;
    case MODE_MODE1_RAW: return ImageSectors::Mode1Raw;
    case MODE_MODE2:
    case MODE_MODE2_FORM_MIX: return ImageSectors::Mode2After;
    case MODE_MODE2_RAW: return ImageSectors::Mode2Raw;
    default: return type == FileType::Motorola ? ImageSectors::AudioSwapped : ImageSectors::Audio;
    }
}

bool audio(ImageSectors s) { return s == ImageSectors::Audio || s == ImageSectors::AudioSwapped; }

// The CD-Text fields of the sheet: the disc's before the first TRACK, each track's after it.
cd::TextStrings cd_text_of(const Cd* cd) {
    const int tracks = cd_get_ntrack(cd);
    cd::TextStrings text;
    text.last_track = static_cast<std::uint8_t>(tracks);
    for (std::size_t type = 0; type < cd::text_types; ++type) {
        auto& strings = text.strings[type];
        strings.assign(static_cast<std::size_t>(tracks) + 1, std::string());
        const auto pti = static_cast<enum Pti>(PTI_TITLE + static_cast<int>(type));
        if (const char* v = cdtext_get(pti, cd_get_cdtext(cd)); v != nullptr) strings[0] = v;
        for (int i = 1; i <= tracks; ++i)
            if (const char* v = cdtext_get(pti, track_get_cdtext(cd_get_track(cd, i))); v != nullptr)
                strings[static_cast<std::size_t>(i)] = v;
    }
    return text;
}

} // namespace

bool is_cue_sheet(const std::filesystem::path& file) {
    const auto head = text_head(file);
    if (!head) return false;
    const std::string_view text = *head;
    bool file_command = false, track_command = false;
    std::istringstream lines{std::string(text)};
    for (std::string line; std::getline(lines, line);) {
        const auto w = words_of(line);
        if (w.empty()) continue;
        file_command = file_command || upper(w[0]) == "FILE";
        track_command = track_command || upper(w[0]) == "TRACK";
    }
    return file_command && track_command;
}

std::expected<std::unique_ptr<Medium>, std::string> load_cue_image(const std::filesystem::path& cue) {
    const std::string name = cue.string();
    auto read = read_descriptor_text(cue, "cue sheet");
    if (!read) return std::unexpected(read.error());
    const std::string& text = *read;
    auto facts = check_lines(text, name);
    if (!facts) return std::unexpected(facts.error());
    // libcue's scanner carries its state into the next sheet it reads when a sheet ends inside
    // a REM or a quoted string: there the next sheet's FILE was taken for a comment. A final
    // newline ends both.
    const std::unique_ptr<Cd, CdDeleter> cd(cue_parse_string((text.ends_with('\n') ? text : text + '\n').c_str()));
    if (!cd || cd_get_ntrack(cd.get()) < 1) return std::unexpected(name + ": no track that libcue can read");

    // The files, in the order the sheet names them (each FILE command its own type).
    std::map<std::string, SourceFile> files;
    std::vector<std::string> file_order;
    const auto dir = cue.parent_path();
    Disc disc;
    disc.kind = MediaKind::CdRom;
    std::vector<ImageExtent> extents;
    std::uint32_t lba = 0; // where the next track's data goes
    const int tracks = cd_get_ntrack(cd.get());
    for (int i = 1; i <= tracks; ++i) {
        ::Track* t = cd_get_track(cd.get(), i);
        const std::string what = name + ": track " + std::to_string(i);
        const char* file_name = track_get_filename(t);
        if (file_name == nullptr) return std::unexpected(what + ": no FILE");
        if (!files.contains(file_name)) {
            if (file_order.size() >= facts->file_types.size())
                return std::unexpected(what + ": a FILE the scan missed");
            auto f = open_source(dir / file_name, facts->file_types[file_order.size()]);
            if (!f) return std::unexpected(f.error());
            files.emplace(file_name, std::move(*f));
            file_order.push_back(file_name);
        }
        const SourceFile& file = files.at(file_name);
        const ImageSectors sectors = sectors_of(track_get_mode(t), file.type);
        const std::uint32_t sector_bytes = image_sector_bytes(sectors);
        const long index1 = track_get_index(t, 1), index0 = track_get_index(t, 0);
        if (index1 < 0) return std::unexpected(what + ": no INDEX 01");
        if (index0 > index1) return std::unexpected(what + ": INDEX 00 after INDEX 01");
        // Where its data starts in the file: INDEX 00 when the file holds its pregap.
        const long first = index0 >= 0 ? index0 : index1;
        // It runs to the next track's first index in the same file, or to the file's end.
        std::optional<long> next_first;
        if (i < tracks) {
            ::Track* n = cd_get_track(cd.get(), i + 1);
            if (const char* nf = track_get_filename(n); nf != nullptr && std::string_view(nf) == file_name) {
                const long n0 = track_get_index(n, 0), n1 = track_get_index(n, 1);
                next_first = n0 >= 0 ? n0 : n1;
            }
        }
        const std::uint64_t start_byte = file.first + std::uint64_t(first) * sector_bytes;
        if (start_byte > file.size) return std::unexpected(what + ": starts past the end of " + file_name);
        std::uint64_t blocks = 0;
        if (next_first) {
            if (*next_first < first)
                return std::unexpected(what + ": the next track starts before it in " + std::string(file_name));
            blocks = std::uint64_t(*next_first - first);
            if (start_byte + blocks * sector_bytes > file.size)
                return std::unexpected(what + ": " + file_name + " ends inside it");
        } else {
            const std::uint64_t bytes = file.size - start_byte;
            if (bytes % sector_bytes != 0 && !audio(sectors))
                return std::unexpected(what + ": " + file_name + " holds " + std::to_string(bytes) +
                                       " bytes from its start: not whole " + std::to_string(sector_bytes) +
                                       "-byte sectors");
            blocks = (bytes + sector_bytes - 1) / sector_bytes; // audio: the last block padded
        }
        if (blocks > max_capacity_blocks(MediaKind::CdRom)) // before any 32-bit sum can wrap
            return std::unexpected(what + ": " + std::to_string(blocks) + " blocks: more than a CD addresses");
        const auto pregap_in_file = static_cast<std::uint32_t>(index1 - first);
        if (blocks <= pregap_in_file) return std::unexpected(what + ": no block from INDEX 01 on");
        // A PREGAP the file does not hold lies between the tracks: before an audio track the
        // drive's pause (silence). A pregap the file holds (INDEX 00) stays with the track before,
        // as a Session At Once burn lays it out, when its blocks are of that track's kind;
        // otherwise it too lies between them. Track 1's are the disc's own 150 blocks before
        // LBA 0, not served.
        // A later session's first track starts after the lead-out, the next lead-in and its
        // pregap (session_gap), which is all its pregap: in the file (INDEX 00) or not.
        const bool is_audio = audio(sectors);
        const bool is_mode2 = sectors == ImageSectors::Mode2After || sectors == ImageSectors::Mode2Raw;
        const long pregap = index0 >= 0 ? 0 : std::max(0L, track_get_zero_pre(t));
        const std::uint16_t session = facts->sessions[static_cast<std::size_t>(i - 1)];
        std::uint32_t data_lba = lba;
        std::uint64_t skip = 0;
        if (i == 1) {
            skip = pregap_in_file;
        } else if (session != disc.tracks.back().session) {
            if (pregap_in_file > cd_pregap_blocks)
                return std::unexpected(what + ": opens session " + std::to_string(session) + " with " +
                                       std::to_string(pregap_in_file) + " blocks before INDEX 01: expected at most " +
                                       std::to_string(cd_pregap_blocks) + ", its pregap");
            data_lba = lba + session_gap(MediaKind::CdRom, static_cast<std::uint16_t>(session - 1)) - pregap_in_file;
        } else {
            data_lba = lba + static_cast<std::uint32_t>(pregap);
            spindle::Track& before = disc.tracks.back();
            if (before.audio() == is_audio && before.mode2() == is_mode2 && before.end() == data_lba) {
                before.size += pregap_in_file;
                before.recorded = before.size;
            }
        }
        const std::uint32_t start = i == 1 ? 0 : data_lba + pregap_in_file;
        extents.push_back(ImageExtent{data_lba, static_cast<std::uint32_t>(blocks - skip), file.fd,
                                      start_byte + skip * sector_bytes, sectors});
        spindle::Track track;
        track.number = static_cast<std::uint16_t>(i);
        track.session = session;
        track.start = start;
        track.size = static_cast<std::uint32_t>(blocks - pregap_in_file) +
                     static_cast<std::uint32_t>(std::max(0L, track_get_zero_post(t)));
        track.recorded = track.size;
        track.closed = true;
        // Q CONTROL: data (bit 2) from the mode; the flags the sheet sets.
        track.track_mode = static_cast<std::uint8_t>(
            (is_audio ? 0x0 : 0x4) | (track_is_set_flag(t, FLAG_COPY_PERMITTED) != 0 ? 0x2 : 0) |
            (is_audio && track_is_set_flag(t, FLAG_PRE_EMPHASIS) != 0 ? 0x1 : 0) |
            (is_audio && track_is_set_flag(t, FLAG_FOUR_CHANNEL) != 0 ? 0x8 : 0));
        if (is_audio) {
            track.data_mode = 0xF;
        } else if (is_mode2) {
            track.data_mode = 0x2;
            track.sectors = DataSectors::Xa; // as cdrdao takes MODE2 images: XA sectors, either form
            track.form2 = true;              // READ(10) looks at each sector's form
        }
        if (const char* isrc = track_get_isrc(t); isrc != nullptr && is_audio) track.isrc = isrc;
        // INDEX 02 and later: frames in the file, as INDEX 01; inside the track's own blocks.
        const Marks& marks = facts->marks[static_cast<std::size_t>(i - 1)];
        for (std::size_t m = 0; m < marks.frames.size(); ++m) {
            if (marks.frames[m] >= std::uint64_t(first) + blocks)
                return std::unexpected(fmt::format("{}:{}: INDEX {:02}: past the end of track {} in {}", name,
                                                   marks.lines[m], m + 2, i, file_name));
            track.index_marks.push_back(start + static_cast<std::uint32_t>(marks.frames[m] - index1));
        }
        lba = start + track.size;
        disc.tracks.push_back(track);
    }
    auto packs = cd::encode_text(cd_text_of(cd.get()));
    if (!packs) return std::unexpected(name + ": more CD-Text than a block's 256 packs hold");
    disc.cd_text = std::move(*packs);
    mark_xa_sessions(disc);
    disc.mcn = facts->catalog;
    if (lba > max_capacity_blocks(MediaKind::CdRom))
        return std::unexpected(name + ": " + std::to_string(lba) + " blocks: more than a CD addresses (" +
                               std::to_string(max_capacity_blocks(MediaKind::CdRom)) + ")");
    return served_image(std::move(disc), lba, std::move(extents), name);
}

} // namespace spindle
