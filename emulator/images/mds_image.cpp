#include "emulator/images/mds_image.hpp"

#include "emulator/images/binary_fields.hpp"
#include "emulator/images/image_tracks.hpp"
#include "emulator/media/checked_files.hpp"

#include <fmt/format.h>

#include <map>
#include <optional>
#include <string_view>

namespace spindle {

namespace {

constexpr std::string_view signature = "MEDIA DESCRIPTOR";
constexpr std::size_t largest_descriptor = 1 << 20; // bytes: a CD's is a few KiB
constexpr std::size_t header_bytes = 88, session_bytes = 24, track_bytes = 80, extra_bytes = 8, footer_bytes = 16;
constexpr std::uint8_t subchannel_none = 0x00, subchannel_interleaved = 0x08;
constexpr std::uint32_t subchannel_bytes = 96;

// The sectors a mode stores in `main` bytes (the sub-channel's left out), if it can.
std::optional<ImageSectors> mds_sectors(std::uint8_t mode, std::uint32_t main) {
    switch (mode & 0x7) { // 8 more is the same mode
    case 0x1: return main == 2352 ? std::optional(ImageSectors::Audio) : std::nullopt;
    case 0x2:
        if (main == 2048) return ImageSectors::Mode1User;
        return main == 2352 ? std::optional(ImageSectors::Mode1Raw) : std::nullopt;
    case 0x6: return std::nullopt; // no mode Alcohol knows
    case 0x4:
        if (main == 2048) return ImageSectors::Form1User;
        [[fallthrough]];
    default: // Mode 2: formless, Form 2, or mixed
        if (main == 2336) return ImageSectors::Mode2After;
        return main == 2352 ? std::optional(ImageSectors::Mode2Raw) : std::nullopt;
    }
}

void append_utf8(std::string& out, std::uint32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

class MdsParser {
public:
    MdsParser(std::filesystem::path mds, std::vector<std::uint8_t> bytes)
        : mds_(std::move(mds)), name_(mds_.string()), bytes_(std::move(bytes)) {}

    std::expected<ImageDisc, std::string> parse() {
        if (bytes_.size() < header_bytes || std::string_view(chars(0), signature.size()) != signature)
            return fail(0, "expected \"MEDIA DESCRIPTOR\" and an 88-byte header");
        if (bytes_[16] == 2)
            return fail(16, "version 2: a DAEMON Tools MDX/MDSv2 image (compressed and encrypted); "
                            "expected an Alcohol 120% descriptor, version 1");
        if (bytes_[16] != 1) return fail(16, fmt::format("version {}: expected 1", bytes_[16]));
        const auto medium = le(18, 2);
        if (medium == 0x10 || medium == 0x12)
            return fail(18, fmt::format("medium {:#04x}: a DVD image; expected a CD (0x00, 0x01 or 0x02)", medium));
        if (medium > 0x02)
            return fail(18, fmt::format("medium {:#04x}: expected 0x00 (CD-ROM), 0x01 (CD-R) or 0x02 (CD-RW)", medium));
        const auto sessions = le(20, 2);
        const auto sessions_at = le(80, 4);
        if (sessions == 0 || !within(sessions_at, sessions * session_bytes, bytes_.size()))
            return fail(80, fmt::format("{} sessions at byte {}: expected at least one, within the {} bytes of the "
                                        "file",
                                        sessions, sessions_at, bytes_.size()));
        for (std::uint64_t s = 0; s < sessions; ++s) {
            const std::uint64_t at = sessions_at + s * session_bytes;
            if (le(at + 8, 2) != s + 1)
                return fail(at + 8, fmt::format("session {}: expected {}", le(at + 8, 2), s + 1));
            const auto blocks = le(at + 10, 1), tracks_at = le(at + 20, 4);
            if (!within(tracks_at, blocks * track_bytes, bytes_.size()))
                return fail(at + 20, fmt::format("{} track blocks at byte {}: expected them within the {} bytes of the "
                                                 "file",
                                                 blocks, tracks_at, bytes_.size()));
            const std::size_t before = image_.tracks.size();
            for (std::uint64_t b = 0; b < blocks; ++b)
                if (auto ok = track(tracks_at + b * track_bytes, static_cast<std::uint16_t>(s + 1)); !ok)
                    return std::unexpected(ok.error());
            if (image_.tracks.size() == before) return fail(at, "session " + std::to_string(s + 1) + ": no track");
        }
        return std::move(image_);
    }

private:
    const char* chars(std::size_t at) const { return reinterpret_cast<const char*>(bytes_.data() + at); }
    std::uint64_t le(std::uint64_t at, std::size_t width) const { return little_endian(bytes_, at, width); }
    std::unexpected<std::string> fail(std::uint64_t at, const std::string& what) const {
        return std::unexpected(refusal_at(name_, at, what));
    }

    std::expected<void, std::string> track(std::uint64_t at, std::uint16_t session) {
        const std::uint8_t point = bytes_[at + 4];
        if (point == 0 || point > 99) return {}; // A0, A1, A2 ...: the TOC's, not a track
        const std::size_t number = image_.tracks.size() + 1;
        if (point != number) return fail(at + 4, fmt::format("track {}: expected track {}", point, number));
        const std::uint8_t mode = bytes_[at], subchannel = bytes_[at + 1];
        if (subchannel != subchannel_none && subchannel != subchannel_interleaved)
            return fail(at + 1, fmt::format("sub-channel {:#04x}: expected 0x00 (none) or 0x08 (96 bytes, "
                                            "interleaved)",
                                            subchannel));
        const auto size = static_cast<std::uint32_t>(le(at + 16, 2));
        const std::uint32_t trailing = subchannel == subchannel_interleaved ? subchannel_bytes : 0;
        const auto sectors = size >= trailing ? mds_sectors(mode, size - trailing) : std::nullopt;
        if (!sectors)
            return fail(at + 16,
                        fmt::format("mode {:#04x}, sub-channel {:#04x}, {}-byte sectors: expected 2352 (audio), "
                                    "2048 or 2352 (Mode 1), 2048, 2336 or 2352 (Mode 2), 96 more with the "
                                    "sub-channel",
                                    mode, subchannel, size));
        const auto extra_at = le(at + 12, 4);
        if (extra_at == 0 || !within(extra_at, extra_bytes, bytes_.size()))
            return fail(at + 12, fmt::format("extra block at byte {}: expected one within the {} bytes of the file",
                                             extra_at, bytes_.size()));
        const auto files = le(at + 48, 4);
        if (files != 1)
            return fail(at + 48,
                        fmt::format("{} files: expected the track in one file (split files are DVD images')", files));
        auto file = data_file(at + 52);
        if (!file) return std::unexpected(file.error());
        ImageTrack t;
        t.entry_at = at;
        t.session = session;
        t.start = static_cast<std::int64_t>(le(at + 36, 4));
        t.blocks = static_cast<std::uint32_t>(le(extra_at + 4, 4));
        t.file = file->fd;
        t.file_name = file->path.string();
        t.file_size = file->size;
        t.offset = le(at + 40, 8);
        t.sectors = *sectors;
        t.trailing = trailing;
        t.control = bytes_[at + 2] & 0x0F;
        image_.tracks.push_back(std::move(t));
        return {};
    }

    struct DataFile {
        std::filesystem::path path;
        std::shared_ptr<FileDescriptor> fd;
        std::uint64_t size = 0;
    };

    // The .mdf the footer whose offset is at `at` names, opened once.
    std::expected<DataFile, std::string> data_file(std::uint64_t at) {
        const auto footer = le(at, 4);
        if (!within(footer, footer_bytes, bytes_.size()))
            return fail(at, fmt::format("footer at byte {}: expected one within the {} bytes of the file", footer,
                                        bytes_.size()));
        const auto name_at = le(footer, 4);
        const bool wide = le(footer + 4, 4) == 1;
        std::string name;
        std::uint64_t i = name_at;
        for (;; i += wide ? 2 : 1) {
            if (!within(i, wide ? 2 : 1, bytes_.size()))
                return fail(footer,
                            fmt::format("file name at byte {}: expected it to end (NUL) within the file", name_at));
            const auto c = static_cast<std::uint32_t>(le(i, wide ? 2 : 1));
            if (c == 0) break;
            append_utf8(name, c); // UTF-16 surrogates are not paired: names are short and plain
        }
        if (name.empty()) return fail(name_at, "an empty file name: expected the .mdf's");
        // "*.mdf": the descriptor's own name with that extension; otherwise a name beside it.
        std::filesystem::path path;
        if (name.starts_with("*."))
            path = std::filesystem::path(mds_).replace_extension(name.substr(1));
        else
            path = mds_.parent_path() / std::filesystem::path(name.substr(name.find_last_of("/\\") + 1));
        if (auto open = files_.find(path.string()); open != files_.end()) return open->second;
        auto fd = open_named_file(path, "MDF file");
        if (!fd) return std::unexpected(refusal_at(name_, name_at, "file " + name + ": " + fd.error()));
        const auto size = file_size_of(fd->get(), path.string());
        if (!size) return std::unexpected(size.error());
        DataFile f{path, std::make_shared<FileDescriptor>(std::move(*fd)), *size};
        files_.emplace(path.string(), f);
        return f;
    }

    std::filesystem::path mds_;
    std::string name_;
    std::vector<std::uint8_t> bytes_;
    ImageDisc image_;
    std::map<std::string, DataFile> files_;
};

} // namespace

bool is_mds_image(const std::filesystem::path& file) {
    auto fd = open_named_file(file, "image");
    if (!fd) return false;
    auto head = read_bytes_at(fd->get(), 0, signature.size(), "");
    return head && std::string_view(reinterpret_cast<const char*>(head->data()), head->size()) == signature;
}

std::expected<std::unique_ptr<Medium>, std::string> load_mds_image(const std::filesystem::path& mds) {
    const std::string name = mds.string();
    auto fd = open_named_file(mds, "MDS descriptor");
    if (!fd) return std::unexpected(fd.error());
    const auto size = file_size_of(fd->get(), name);
    if (!size) return std::unexpected(size.error());
    if (*size > largest_descriptor)
        return std::unexpected(refusal_at(
            name, 0, fmt::format("{} bytes: expected a descriptor of {} at most", *size, largest_descriptor)));
    auto bytes = read_bytes_at(fd->get(), 0, static_cast<std::size_t>(*size), name);
    if (!bytes) return std::unexpected(bytes.error());
    MdsParser parser(mds, std::move(*bytes));
    auto image = parser.parse();
    if (!image) return std::unexpected(image.error());
    return medium_from_image(*image, name);
}

} // namespace spindle
