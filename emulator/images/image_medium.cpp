#include "emulator/images/image_medium.hpp"

#include "emulator/media/checked_files.hpp"
#include "emulator/media/disc_json.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace spindle {

namespace {

constexpr std::size_t largest_descriptor = 1 << 20;
constexpr std::size_t head_bytes = 4096; // a format shows in its first lines, or first bytes

} // namespace

std::expected<std::string, std::string> read_descriptor_text(const std::filesystem::path& file, std::string_view what) {
    auto fd = open_named_file(file, std::string(what));
    if (!fd) return std::unexpected(fd.error());
    std::string text(largest_descriptor + 1, '\0');
    std::size_t got = 0;
    for (ssize_t n; got < text.size() &&
                    (n = ::pread(fd->get(), text.data() + got, text.size() - got, static_cast<off_t>(got))) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return std::unexpected(file.string() + ": " + std::strerror(errno));
        got += static_cast<std::size_t>(n);
    }
    if (got > largest_descriptor)
        return std::unexpected(file.string() + ": larger than 1 MiB: not a " + std::string(what));
    text.resize(got);
    // Text, never binary: a NUL would also end the sheet early for libcue's C-string parser.
    if (const auto nul = text.find('\0'); nul != std::string::npos)
        return std::unexpected(
            fmt::format("{}: line {}: a NUL byte: not a {} (a text file)", file.string(),
                        1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(nul), '\n'), what));
    return text;
}

std::optional<std::string> file_head(const std::filesystem::path& file) {
    auto fd = open_named_file(file, "image");
    if (!fd) return std::nullopt;
    std::string head(head_bytes, '\0');
    const ssize_t n = ::pread(fd->get(), head.data(), head.size(), 0);
    if (n <= 0) return std::nullopt;
    head.resize(static_cast<std::size_t>(n));
    return head;
}

std::optional<std::string> text_head(const std::filesystem::path& file) {
    auto head = file_head(file);
    if (!head || head->find('\0') != std::string::npos) return std::nullopt;
    return head;
}

void mark_xa_sessions(Disc& disc) {
    for (auto& first : disc.tracks) {
        if (first.number != disc.first_track_in_session(first.session)) continue;
        if (std::any_of(disc.tracks.begin(), disc.tracks.end(),
                        [&](const Track& t) { return t.session == first.session && t.mode2(); }))
            first.session_format = cd_session_format::cd_rom_xa;
    }
}

std::expected<std::unique_ptr<Medium>, std::string>
served_image(Disc disc, std::uint32_t blocks, std::vector<ImageExtent> extents, const std::string& name) {
    disc.capacity_blocks = blocks;
    disc.status = DiscStatus::Complete;
    disc.last_session = SessionState::Complete;
    if (auto ok = validate_disc_state(disc); !ok) return std::unexpected(name + ": " + ok.error());
    auto medium = std::make_unique<Medium>();
    medium->disc = std::move(disc);
    medium->store = std::make_unique<ExtentStore>(std::move(extents));
    return medium;
}

} // namespace spindle
