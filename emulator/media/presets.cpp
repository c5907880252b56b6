#include "emulator/media/presets.hpp"

#include "emulator/images/disc_copy.hpp"
#include "emulator/images/disc_image.hpp"
#include "emulator/media/audio_files.hpp"
#include "emulator/media/checked_files.hpp"
#include "emulator/media/disc_json.hpp"
#include "emulator/media/medium_files.hpp"
#include "emulator/media/sparse_image_store.hpp"

#include <array>
#include <charconv>
#include <vector>

namespace spindle {

namespace {

// The forms parse_preset reads, for its errors and for listings (preset_forms).
constexpr std::array<PresetForm, 5> forms{{
    {"STATE KIND [capacity=BLOCKS] [used=BLOCKS] [image=PATH]", "a recordable disc in a state its kind allows"},
    {"appendable|closed KIND from FILE [capacity=BLOCKS] [image=PATH]",
     "a recordable disc whose first session holds FILE's blocks; a CD image gives a cd-r or cd-rw its "
     "sessions"},
    {"rom|cd-rom|dvd-rom|bd-rom from FILE",
     "a pressed disc holding FILE (whole 2048-byte blocks); rom picks "
     "CD, DVD or BD by its size; a CD image (cue, toc, ccd, nrg, mds) is a CD of its tracks"},
    {"cd-da from FILE... [image=PATH]", "an audio CD, a track per WAV (16-bit stereo 44.1 kHz) or raw CD-DA file"},
    {"saved PATH", "the disc an earlier image=PATH kept there"},
}};

// The KEY=VALUE words that may follow a form.
constexpr std::array<PresetForm, 3> options{{
    {"capacity=BLOCKS", "replaces the kind's capacity (2048-byte blocks; a formatted disc's formatted size)"},
    {"used=BLOCKS", "the size of an appendable or closed disc's first session (default 16384)"},
    {"image=PATH", "keeps the disc at PATH (its layout in PATH.json), and reopens it from there when PATH.json "
                   "exists"},
}};

std::string options_list() {
    std::string out;
    for (std::size_t i = 0; i < options.size(); ++i)
        out += (i == 0 ? "" : i + 1 == options.size() ? " or " : ", ") + std::string(options[i].syntax);
    return out;
}

// The states a recordable disc is named in (the first word of STATE KIND).
struct StateName {
    PresetState state;
    std::string_view name;
};
constexpr std::array<StateName, 4> recorded_states{{
    {PresetState::Blank, "blank"},
    {PresetState::Appendable, "appendable"},
    {PresetState::Closed, "closed"},
    {PresetState::Formatted, "formatted"},
}};

std::string syntax() {
    std::string out = "expected ";
    for (std::size_t i = 0; i < forms.size(); ++i)
        out += (i == 0 ? "\"" : i + 1 == forms.size() ? " or \"" : ", \"") + std::string(forms[i].syntax) + "\"";
    out += " (STATE: ";
    for (std::size_t i = 0; i < recorded_states.size(); ++i)
        out += (i == 0 ? "" : ", ") + std::string(recorded_states[i].name);
    return out + ")";
}

std::string kinds_list() {
    std::string out;
    for (const auto& t : media_types) {
        if (!out.empty()) out += ", ";
        out += t.name;
    }
    return out;
}

std::vector<std::string_view> words(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
        const std::size_t begin = i;
        while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
        if (i > begin) out.push_back(text.substr(begin, i - begin));
    }
    return out;
}

std::optional<PresetState> state_by_name(std::string_view w) {
    for (const auto& s : recorded_states)
        if (s.name == w) return s.state;
    return std::nullopt;
}

std::string_view state_name(PresetState s) {
    for (const auto& r : recorded_states)
        if (r.state == s) return r.name;
    switch (s) {
    case PresetState::Blank:
    case PresetState::Appendable:
    case PresetState::Closed:
    case PresetState::Formatted: break; // named above
    case PresetState::Rom: return "rom";
    case PresetState::Audio: return "cd-da";
    case PresetState::Saved: return "saved";
    }
    return "?";
}

bool allowed(PresetState s, MediaKind k) {
    const auto& t = media_type(k);
    if (!t.recordable) return s == PresetState::Rom;
    if (k == MediaKind::DvdRam || k == MediaKind::DvdMinusRwRestricted) return s == PresetState::Formatted;
    if (t.random_access) return s == PresetState::Blank || s == PresetState::Formatted;
    return s == PresetState::Blank || s == PresetState::Appendable || s == PresetState::Closed;
}

std::string allowed_states(MediaKind k) {
    std::string out;
    for (auto s :
         {PresetState::Blank, PresetState::Appendable, PresetState::Closed, PresetState::Formatted, PresetState::Rom})
        if (allowed(s, k)) out += (out.empty() ? "" : ", ") + std::string(state_name(s));
    return out;
}

} // namespace

std::expected<MediumPreset, std::string> parse_preset(std::string_view text) {
    const auto w = words(text);
    auto fail = [&](std::string what) {
        return std::unexpected("media preset \"" + std::string(text) + "\": " + what);
    };
    if (w.empty()) return fail(syntax());
    MediumPreset p;
    std::size_t i = 1;
    if (auto s = state_by_name(w[0])) {
        if (w.size() < 2) return fail("a media kind must follow \"" + std::string(w[0]) + "\" (" + kinds_list() + ")");
        auto k = media_kind_by_name(w[1]);
        if (!k) return fail("unknown media kind \"" + std::string(w[1]) + "\": expected one of " + kinds_list());
        if (!allowed(*s, *k))
            return fail(std::string(w[1]) + " cannot be " + std::string(state_name(*s)) + ": expected " +
                        allowed_states(*k));
        p.state = *s;
        p.kind = *k;
        i = 2;
        if (w.size() > 2 && w[2] == "from") {
            if (*s != PresetState::Appendable && *s != PresetState::Closed)
                return fail("only appendable and closed discs are made from an image");
            if (w.size() < 4) return fail("expected a file after \"from\"");
            p.image = std::filesystem::path(std::string(w[3]));
            i = 4;
        }
    } else if (w[0] == "saved") {
        if (w.size() != 2) return fail("expected \"saved PATH\" (a disc kept with image=PATH)");
        p.state = PresetState::Saved;
        p.image = std::filesystem::path(std::string(w[1]));
        return p;
    } else if (w[0] == "rom" || w[0] == "cd-rom" || w[0] == "dvd-rom" || w[0] == "bd-rom") {
        p.state = PresetState::Rom;
        if (w[0] != "rom") p.kind = media_kind_by_name(w[0]);
        if (w.size() < 3 || w[1] != "from") return fail("expected \"" + std::string(w[0]) + " from FILE\"");
        p.image = std::filesystem::path(std::string(w[2]));
        i = 3;
    } else if (w[0] == "cd-da") {
        p.state = PresetState::Audio;
        p.kind = MediaKind::CdRom;
        if (w.size() < 3 || w[1] != "from") return fail("expected \"cd-da from FILE...\": a sound file per track");
        for (i = 2; i < w.size() && w[i].find('=') == std::string_view::npos; ++i)
            p.tracks.emplace_back(std::string(w[i]));
        if (p.tracks.empty()) return fail("expected a sound file after \"from\"");
        if (p.tracks.size() > 99) return fail(std::to_string(p.tracks.size()) + " tracks: a CD holds 99 at most");
    } else {
        if (auto k = media_kind_by_name(w[0]))
            return fail("the state is missing: expected \"" + allowed_states(*k) + " " + std::string(w[0]) + "\"");
        return fail("unknown state \"" + std::string(w[0]) + "\": " + syntax());
    }
    for (; i < w.size(); ++i) {
        const auto eq = w[i].find('=');
        const auto key = w[i].substr(0, eq);
        if (eq == std::string_view::npos || (key != "capacity" && key != "used" && key != "image"))
            return fail("unexpected \"" + std::string(w[i]) + "\": expected " + options_list());
        const auto value = w[i].substr(eq + 1);
        if (key == "image") {
            if (p.state == PresetState::Rom) return fail("image= does not apply to ROM media (nothing changes)");
            if (value.empty()) return fail("image= needs a path");
            p.keep = std::filesystem::path(std::string(value));
            continue;
        }
        std::uint32_t n = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (ec != std::errc{} || end != value.data() + value.size() || n == 0)
            return fail(std::string(key) + "=\"" + std::string(value) +
                        "\": expected a number of 2048-byte blocks from 1 to 4294967295");
        if (p.state == PresetState::Rom || p.state == PresetState::Audio)
            return fail(std::string(key) + " does not apply to ROM media (the " +
                        (p.state == PresetState::Rom ? "image" : "sound files") + " decide)");
        if (key == "used" && p.state != PresetState::Appendable && p.state != PresetState::Closed)
            return fail("used= applies to appendable and closed discs only");
        if (key == "used" && !p.image.empty())
            return fail("used= does not apply to a disc made from an image (its size decides)");
        if (key == "capacity" && n > max_capacity_blocks(*p.kind))
            return fail("capacity=" + std::string(value) + ": a " + std::string(media_type(*p.kind).name) +
                        " holds at most " + std::to_string(max_capacity_blocks(*p.kind)) + " blocks");
        (key == "capacity" ? p.capacity : p.used) = n;
    }
    return p;
}

std::span<const PresetForm> preset_forms() { return forms; }

std::span<const PresetForm> preset_options() { return options; }

std::vector<std::string> state_kind_presets() {
    std::vector<std::string> out;
    for (const auto& t : media_types)
        for (const auto& s : recorded_states)
            if (t.recordable && allowed(s.state, t.kind))
                out.push_back(std::string(s.name) + " " + std::string(t.name));
    return out;
}

std::filesystem::path kept_image_of(const MediumPreset& preset) {
    return preset.state == PresetState::Saved ? preset.image : preset.keep;
}

namespace {

using MediumResult = std::expected<std::unique_ptr<Medium>, std::string>;

// The files kept beside an image are the drive's own: never links, never anything but files.
std::expected<void, std::string> check_kept_files(const std::filesystem::path& image) {
    for (const auto& file : {metadata_path_for(image), audio_path_for(image), rw_path_for(image)})
        if (auto ok = check_kept_file(file); !ok) return ok;
    return {};
}

// A disc a drive is given holds its image's lock, and a reopened layout is one a drive could
// have left (disc_json.hpp validate_disc_state). Refused, the medium is dropped unsaved.
MediumResult claimed(MediumResult m) {
    if (!m || (*m)->image.empty()) return m;
    Medium& medium = **m;
    auto refuse = [&](std::string why) {
        medium.image.clear(); // nothing of this refused copy is written back
        return std::unexpected(std::move(why));
    };
    if (const int fd = medium.store->data_fd(); fd >= 0)
        if (auto ok = lock_image(fd, medium.image); !ok) return refuse(ok.error());
    if (auto ok = validate_disc_state(medium.disc); !ok)
        return refuse("disc metadata " + metadata_path_for(medium.image).string() + ": " + ok.error());
    return m;
}

// The disc kept at `image`, which must be of the preset's kind.
MediumResult reopen_kept(const MediumPreset& preset, const std::filesystem::path& image) {
    if (auto ok = check_kept_files(image); !ok) return std::unexpected(ok.error());
    auto m = open_medium(image);
    if (m && preset.kind && (*m)->disc.kind != *preset.kind) {
        (*m)->image.clear();
        return std::unexpected("media preset: " + image.string() + " holds a " + std::string((*m)->disc.type().name) +
                               " disc, not a " + std::string(media_type(*preset.kind).name));
    }
    return claimed(std::move(m));
}

// An appendable or closed CD-R/RW holding a CD image's tracks (their blocks copied into the
// disc's store: the drive writes beside them), kept at `keep`.
MediumResult recordable_from_image(const MediumPreset& p, const std::filesystem::path& keep) {
    auto source = load_disc_image(p.image);
    if (!source) return std::unexpected(source.error());
    auto disc = make_disc_from_image(p, (*source)->disc);
    if (!disc) return std::unexpected(disc.error());
    auto store = SparseImageStore::open(keep, SparseImageStore::Mode::CreateFresh);
    if (!store) return std::unexpected(store.error());
    auto medium = std::make_unique<Medium>();
    medium->store = std::move(*store);
    if (auto copied = copy_disc_blocks((*source)->disc, *(*source)->store, *medium->store); !copied)
        return std::unexpected("media preset: " + p.image.string() + ": " + copied.error());
    medium->disc = std::move(*disc);
    if (!keep.empty()) {
        medium->image = keep;
        if (auto ok = save_medium(*medium); !ok) return std::unexpected(ok.error());
    }
    return medium;
}

// A new disc made from the preset `p` (its source image resolved), kept at `keep` (empty: an
// anonymous disc).
MediumResult create_medium(const MediumPreset& p, const std::filesystem::path& keep) {
    auto medium = std::make_unique<Medium>();
    std::uint32_t image_blocks = 0;
    std::vector<std::uint32_t> track_blocks;
    if (p.state == PresetState::Rom && detect_image_format(p.image)) { // a CD image served from its files
        if (p.kind && *p.kind != MediaKind::CdRom)
            return std::unexpected("media preset: " + p.image.string() + " is a CD image, not a " +
                                   std::string(media_type(*p.kind).name));
        return load_disc_image(p.image);
    }
    if (!p.image.empty() && detect_image_format(p.image)) return recordable_from_image(p, keep);
    if (p.state == PresetState::Rom) {
        auto store = ReadOnlyImageStore::open(p.image);
        if (!store) return std::unexpected(store.error());
        image_blocks = (*store)->blocks();
        medium->store = std::move(*store);
    } else {
        auto store = SparseImageStore::open(keep, SparseImageStore::Mode::CreateFresh);
        if (!store) return std::unexpected(store.error());
        medium->store = std::move(*store);
        if (!p.image.empty()) {
            auto copied = copy_image_into(p.image, *medium->store);
            if (!copied) return std::unexpected(copied.error());
            image_blocks = *copied;
        }
        std::uint32_t at = 0;
        for (const auto& file : p.tracks) {
            auto copied = copy_audio_file(file, *medium->store, at);
            if (!copied) return std::unexpected("media preset: " + copied.error());
            track_blocks.push_back(*copied);
            at += *copied;
        }
    }
    auto disc = make_disc(p, image_blocks, track_blocks);
    if (!disc) return std::unexpected(disc.error());
    medium->disc = std::move(*disc);
    if (!keep.empty()) {
        medium->image = keep;
        if (auto ok = save_medium(*medium); !ok) return std::unexpected(ok.error());
    }
    return medium;
}

} // namespace

MediumResult make_medium(const MediumPreset& preset, const std::filesystem::path& store_path) {
    if (preset.state == PresetState::Saved) {
        auto image = resolve_named_file(preset.image, "image");
        if (!image) return std::unexpected(image.error());
        return reopen_kept(preset, *image);
    }
    std::filesystem::path keep = store_path.empty() ? preset.keep : store_path;
    if (!keep.empty()) {
        auto real = resolve_named_file(keep, "image");
        if (!real) return std::unexpected(real.error());
        keep = std::move(*real);
        if (auto ok = check_kept_files(keep); !ok) return std::unexpected(ok.error());
    }
    if (store_path.empty() && !keep.empty() && medium_exists(keep)) return reopen_kept(preset, keep);
    MediumPreset made = preset;
    if (!made.image.empty()) {
        auto real = resolve_named_file(made.image, "image");
        if (!real) return std::unexpected(real.error());
        made.image = std::move(*real);
    }
    // A layout that cannot be is refused before any file is made or emptied.
    if (made.state != PresetState::Rom && made.image.empty() && made.tracks.empty())
        if (auto d = make_disc(made); !d) return std::unexpected(d.error());
    return create_medium(made, keep);
}

std::expected<std::unique_ptr<Medium>, std::string> make_medium(std::string_view preset_text,
                                                                const std::filesystem::path& store_path) {
    auto preset = parse_preset(preset_text);
    if (!preset) return std::unexpected(preset.error());
    return make_medium(*preset, store_path);
}

} // namespace spindle
