#pragma once
// Media presets: the discs a user or a profile names, as text.
//
//   STATE KIND [capacity=BLOCKS] [used=BLOCKS] [image=PATH]  e.g. "blank dvd+r", "appendable cd-r used=20000"
//   appendable|closed KIND from FILE [capacity=BLOCKS] [image=PATH]  e.g. "closed dvd+r from disc.iso"
//   rom from FILE | cd-rom from FILE | dvd-rom from FILE | bd-rom from FILE
//   cd-da from FILE [FILE...] [image=PATH]          e.g. "cd-da from one.wav two.wav"
//   saved PATH                                      a disc kept earlier (media/medium_files.hpp)
//
// STATE is blank, appendable (one closed session, more may follow), closed (finalized) or
// formatted. KIND is a media name of media_type.hpp (cd-r, cd-rw, dvd-r, dvd-r-dl, dvd-rw,
// dvd-rw-ro, dvd+r, dvd+r-dl, dvd+rw, dvd-ram, bd-r, bd-re). States per kind:
//   write-once and sequential (cd-r, cd-rw, dvd-r, dvd-r-dl, dvd-rw, dvd+r, dvd+r-dl, bd-r):
//     blank, appendable, closed;
//   dvd+rw, bd-re: blank (unformatted) or formatted; dvd-ram, dvd-rw-ro: formatted.
// capacity=BLOCKS replaces the kind's capacity (2048-byte blocks; the formatted size for
// `formatted`); used=BLOCKS is the size of the first session of an appendable or closed disc
// (default 16384, rounded up to the ECC block). `rom from FILE` picks CD-ROM, DVD-ROM or
// BD-ROM by the image's size; FILE is one word (no spaces) and must be whole 2048-byte blocks.
// A FILE that is a CD image (cue, toc, ccd, nrg, mds: images/disc_image.hpp) is a CD of its
// tracks, served from the image's files.
// `cd-da from FILE...` is an audio CD as pressed (CD-ROM): a CD-DA track per FILE, back to
// back from LBA 0, each a WAV of 16-bit stereo 44.1 kHz PCM or raw CD-DA, padded with silence
// to whole 2352-byte blocks (media/audio_files.hpp); the sound is copied into the disc's own
// files.
// `appendable|closed KIND from FILE` is a pre-written disc of a sequential recordable kind
// whose first session holds FILE's blocks (rounded up to the ECC block with zeros): the data
// is copied into the disc's own image (holes stay holes), so the disc does not need FILE later.
// image=PATH keeps the disc at PATH (data) and PATH.json (layout): when PATH.json exists the
// disc kept there is reopened (its kind must be KIND) and the rest of the preset is not used,
// so restarting with the same preset restores the disc; otherwise it is created from the
// preset. Without image= the disc lives in an anonymous temporary file.
// A file a preset names may be a symbolic link: it is resolved once, and the disc lives at the
// real path (its .json and .cdda beside it, never links themselves); it must be a regular file.
// capacity= is at most what the kind's addresses reach (media/disc_json.hpp max_capacity_blocks).
#include "emulator/media/disc.hpp"
#include "emulator/media/medium.hpp"

#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace spindle {

enum class PresetState : std::uint8_t { Blank, Appendable, Closed, Formatted, Rom, Audio, Saved };

struct MediumPreset {
    PresetState state = PresetState::Blank;
    std::optional<MediaKind> kind; // nullopt for "rom from FILE": chosen by the image's size
    std::optional<std::uint32_t> capacity;
    std::optional<std::uint32_t> used;
    std::filesystem::path image;               // "from FILE" (ROM and pre-written discs) or the "saved PATH"
    std::filesystem::path keep;                // image=PATH
    std::vector<std::filesystem::path> tracks; // "cd-da from FILE...": a sound file per track
};

inline constexpr std::uint32_t default_used_blocks = 16384;

std::expected<MediumPreset, std::string> parse_preset(std::string_view text);
// The preset for an empty drive: "no-medium", the word the control `state` file and fault
// scenarios use for it too ("none" is still read, deprecated).
inline constexpr std::string_view no_medium_preset = "no-medium";
inline bool names_no_medium(std::string_view text) { return text == no_medium_preset || text == "none"; }

// What parse_preset takes, for listings (`mmc-emu presets`), from the tables it reads itself:
// its forms, the KEY=VALUE options they take, and every STATE KIND it accepts ("blank cd-r",
// "appendable cd-r" ...) in the order of media_types.
struct PresetForm {
    std::string_view syntax; // "saved PATH", "capacity=BLOCKS"
    std::string_view what;
};
std::span<const PresetForm> preset_forms();
std::span<const PresetForm> preset_options();
std::vector<std::string> state_kind_presets();

// The layout a real disc of that kind and state has. `image_blocks` is the ROM image's size;
// `audio_track_blocks` the sizes of a cd-da preset's tracks (a pressed audio CD, back to back).
std::expected<Disc, std::string> make_disc(const MediumPreset& preset, std::uint32_t image_blocks = 0,
                                           std::span<const std::uint32_t> audio_track_blocks = {});
// The layout of a CD image (images/disc_image.hpp) as the recordable CD `preset` names: closed,
// its sessions as they are; appendable, a new session open after them, as a drive leaves a
// disc written with multi-session on.
std::expected<Disc, std::string> make_disc_from_image(const MediumPreset& preset, Disc image);

// A medium ready to load: the layout plus its store. Writable media get a SparseImageStore at
// `store_path` (created fresh and kept there, layout included; empty: the preset's image=, or
// an anonymous temporary file); ROM media read their image. A kept disc holds its image's lock
// (media/checked_files.hpp) as long as the medium lives: an image another drive or process
// serves is refused, untouched. A reopened layout must also be one a drive could have left
// (disc_json.hpp validate_disc_state); refused, nothing is loaded.
// The kept disc a preset names (image=PATH, saved PATH) as written; empty when none.
std::filesystem::path kept_image_of(const MediumPreset& preset);

std::expected<std::unique_ptr<Medium>, std::string> make_medium(const MediumPreset& preset,
                                                                const std::filesystem::path& store_path = {});
std::expected<std::unique_ptr<Medium>, std::string> make_medium(std::string_view preset_text,
                                                                const std::filesystem::path& store_path = {});

} // namespace spindle
