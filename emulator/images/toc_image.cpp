#include "emulator/images/toc_image.hpp"

#include "emulator/images/extent_store.hpp"
#include "emulator/images/image_medium.hpp"
#include "emulator/images/toc_sheet.hpp"
#include "emulator/media/audio_files.hpp"
#include "emulator/media/cd_text_strings.hpp"
#include "emulator/media/checked_files.hpp"
#include "emulator/media/disc_json.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <map>
#include <sstream>

namespace spindle {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// A file a toc names, open: where its samples or sectors start and end.
struct SourceFile {
    std::shared_ptr<FileDescriptor> fd;
    std::uint64_t first = 0, end = 0;
    bool wave = false;
};

std::expected<SourceFile, std::string> open_source(const std::filesystem::path& path, bool audio,
                                                   const std::string& where) {
    const std::string ext = lower(path.extension().string());
    if (audio && (ext == ".mp3" || ext == ".ogg" || ext == ".flac"))
        return std::unexpected(where + path.filename().string() + ": " + ext.substr(1) +
                               " audio is not served (convert it to WAVE or raw samples first)");
    auto fd = open_named_file(path, "image file");
    if (!fd) return std::unexpected(where + fd.error());
    struct stat st {};
    if (::fstat(fd->get(), &st) != 0) return std::unexpected(where + path.string() + ": " + std::strerror(errno));
    SourceFile f{std::make_shared<FileDescriptor>(std::move(*fd)), 0, static_cast<std::uint64_t>(st.st_size),
                 audio && ext == ".wav"};
    if (f.wave) { // cdrdao tells a WAVE file by its name
        auto samples = wave_samples(f.fd->get(), f.end, path.string());
        if (!samples) return std::unexpected(where + samples.error());
        if (!*samples) return std::unexpected(where + path.string() + ": named .wav, but not a RIFF/WAVE file");
        f.first = (*samples)->offset;
        f.end = (*samples)->offset + (*samples)->bytes;
    }
    return f;
}

ImageSectors sectors_of(toc::Mode m, bool wave, bool swap) {
    switch (m) {
    case toc::Mode::Mode1: return ImageSectors::Mode1User;
    case toc::Mode::Mode1Raw: return ImageSectors::Mode1Raw;
    case toc::Mode::Mode2:
    case toc::Mode::Mode2FormMix: return ImageSectors::Mode2After;
    case toc::Mode::Mode2Raw: return ImageSectors::Mode2Raw;
    case toc::Mode::Audio: break;
    }
    return wave != swap ? ImageSectors::Audio : ImageSectors::AudioSwapped; // raw files are big-endian
}

// A statement resolved: its bytes, and where a file holds them.
struct Run {
    std::uint64_t bytes = 0;
    const SourceFile* file = nullptr; // none: zeros
    std::uint64_t at = 0;
    bool swap = false;
    bool to_file_end = false;
};

} // namespace

bool is_toc_file(const std::filesystem::path& file) {
    const auto head = text_head(file);
    if (!head) return false;
    const std::string_view text = *head;
    static constexpr std::array<std::string_view, 6> modes{"AUDIO", "MODE1",     "MODE1_RAW",
                                                           "MODE2", "MODE2_RAW", "MODE2_FORM"};
    std::istringstream lines{std::string(text)};
    bool first = true, track = false;
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line.substr(0, line.find("//")));
        std::string w, next;
        if (!(words >> w)) continue;
        words >> next;
        if (first) {
            const bool opens = w == "CD_DA" || w == "CD_ROM" || w == "CD_ROM_XA" || w == "CD_I" || w == "TRACK" ||
                               w == "CD_TEXT" || w.starts_with("CD_TEXT{") || (w == "CATALOG" && next.starts_with('"'));
            if (!opens) return false;
            first = false;
        }
        if (w == "TRACK")
            track = track ||
                    std::any_of(modes.begin(), modes.end(), [&](std::string_view m) { return next.starts_with(m); });
    }
    return track;
}

std::expected<std::unique_ptr<Medium>, std::string> load_toc_image(const std::filesystem::path& toc_path) {
    const std::string name = toc_path.string();
    auto read = read_descriptor_text(toc_path, "toc file");
    if (!read) return std::unexpected(read.error());
    const std::string& text = *read;
    auto sheet = toc::parse(text, name);
    if (!sheet) return std::unexpected(sheet.error());

    std::map<std::pair<std::string, bool>, SourceFile> files; // by name and whether audio reads it
    Disc disc;
    disc.kind = MediaKind::CdRom;
    std::vector<ImageExtent> extents;
    cd::TextStrings text_strings;
    text_strings.last_track = static_cast<std::uint8_t>(sheet->tracks.size());
    for (std::size_t type = 0; type < cd::text_types; ++type) text_strings.strings[type].push_back(sheet->text[type]);
    std::uint64_t lba = 0; // where the next track's pregap starts
    for (std::size_t i = 0; i < sheet->tracks.size(); ++i) {
        const toc::Track& t = sheet->tracks[i];
        const bool audio = t.mode == toc::Mode::Audio;
        const std::uint64_t block = toc::block_bytes(t.mode);
        std::vector<Run> runs;
        std::uint64_t total = 0;
        for (std::size_t k = 0; k < t.pieces.size(); ++k) {
            const toc::Piece& p = t.pieces[k];
            const std::string where = name + ":" + std::to_string(p.line) + ": ";
            Run r{p.bytes.value_or(0), nullptr, 0, p.swap, false};
            if (!p.file.empty()) {
                const auto key = std::make_pair(p.file, audio);
                if (!files.contains(key)) {
                    auto f = open_source(toc_path.parent_path() / p.file, audio, where);
                    if (!f) return std::unexpected(f.error());
                    files.emplace(key, std::move(*f));
                }
                r.file = &files.at(key);
                r.at = r.file->first + p.offset;
                if (r.at > r.file->end) return std::unexpected(where + "starts past the end of " + p.file);
                if (!p.bytes) r.bytes = r.file->end - r.at;
                if (r.at + r.bytes > r.file->end)
                    return std::unexpected(where + p.file + " ends " + std::to_string(r.at + r.bytes - r.file->end) +
                                           " bytes before the statement does");
                r.to_file_end = r.at + r.bytes == r.file->end;
            }
            if (r.bytes % block != 0) {
                if (k + 1 < t.pieces.size())
                    return std::unexpected(where + std::to_string(r.bytes) + " bytes: not whole " +
                                           std::to_string(block) + "-byte blocks, and not the track's last statement");
                if (r.file != nullptr && (!audio || !r.to_file_end))
                    return std::unexpected(where + std::to_string(r.bytes) + " bytes: not whole " +
                                           std::to_string(block) + "-byte blocks" +
                                           (audio ? " up to the end of its file" : ""));
            }
            if (r.bytes > std::uint64_t{max_capacity_blocks(MediaKind::CdRom)} * block)
                return std::unexpected(where + "more than a CD addresses");
            total += r.bytes;
            runs.push_back(r);
        }
        const std::string what = name + ":" + std::to_string(t.line) + ": track " + std::to_string(i + 1);
        const std::uint64_t blocks = (total + block - 1) / block;
        if (blocks == 0) return std::unexpected(what + ": no data");
        std::uint64_t pregap_bytes = t.start_bytes.value_or(0);
        bool pregap_in_files = false;
        if (t.start_after)
            for (std::size_t k = 0; k < *t.start_after; ++k) pregap_bytes += runs[k].bytes;
        for (std::size_t k = 0, at = 0; k < runs.size() && at < pregap_bytes; at += runs[k++].bytes)
            pregap_in_files = pregap_in_files || runs[k].file != nullptr;
        const std::uint64_t pregap = (pregap_bytes + block - 1) / block;
        if (pregap >= blocks)
            return std::unexpected(name + ":" + std::to_string(t.start_line) + ": START at or past the end of track " +
                                   std::to_string(i + 1));
        // Where its blocks go: track 1's pregap is not served; a pregap the files hold, of the
        // kind of the track before, ends that track; any other lies between them.
        const bool mode2 = t.mode != toc::Mode::Audio && t.mode != toc::Mode::Mode1 && t.mode != toc::Mode::Mode1Raw;
        std::uint64_t skip = 0;
        if (i == 0) {
            skip = pregap;
        } else if (spindle::Track& before = disc.tracks.back();
                   pregap_in_files && before.audio() == audio && before.mode2() == mode2 && before.end() == lba) {
            before.size += static_cast<std::uint32_t>(pregap);
            before.recorded = before.size;
        }
        const std::uint64_t first_lba = lba;
        std::uint64_t at_block = 0;
        for (const Run& r : runs) {
            const std::uint64_t n = (r.bytes + block - 1) / block;
            if (r.file != nullptr && at_block + n > skip) {
                const std::uint64_t cut = skip > at_block ? skip - at_block : 0;
                extents.push_back(ImageExtent{static_cast<std::uint32_t>(first_lba + at_block + cut - skip),
                                              static_cast<std::uint32_t>(n - cut), r.file->fd, r.at + cut * block,
                                              sectors_of(t.mode, r.file->wave, r.swap)});
            }
            at_block += n;
        }
        spindle::Track track;
        track.number = static_cast<std::uint16_t>(i + 1);
        track.session = 1;
        track.start = static_cast<std::uint32_t>(i == 0 ? 0 : lba + pregap);
        track.size = static_cast<std::uint32_t>(blocks - pregap);
        track.recorded = track.size;
        track.closed = true;
        track.track_mode = static_cast<std::uint8_t>((audio ? 0x0 : 0x4) | (t.copy ? 0x2 : 0) |
                                                     (t.pre_emphasis ? 0x1 : 0) | (t.four_channel ? 0x8 : 0));
        if (audio) {
            track.data_mode = 0xF;
        } else if (mode2) {
            track.data_mode = 0x2;
            const bool xa = t.mode != toc::Mode::Mode2; // MODE2 is formless; FORM_MIX and RAW as cdrdao reads XA
            track.sectors = xa ? DataSectors::Xa : DataSectors::Mode2;
            track.form2 = xa;
        }
        track.isrc = t.isrc;
        for (const toc::IndexMark& m : t.index_marks) {
            if (m.blocks >= track.size)
                return std::unexpected(name + ":" + std::to_string(m.line) + ": INDEX past the end of track " +
                                       std::to_string(i + 1));
            track.index_marks.push_back(track.start + static_cast<std::uint32_t>(m.blocks));
        }
        lba = std::uint64_t{track.start} + track.size;
        if (lba > max_capacity_blocks(MediaKind::CdRom))
            return std::unexpected(what + ": ends at block " + std::to_string(lba) + ", more than a CD addresses (" +
                                   std::to_string(max_capacity_blocks(MediaKind::CdRom)) + ")");
        disc.tracks.push_back(track);
        for (std::size_t type = 0; type < cd::text_types; ++type) text_strings.strings[type].push_back(t.text[type]);
    }
    auto packs = cd::encode_text(text_strings);
    if (!packs) return std::unexpected(name + ": more CD-Text than a block's 256 packs hold");
    disc.cd_text = std::move(*packs);
    if (sheet->type == toc::DiscType::CdRomXa ||
        std::any_of(disc.tracks.begin(), disc.tracks.end(), [](const spindle::Track& t) { return t.mode2(); }))
        disc.tracks.front().session_format = cd_session_format::cd_rom_xa;
    disc.mcn = sheet->catalog;
    return served_image(std::move(disc), static_cast<std::uint32_t>(lba), std::move(extents), name);
}

} // namespace spindle
