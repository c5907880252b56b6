#pragma once
// What every disc image loader shares: reading its descriptor's text, marking CD-ROM XA
// sessions, and the finished medium (a complete disc served from the image's files, checked as
// any disc a drive loads).
#include "emulator/images/extent_store.hpp"
#include "emulator/media/disc.hpp"
#include "emulator/media/medium.hpp"

#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spindle {

// The text of a descriptor (a cue sheet, a toc file, a CloneCD .ccd), `what` naming it in
// refusals: at most 1 MiB (99 tracks with CD-Text take a few KiB) and no NUL byte, else it is
// no such thing.
std::expected<std::string, std::string> read_descriptor_text(const std::filesystem::path& file, std::string_view what);

// The first 4 KiB of `file` (less when it is shorter), what a format is told by; none when it
// cannot be read or is empty.
std::optional<std::string> file_head(const std::filesystem::path& file);
// The same when it is text (no NUL byte), as descriptors are.
std::optional<std::string> text_head(const std::filesystem::path& file);

// A session with a Mode 2 track is a CD-ROM XA session: its first track says so (the TOC's A0).
void mark_xa_sessions(Disc& disc);

// `disc`, every session closed, `blocks` long, served from `extents`; `name` (the descriptor)
// heads a refusal.
std::expected<std::unique_ptr<Medium>, std::string>
served_image(Disc disc, std::uint32_t blocks, std::vector<ImageExtent> extents, const std::string& name);

} // namespace spindle
