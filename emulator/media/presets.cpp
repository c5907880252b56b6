#include "emulator/media/presets.hpp"

#include "emulator/media/sparse_image_store.hpp"

#include <charconv>
#include <vector>

namespace spindle {

namespace {

constexpr std::string_view syntax = "expected \"STATE KIND [capacity=BLOCKS] [used=BLOCKS]\" (STATE: blank, "
                                    "appendable, closed, formatted) or \"rom|cd-rom|dvd-rom|bd-rom from FILE\"";

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
    if (w == "blank") return PresetState::Blank;
    if (w == "appendable") return PresetState::Appendable;
    if (w == "closed") return PresetState::Closed;
    if (w == "formatted") return PresetState::Formatted;
    return std::nullopt;
}

std::string_view state_name(PresetState s) {
    switch (s) {
    case PresetState::Blank: return "blank";
    case PresetState::Appendable: return "appendable";
    case PresetState::Closed: return "closed";
    case PresetState::Formatted: return "formatted";
    case PresetState::Rom: return "rom";
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
    if (w.empty()) return fail(std::string(syntax));
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
    } else if (w[0] == "rom" || w[0] == "cd-rom" || w[0] == "dvd-rom" || w[0] == "bd-rom") {
        p.state = PresetState::Rom;
        if (w[0] != "rom") p.kind = media_kind_by_name(w[0]);
        if (w.size() < 3 || w[1] != "from") return fail("expected \"" + std::string(w[0]) + " from FILE\"");
        p.image = std::filesystem::path(std::string(w[2]));
        i = 3;
    } else {
        if (auto k = media_kind_by_name(w[0]))
            return fail("the state is missing: expected \"" + allowed_states(*k) + " " + std::string(w[0]) + "\"");
        return fail("unknown state \"" + std::string(w[0]) + "\": " + std::string(syntax));
    }
    for (; i < w.size(); ++i) {
        const auto eq = w[i].find('=');
        const auto key = w[i].substr(0, eq);
        if (eq == std::string_view::npos || (key != "capacity" && key != "used"))
            return fail("unexpected \"" + std::string(w[i]) + "\": expected capacity=BLOCKS or used=BLOCKS");
        const auto value = w[i].substr(eq + 1);
        std::uint32_t n = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (ec != std::errc{} || end != value.data() + value.size() || n == 0)
            return fail(std::string(key) + "=\"" + std::string(value) +
                        "\": expected a number of 2048-byte blocks from 1 to 4294967295");
        if (p.state == PresetState::Rom)
            return fail(std::string(key) + " does not apply to ROM media (the image decides)");
        if (key == "used" && p.state != PresetState::Appendable && p.state != PresetState::Closed)
            return fail("used= applies to appendable and closed discs only");
        (key == "capacity" ? p.capacity : p.used) = n;
    }
    return p;
}

std::expected<std::unique_ptr<Medium>, std::string> make_medium(const MediumPreset& preset,
                                                                const std::filesystem::path& store_path) {
    auto medium = std::make_unique<Medium>();
    std::uint32_t image_blocks = 0;
    if (preset.state == PresetState::Rom) {
        auto store = ReadOnlyImageStore::open(preset.image);
        if (!store) return std::unexpected(store.error());
        image_blocks = (*store)->blocks();
        medium->store = std::move(*store);
    } else {
        auto store = SparseImageStore::open(store_path, SparseImageStore::Mode::CreateFresh);
        if (!store) return std::unexpected(store.error());
        medium->store = std::move(*store);
    }
    auto disc = make_disc(preset, image_blocks);
    if (!disc) return std::unexpected(disc.error());
    medium->disc = std::move(*disc);
    return medium;
}

std::expected<std::unique_ptr<Medium>, std::string> make_medium(std::string_view preset_text,
                                                                const std::filesystem::path& store_path) {
    auto preset = parse_preset(preset_text);
    if (!preset) return std::unexpected(preset.error());
    return make_medium(*preset, store_path);
}

} // namespace spindle
