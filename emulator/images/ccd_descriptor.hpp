#pragma once
// A CloneCD descriptor (.ccd) read as its sections say, every value checked where it stands:
// INI text, `[Section]` lines then `Name=Value` lines (blanks around both taken, names in any
// case, CR LF line ends and a UTF-8 byte order mark allowed, `;` comments). Sections: [CloneCD],
// [Disc] (TocEntries, Sessions, DataTracksScrambled, CDTextLength, CATALOG), [CDText] (Entries,
// Entry N: a pack's 16 bytes without its CRC, in hex), [Session N], [Entry N] (a full TOC
// descriptor: Session, Point, ADR, Control, TrackNo, AMin ... PLBA) and [TRACK N] (MODE,
// INDEX 0, INDEX 1, INDEX 2 ..., ISRC). Names it does not know are passed over; a line that is neither a
// section nor a name and value, a value that is not a number where one belongs, a section it
// does not know, or a second section of one name, are refused with the file and line. Layout:
// the GNU ccd2cue manual, libmirage's image-ccd and Aaru's CloneCD reader. What the values mean
// together is images/ccd_image.cpp's to judge.
#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spindle::ccd {

// A value and the line it was read from (0: absent).
template <typename T>
struct Value {
    T value{};
    unsigned line = 0;
    bool given() const { return line != 0; }
};

struct Entry {
    unsigned line = 0; // of its [Entry N]
    Value<std::int64_t> session, point, adr, control, pmin, psec, pframe, plba;
};

struct TrackSection {
    unsigned line = 0; // of its [TRACK N]
    Value<std::int64_t> mode, index0, index1;
    std::map<std::int64_t, Value<std::int64_t>> later_indexes; // INDEX 2= and on, by N
    Value<std::string> isrc;
};

struct Descriptor {
    unsigned clonecd_line = 0; // of [CloneCD]
    Value<std::int64_t> toc_entries, sessions, scrambled, cd_text_length, cd_text_entries;
    Value<std::string> catalog;
    std::vector<Entry> entries;                      // in the file's order
    std::map<std::int64_t, TrackSection> tracks;     // by [TRACK N]'s N
    std::map<std::int64_t, Value<std::string>> text; // [CDText] Entry N, by N: the hex bytes as written
};

// Whether `head` (a file's first bytes) reads as a CloneCD descriptor: text with a [CloneCD] line.
bool looks_like_descriptor(std::string_view head);

// `text` parsed; mistakes named "NAME:LINE: ...".
std::expected<Descriptor, std::string> parse_descriptor(std::string_view text, const std::string& name);

// A decimal or 0x-prefixed hexadecimal integer, optionally negative.
std::optional<std::int64_t> parse_number(std::string_view text);

} // namespace spindle::ccd
