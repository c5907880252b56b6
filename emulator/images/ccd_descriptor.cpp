#include "emulator/images/ccd_descriptor.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace spindle::ccd {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
    return s;
}

bool same(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// A section line's name and number: "[Entry 12]" is ("Entry", 12), "[Disc]" ("Disc", none).
struct SectionName {
    std::string_view name;
    std::optional<std::int64_t> number;
};
std::optional<SectionName> section_of(std::string_view line) {
    if (line.size() < 2 || line.front() != '[' || line.back() != ']') return std::nullopt;
    const std::string_view inside = trim(line.substr(1, line.size() - 2));
    const std::size_t blank = inside.find_first_of(" \t");
    if (blank == std::string_view::npos) return SectionName{inside, std::nullopt};
    const auto n = parse_number(trim(inside.substr(blank)));
    if (!n) return SectionName{inside, std::nullopt};
    return SectionName{inside.substr(0, blank), n};
}

enum class Section : std::uint8_t { None, CloneCd, Disc, CdText, Session, Entry, Track };

} // namespace

std::optional<std::int64_t> parse_number(std::string_view text) {
    text = trim(text);
    const bool negative = !text.empty() && text.front() == '-';
    if (negative) text.remove_prefix(1);
    int base = 10;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        text.remove_prefix(2);
    }
    std::int64_t v = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), v, base);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return negative ? -v : v;
}

bool looks_like_descriptor(std::string_view head) {
    if (head.find('\0') != std::string_view::npos) return false;
    if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
    for (std::size_t at = 0; at < head.size();) {
        const std::size_t end = std::min(head.find('\n', at), head.size());
        if (const auto s = section_of(trim(head.substr(at, end - at))); s && same(s->name, "CloneCD") && !s->number)
            return true;
        at = end + 1;
    }
    return false;
}

std::expected<Descriptor, std::string> parse_descriptor(std::string_view text, const std::string& name) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    Descriptor d;
    Section section = Section::None;
    Entry* entry = nullptr;
    TrackSection* track = nullptr;
    std::vector<std::pair<std::string, std::int64_t>> seen; // sections met, to refuse a second one
    unsigned number = 0;
    for (std::size_t at = 0; at <= text.size(); ++number) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        const std::string_view line = trim(text.substr(at, end - at));
        at = end + 1;
        const unsigned here = number + 1;
        const auto fail = [&](const std::string& why) {
            return std::unexpected(name + ":" + std::to_string(here) + ": " + why);
        };
        if (line.empty() || line.front() == ';') {
            if (end == text.size()) break;
            continue;
        }
        if (line.front() == '[') {
            const auto s = section_of(line);
            if (!s) return fail("expected a section name in brackets, as [Entry 3]");
            const std::pair<std::string, std::int64_t> key{std::string(s->name), s->number.value_or(-1)};
            for (auto& [n, k] : seen)
                if (same(n, key.first) && k == key.second) return fail(std::string(line) + ": a second one");
            seen.push_back(key);
            const bool numbered = s->number.has_value();
            const auto expect = [&](bool want_number, Section to) -> std::expected<void, std::string> {
                if (numbered != want_number)
                    return fail(std::string(line) + (want_number ? ": expected a number after the name"
                                                                 : ": expected no number after the name"));
                section = to;
                return {};
            };
            std::expected<void, std::string> ok;
            if (same(s->name, "CloneCD")) {
                ok = expect(false, Section::CloneCd);
                d.clonecd_line = here;
            } else if (same(s->name, "Disc")) {
                ok = expect(false, Section::Disc);
            } else if (same(s->name, "CDText")) {
                ok = expect(false, Section::CdText);
            } else if (same(s->name, "Session")) {
                ok = expect(true, Section::Session);
            } else if (same(s->name, "Entry")) {
                ok = expect(true, Section::Entry);
                d.entries.push_back(Entry{here, {}, {}, {}, {}, {}, {}, {}, {}});
                entry = &d.entries.back();
            } else if (same(s->name, "TRACK")) {
                ok = expect(true, Section::Track);
                if (ok) { // a number, then
                    track = &d.tracks[*s->number];
                    track->line = here;
                }
            } else {
                return fail(std::string(line) +
                            ": expected [CloneCD], [Disc], [CDText], [Session N], [Entry N] or [TRACK N]");
            }
            if (!ok) return std::unexpected(ok.error());
            continue;
        }
        const std::size_t equals = line.find('=');
        if (equals == std::string_view::npos) return fail("expected a section in brackets or Name=Value");
        const std::string_view key = trim(line.substr(0, equals)), value = trim(line.substr(equals + 1));
        const auto number_into = [&](Value<std::int64_t>& into) -> std::expected<void, std::string> {
            const auto n = parse_number(value);
            if (!n) return fail(std::string(key) + "=" + std::string(value) + ": expected a number");
            into = {*n, here};
            return {};
        };
        std::expected<void, std::string> ok;
        switch (section) {
        case Section::None: return fail("Name=Value before any section");
        case Section::CloneCd:
        case Section::Session: break; // Version, PreGapMode, PreGapSubC: nothing a drive needs
        case Section::Disc:
            if (same(key, "TocEntries")) ok = number_into(d.toc_entries);
            if (same(key, "Sessions")) ok = number_into(d.sessions);
            if (same(key, "DataTracksScrambled")) ok = number_into(d.scrambled);
            if (same(key, "CDTextLength")) ok = number_into(d.cd_text_length);
            if (same(key, "CATALOG")) d.catalog = {std::string(value), here};
            break;
        case Section::CdText:
            if (same(key, "Entries")) {
                ok = number_into(d.cd_text_entries);
            } else if (key.size() > 5 && same(key.substr(0, 5), "Entry")) {
                const auto n = parse_number(key.substr(5));
                if (!n) return fail(std::string(key) + ": expected Entry N=");
                d.text[*n] = {std::string(value), here};
            }
            break;
        case Section::Entry: {
            static constexpr std::array<std::pair<std::string_view, Value<std::int64_t> Entry::*>, 8> fields{{
                {"Session", &Entry::session},
                {"Point", &Entry::point},
                {"ADR", &Entry::adr},
                {"Control", &Entry::control},
                {"PMin", &Entry::pmin},
                {"PSec", &Entry::psec},
                {"PFrame", &Entry::pframe},
                {"PLBA", &Entry::plba},
            }};
            for (const auto& [field, member] : fields)
                if (same(key, field)) ok = number_into(entry->*member);
            break;
        }
        case Section::Track:
            if (same(key, "MODE")) ok = number_into(track->mode);
            if (same(key, "INDEX 0")) ok = number_into(track->index0);
            if (same(key, "INDEX 1")) ok = number_into(track->index1);
            if (key.size() > 6 && same(key.substr(0, 6), "INDEX ") && !same(key, "INDEX 0") && !same(key, "INDEX 1")) {
                const auto n = parse_number(trim(key.substr(6)));
                if (!n || *n < 2 || *n > 99) return fail(std::string(key) + ": expected INDEX 0 to INDEX 99");
                ok = number_into(track->later_indexes[*n]);
            }
            if (same(key, "ISRC")) track->isrc = {std::string(value), here};
            break;
        }
        if (!ok) return std::unexpected(ok.error());
        if (end == text.size()) break;
    }
    return d;
}

} // namespace spindle::ccd
