#include "emulator/images/image_tracks.hpp"

#include "emulator/images/binary_fields.hpp"
#include "emulator/images/image_medium.hpp"
#include "emulator/media/cd_subchannel.hpp"
#include "emulator/media/disc_json.hpp"

#include <algorithm>

namespace spindle {

namespace {

constexpr std::uint32_t pw_bytes = 96; // a block's P-W sub-channel

bool audio(ImageSectors s) { return s == ImageSectors::Audio || s == ImageSectors::AudioSwapped; }
bool mode2(ImageSectors s) {
    return s == ImageSectors::Mode2After || s == ImageSectors::Mode2Raw || s == ImageSectors::Form1User;
}

Track track_of(const ImageTrack& t, std::uint16_t number) {
    Track track;
    track.number = number;
    track.session = t.session;
    track.start = static_cast<std::uint32_t>(t.start);
    track.size = t.blocks;
    track.recorded = t.blocks;
    track.closed = true;
    track.index_marks = t.index_marks;
    const bool is_audio = audio(t.sectors);
    track.track_mode = static_cast<std::uint8_t>(is_audio ? t.control & 0xB : 0x4 | (t.control & 0x2));
    if (is_audio) {
        track.data_mode = 0xF;
        if (cd::valid_isrc(t.isrc)) track.isrc = t.isrc;
    } else if (mode2(t.sectors)) {
        track.data_mode = 0x2;
        track.sectors = DataSectors::Xa;                    // as cdrdao takes Mode 2 images
        track.form2 = t.sectors != ImageSectors::Form1User; // READ(10) looks at each sector's form
    }
    return track;
}

} // namespace

std::expected<std::unique_ptr<Medium>, std::string> medium_from_image(const ImageDisc& image, const std::string& name) {
    if (image.tracks.empty()) return std::unexpected(name + ": no track");
    const std::uint32_t most = max_capacity_blocks(MediaKind::CdRom);
    Disc disc;
    disc.kind = MediaKind::CdRom;
    std::vector<ImageExtent> extents;
    std::uint64_t previous_end = 0;
    for (std::size_t i = 0; i < image.tracks.size(); ++i) {
        const ImageTrack& t = image.tracks[i];
        const auto number = static_cast<std::uint16_t>(i + 1);
        const auto fail = [&](const std::string& what) {
            return std::unexpected(refusal_at(name, t.entry_at, "track " + std::to_string(number) + ": " + what));
        };
        if (t.blocks == 0) return fail("no block from INDEX 01 on; expected at least one");
        if (t.start < 0 || t.start + std::int64_t{t.blocks} > std::int64_t{most})
            return fail("LBA " + std::to_string(t.start) + " and " + std::to_string(t.blocks) +
                        " blocks: expected a track within the " + std::to_string(most) + " blocks a CD addresses");
        const std::uint64_t stride = image_sector_bytes(t.sectors) + std::uint64_t{t.trailing};
        const std::uint64_t stored = std::uint64_t{t.pregap} + t.blocks;
        if (!within(t.offset, stored * stride, t.file_size))
            return fail(std::to_string(stored) + " blocks of " + std::to_string(stride) + " bytes from byte " +
                        std::to_string(t.offset) + " of " + t.file_name + ": expected them within its " +
                        std::to_string(t.file_size) + " bytes");
        // Blocks the file holds before LBA 0 (track 1's own pregap) are not served.
        const std::int64_t first = t.start - std::int64_t{t.pregap};
        const auto skip = static_cast<std::uint64_t>(std::max<std::int64_t>(0, -first));
        const auto first_served = static_cast<std::uint64_t>(first + static_cast<std::int64_t>(skip));
        if (first_served < previous_end)
            return fail("starts at LBA " + std::to_string(first_served) + " (pregap included): expected LBA " +
                        std::to_string(previous_end) + " or later, where track " + std::to_string(number - 1) +
                        " ends");
        ImageExtent extent{static_cast<std::uint32_t>(first_served),
                           static_cast<std::uint32_t>(stored - skip),
                           t.file,
                           t.offset + skip * stride,
                           t.sectors,
                           t.trailing};
        if (t.trailing == pw_bytes) { // interleaved P-W after each sector: its R-W are served
            extent.sub_file = t.file;
            extent.sub_offset = extent.offset + image_sector_bytes(t.sectors);
            extent.sub_stride = static_cast<std::uint32_t>(stride);
            extent.sub_by_channel = false;
        }
        extents.push_back(std::move(extent));
        // A pregap the file holds stays with the track before, as a Session At Once burn lays
        // it out, when it follows that track directly with blocks of its kind; otherwise it
        // lies between them.
        if (i > 0 && first_served < static_cast<std::uint64_t>(t.start)) {
            Track& before = disc.tracks.back();
            const bool same_kind = before.audio() == audio(t.sectors) && before.mode2() == mode2(t.sectors);
            if (same_kind && before.session == t.session && before.end() == first_served) {
                before.size += static_cast<std::uint32_t>(static_cast<std::uint64_t>(t.start) - first_served);
                before.recorded = before.size;
            }
        }
        disc.tracks.push_back(track_of(t, number));
        disc.tracks.back().recorded_rw = t.trailing == pw_bytes;
        previous_end = static_cast<std::uint64_t>(t.start) + t.blocks;
    }
    if (cd::valid_mcn(image.mcn)) disc.mcn = image.mcn;
    disc.cd_text = image.cd_text;
    mark_xa_sessions(disc);
    return served_image(std::move(disc), static_cast<std::uint32_t>(previous_end), std::move(extents), name);
}

} // namespace spindle
