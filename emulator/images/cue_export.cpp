#include "emulator/images/cue_export.hpp"

#include "emulator/media/cd_text_strings.hpp"
#include "emulator/media/sparse_image_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <vector>

namespace spindle {

namespace {

constexpr std::uint32_t chunk_blocks = 64;        // through memory
constexpr std::uint32_t copy_chunk_blocks = 4096; // file to file (copy_file_range), as cp copies

// `bytes` from `in` at `from` to `out` at `to` without passing through memory; how many went
// (fewer at the end of `in`, or none where the kernel cannot: the caller reads the rest).
std::uint64_t copy_range(int in, std::uint64_t from, int out, std::uint64_t to, std::uint64_t bytes) {
    std::uint64_t done = 0;
    while (done < bytes) {
        auto in_at = static_cast<off64_t>(from + done), out_at = static_cast<off64_t>(to + done);
        const ssize_t n = ::copy_file_range(in, &in_at, out, &out_at, bytes - done, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += static_cast<std::uint64_t>(n);
    }
    return done;
}

std::string duration(std::uint32_t blocks) { // MM:SS:FF, 75 frames a second
    return fmt::format("{:02}:{:02}:{:02}", blocks / (60 * 75), blocks / 75 % 60, blocks % 75);
}

// Files made under temporary names, renamed into place together or removed.
class PendingFiles {
public:
    ~PendingFiles() {
        for (const auto& p : pending_) ::unlink(partial(p).c_str());
    }
    // A new file that becomes `final` at commit(); -1 and errno on failure.
    int create(const std::filesystem::path& final) {
        const int fd = ::open(partial(final).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd >= 0) pending_.push_back(final);
        return fd;
    }
    // The sheet is made last, so it is renamed last: an image appears whole or not at all. The
    // directory is synced, so the new names last as the data does.
    std::expected<void, std::string> commit(const std::filesystem::path& dir) {
        for (const auto& p : pending_)
            if (::rename(partial(p).c_str(), p.c_str()) != 0)
                return std::unexpected("cannot rename into " + p.string() + ": " + std::strerror(errno));
        pending_.clear();
        if (auto synced = real_storage().sync_directory(dir.empty() ? "." : dir); !synced)
            return std::unexpected("cannot sync the directory of " + dir.string() + ": " +
                                   std::strerror(synced.error()));
        return {};
    }

private:
    static std::filesystem::path partial(const std::filesystem::path& p) {
        auto t = p;
        t += ".partial";
        return t;
    }
    std::vector<std::filesystem::path> pending_;
};

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

// The CD-Text of `track` (0: the disc) as cue commands, indented by `indent`.
std::string text_lines(const cd::TextStrings& text, std::size_t track, std::string_view indent) {
    static constexpr std::array<std::string_view, cd::text_types> commands{"TITLE",    "PERFORMER", "SONGWRITER",
                                                                           "COMPOSER", "ARRANGER",  "MESSAGE"};
    std::string out;
    for (std::size_t type = 0; type < cd::text_types; ++type) {
        const auto& strings = text.strings[type];
        if (track >= strings.size() || strings[track].empty()) continue;
        const std::string& v = strings[track];
        const char quote = v.find('"') == std::string::npos ? '"' : '\''; // libcue takes either
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
    if (tracks.back()->session != 1) return std::unexpected(std::string("a second session is not exported yet"));
    if (tracks.front()->start != 0) return std::unexpected(std::string("the first track does not start at LBA 0"));
    std::uint64_t total = 0;
    for (const Track* t : tracks) total += std::uint64_t{t->readable_end() - t->start} * form_of(*t).bytes;

    PendingFiles files;
    ExportedImage out;
    out.files.push_back(cue);
    std::string sheet;
    if (!disc.mcn.empty()) sheet += "CATALOG " + disc.mcn + "\n";
    const cd::TextStrings text = cd::decode_text(disc.cd_text);
    sheet += text_lines(text, 0, "");
    std::vector<std::uint8_t> chunk(std::size_t{chunk_blocks} * BlockStore::audio_block_size);
    std::uint32_t previous_end = 0;
    for (const Track* t : tracks) {
        const TrackForm form = form_of(*t);
        const auto bin = cue.parent_path() / fmt::format("{} (Track {:02}).bin", cue.stem().string(), t->number);
        const FileDescriptor f(files.create(bin));
        if (f.get() < 0) return std::unexpected("cannot create " + bin.string() + ": " + std::strerror(errno));
        out.files.push_back(bin);
        for (std::uint32_t lba = t->start; lba < t->readable_end();) {
            const std::uint64_t at = std::uint64_t{lba - t->start} * form.bytes;
            const std::uint32_t whole_run = std::min(copy_chunk_blocks, t->readable_end() - lba);
            if (const auto run = store.file_run(lba, whole_run, form.whole);
                run && copy_range(run->fd, run->offset, f.get(), at, std::uint64_t{whole_run} * form.bytes) ==
                           std::uint64_t{whole_run} * form.bytes) {
                lba += whole_run;
                out.bytes += std::uint64_t{whole_run} * form.bytes;
                if (progress) progress(out.bytes, total);
                continue;
            }
            const std::uint32_t n = std::min(chunk_blocks, t->readable_end() - lba);
            const auto data = std::span<std::uint8_t>(chunk).first(std::size_t{n} * form.bytes);
            if (!(form.whole ? store.read_audio(lba, data) : store.read(lba, data)))
                return std::unexpected(fmt::format("cannot read blocks {} to {} of the disc", lba, lba + n - 1));
            if (!file_io::write_fully(f.get(), data.data(), data.size(), at))
                return std::unexpected("cannot write " + bin.string() + ": " + std::strerror(errno));
            lba += n;
            out.bytes += data.size();
            if (progress) progress(out.bytes, total);
        }
        if (::fdatasync(f.get()) != 0)
            return std::unexpected("cannot sync " + bin.string() + ": " + std::strerror(errno));
        sheet += fmt::format("FILE \"{}\" BINARY\n  TRACK {:02} {}\n", bin.filename().string(), t->number, form.mode);
        sheet += text_lines(text, t->number, "    ");
        sheet += flags_of(*t);
        if (!t->isrc.empty()) sheet += "    ISRC " + t->isrc + "\n";
        if (t->start > previous_end) sheet += "    PREGAP " + duration(t->start - previous_end) + "\n";
        sheet += "    INDEX 01 00:00:00\n";
        previous_end = t->readable_end();
    }
    const FileDescriptor c(files.create(cue));
    if (c.get() < 0) return std::unexpected("cannot create " + cue.string() + ": " + std::strerror(errno));
    if (!file_io::write_fully(c.get(), reinterpret_cast<const std::uint8_t*>(sheet.data()), sheet.size(), 0) ||
        ::fdatasync(c.get()) != 0)
        return std::unexpected("cannot write " + cue.string() + ": " + std::strerror(errno));
    if (auto ok = files.commit(cue.parent_path()); !ok) return std::unexpected(ok.error());
    return out;
}

} // namespace spindle
