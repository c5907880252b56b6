#include "emulator/images/toc_export.hpp"

#include "emulator/media/cd_text_strings.hpp"
#include "emulator/media/sparse_image_store.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <vector>

namespace spindle {

namespace {

constexpr std::uint32_t chunk_blocks = 448; // about 1 MiB a write: fewer system calls per byte
constexpr std::uint32_t sector_header = 16; // sync and header, left out of a MODE2 (2336-byte) block

enum class Form : std::uint8_t { Audio, Mode1, Mode2Raw, Mode2 };
Form form_of(const Track& t) {
    if (t.audio()) return Form::Audio;
    if (!t.mode2()) return Form::Mode1;
    return t.sectors == DataSectors::Mode2 ? Form::Mode2 : Form::Mode2Raw;
}
std::uint32_t bytes_of(Form f) {
    switch (f) {
    case Form::Mode1: return BlockStore::block_size;
    case Form::Mode2: return BlockStore::audio_block_size - sector_header;
    case Form::Audio:
    case Form::Mode2Raw: break;
    }
    return BlockStore::audio_block_size;
}
std::string_view mode_of(Form f) {
    switch (f) {
    case Form::Audio: return "AUDIO";
    case Form::Mode1: return "MODE1";
    case Form::Mode2Raw: return "MODE2_RAW";
    case Form::Mode2: return "MODE2";
    }
    return "";
}

// Whole sectors of [first, end) into `fd` at `at` as `form` keeps them: audio big-endian,
// formless Mode 2 after its header. Names the blocks that failed to read.
std::expected<void, std::string> copy_reshaped(BlockStore& store, std::uint32_t first, std::uint32_t end, Form form,
                                               int fd, std::uint64_t at,
                                               const std::function<void(std::uint64_t)>& progress) {
    std::vector<std::uint8_t> chunk(std::size_t{chunk_blocks} * BlockStore::audio_block_size);
    std::uint64_t done = 0;
    for (std::uint32_t lba = first; lba < end;) {
        const std::uint32_t n = std::min(chunk_blocks, end - lba);
        const auto data = std::span<std::uint8_t>(chunk).first(std::size_t{n} * BlockStore::audio_block_size);
        if (!store.read_audio(lba, data))
            return std::unexpected(fmt::format("cannot read blocks {} to {} of the disc", lba, lba + n - 1));
        std::size_t out = 0;
        if (form == Form::Audio) {
            for (std::size_t i = 0; i + 1 < data.size(); i += 2) std::swap(data[i], data[i + 1]);
            out = data.size();
        } else {
            const std::uint32_t keep = bytes_of(form);
            for (std::uint32_t b = 0; b < n; ++b)
                std::memmove(data.data() + std::size_t{b} * keep,
                             data.data() + std::size_t{b} * BlockStore::audio_block_size + sector_header, keep);
            out = std::size_t{n} * keep;
        }
        if (!file_io::write_fully(fd, data.data(), out, at + done))
            return std::unexpected(std::string("cannot write: ") + std::strerror(errno));
        lba += n;
        done += out;
        if (progress) progress(done);
    }
    return {};
}

// `s` as a toc string: ", \ and bytes outside printable ASCII escaped (\ooo).
std::string toc_string(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\')
            out += std::string("\\") + c;
        else if (u < 0x20 || u >= 0x7F)
            out += fmt::format("\\{:03o}", u);
        else
            out += c;
    }
    return out + "\"";
}

// The CD_TEXT block of `track` (0: the disc's, with the language map), empty when it has none.
std::string cd_text_block(const cd::TextStrings& text, std::size_t track) {
    static constexpr std::array<std::string_view, cd::text_types> items{"TITLE",    "PERFORMER", "SONGWRITER",
                                                                        "COMPOSER", "ARRANGER",  "MESSAGE"};
    std::string lines;
    for (std::size_t type = 0; type < cd::text_types; ++type)
        if (track < text.strings[type].size() && !text.strings[type][track].empty())
            lines += fmt::format("    {} {}\n", items[type], toc_string(text.strings[type][track]));
    if (text.empty()) return {};
    const std::string map = track == 0 ? "  LANGUAGE_MAP {\n    0 : EN\n  }\n" : "";
    if (lines.empty() && track != 0) return {};
    return "CD_TEXT {\n" + map + "  LANGUAGE 0 {\n" + lines + "  }\n}\n";
}

std::string disc_type(const std::vector<const Track*>& tracks) {
    if (std::any_of(tracks.begin(), tracks.end(), [](const Track* t) { return t->mode2(); }) ||
        tracks.front()->session_format == cd_session_format::cd_rom_xa)
        return "CD_ROM_XA";
    if (std::all_of(tracks.begin(), tracks.end(), [](const Track* t) { return t->audio(); })) return "CD_DA";
    return "CD_ROM";
}

} // namespace

std::expected<ExportedImage, std::string> export_toc(const Disc& disc, BlockStore& store,
                                                     const std::filesystem::path& toc, const ExportProgress& progress) {
    if (disc.family() != MediaFamily::Cd)
        return std::unexpected(std::string("a ") + std::string(disc.type().name) +
                               " is not a CD: a toc file holds CD tracks");
    std::vector<const Track*> tracks;
    for (const auto& t : disc.tracks)
        if (!t.blank() && !t.invisible) tracks.push_back(&t);
    if (tracks.empty()) return std::unexpected(std::string("the disc has no recorded track to export"));
    if (tracks.back()->session != 1) // cdrdao(1): a toc file describes one session
        return std::unexpected(
            std::string("a toc file holds one session: write this multisession disc as a .cue or .ccd"));
    if (tracks.front()->start != 0) return std::unexpected(std::string("the first track does not start at LBA 0"));
    std::uint64_t total = 0;
    for (const Track* t : tracks) total += std::uint64_t{t->readable_end() - t->start} * bytes_of(form_of(*t));

    PendingFiles files;
    ExportedImage out;
    auto bin = toc;
    bin.replace_extension(".bin");
    out.files = {toc, bin};
    const FileDescriptor f(files.create(bin));
    if (f.get() < 0) return std::unexpected("cannot create " + bin.string() + ": " + std::strerror(errno));
    const cd::TextStrings text = cd::decode_text(disc.cd_text);
    std::string sheet = disc_type(tracks) + "\n";
    if (!disc.mcn.empty()) sheet += "CATALOG \"" + disc.mcn + "\"\n";
    sheet += cd_text_block(text, 0);
    const std::string bin_name = toc_string(bin.filename().string());
    std::uint32_t previous_end = 0;
    for (const Track* t : tracks) {
        const Form form = form_of(*t);
        const std::uint64_t at = out.bytes;
        const std::uint32_t blocks = t->readable_end() - t->start;
        const auto copied = [&](std::uint64_t done) {
            out.bytes = at + done;
            if (progress) progress(out.bytes, total);
        };
        auto ok = form == Form::Mode1 || form == Form::Mode2Raw
                      ? copy_blocks(store, t->start, t->readable_end(), form == Form::Mode2Raw, f.get(), at, copied)
                      : copy_reshaped(store, t->start, t->readable_end(), form, f.get(), at, copied);
        if (!ok) return std::unexpected(bin.string() + ": track " + std::to_string(t->number) + ": " + ok.error());
        out.bytes = at + std::uint64_t{blocks} * bytes_of(form);
        sheet += fmt::format("\n// Track {}\nTRACK {}\n{}COPY\n", t->number, mode_of(form),
                             (t->track_mode & 0x2) != 0 ? "" : "NO ");
        if (t->audio()) {
            sheet += (t->track_mode & 0x1) != 0 ? "PRE_EMPHASIS\n" : "NO PRE_EMPHASIS\n";
            sheet += (t->track_mode & 0x8) != 0 ? "FOUR_CHANNEL_AUDIO\n" : "TWO_CHANNEL_AUDIO\n";
            if (!t->isrc.empty()) sheet += "ISRC \"" + t->isrc + "\"\n";
        }
        sheet += cd_text_block(text, t->number);
        if (t->start > previous_end) sheet += "PREGAP " + msf_text(t->start - previous_end) + "\n";
        const std::string offset = at == 0 ? "" : fmt::format("#{} ", at);
        if (t->audio())
            sheet += fmt::format("FILE {} {}0 {}\n", bin_name, offset, msf_text(blocks));
        else
            sheet += fmt::format("DATAFILE {} {}{} // length in bytes: {}\n", bin_name, offset, msf_text(blocks),
                                 std::uint64_t{blocks} * bytes_of(form));
        for (const std::uint32_t m : t->index_marks) sheet += "INDEX " + msf_text(m - t->start) + "\n";
        previous_end = t->readable_end();
    }
    if (::fdatasync(f.get()) != 0) return std::unexpected("cannot sync " + bin.string() + ": " + std::strerror(errno));
    if (auto written = files.create_text(toc, sheet); !written) return std::unexpected(written.error());
    if (auto ok = files.commit(toc.parent_path()); !ok) return std::unexpected(ok.error());
    return out;
}

} // namespace spindle
