#include "emulator/images/toc_sheet.hpp"

#include "emulator/media/cd_subchannel.hpp"
#include "emulator/media/disc.hpp"

#include <algorithm>
#include <cctype>

namespace spindle::toc {

std::uint32_t block_bytes(Mode m) {
    switch (m) {
    case Mode::Mode1: return 2048;
    case Mode::Mode2:
    case Mode::Mode2FormMix: return 2336;
    case Mode::Audio:
    case Mode::Mode1Raw:
    case Mode::Mode2Raw: break;
    }
    return 2352;
}

std::string_view mode_name(Mode m) {
    switch (m) {
    case Mode::Audio: return "AUDIO";
    case Mode::Mode1: return "MODE1";
    case Mode::Mode1Raw: return "MODE1_RAW";
    case Mode::Mode2: return "MODE2";
    case Mode::Mode2FormMix: return "MODE2_FORM_MIX";
    case Mode::Mode2Raw: return "MODE2_RAW";
    }
    return "";
}

namespace {

constexpr std::uint64_t largest_number = std::uint64_t{1} << 40; // bytes or samples: far beyond a CD
constexpr std::uint32_t sample_bytes = 4;                        // a stereo 16-bit sample (588 make a block)

enum class Kind : std::uint8_t { Word, Integer, String, Punct, End };
struct Token {
    Kind kind = Kind::End;
    std::string text;
    unsigned line = 0;
};

struct Failure {
    unsigned line;
    std::string why;
};

// The tokens of cdrdao's lexer (TocParser.g): words, integers, strings, { } : , #.
std::expected<std::vector<Token>, Failure> tokens_of(std::string_view text) {
    std::vector<Token> out;
    unsigned line = 1;
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == '\n') {
            ++line, ++i;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            ++i;
        } else if (text.substr(i, 2) == "//") {
            while (i < text.size() && text[i] != '\n') ++i;
        } else if (c == '"') {
            Token t{Kind::String, {}, line};
            for (++i;; ++i) {
                if (i >= text.size() || text[i] == '\n')
                    return std::unexpected(Failure{line, "a string without its closing \""});
                if (text[i] == '"') break;
                if (text[i] != '\\') {
                    t.text += text[i];
                    continue;
                }
                const std::string_view rest = text.substr(i + 1);
                if (!rest.empty() && (rest[0] == '"' || rest[0] == '\\')) {
                    t.text += rest[0];
                    ++i;
                } else if (rest.size() >= 3 &&
                           std::all_of(rest.begin(), rest.begin() + 3, [](char d) { return d >= '0' && d <= '7'; }) &&
                           (rest[0] - '0') * 64 + (rest[1] - '0') * 8 + (rest[2] - '0') < 256) {
                    t.text += static_cast<char>((rest[0] - '0') * 64 + (rest[1] - '0') * 8 + (rest[2] - '0'));
                    i += 3;
                } else {
                    return std::unexpected(
                        Failure{line, "in a string, \\ must be followed by \", \\ or three octal digits"});
                }
            }
            ++i;
            out.push_back(std::move(t));
        } else if (c == '{' || c == '}' || c == ':' || c == ',' || c == '#') {
            out.push_back({Kind::Punct, std::string(1, c), line});
            ++i;
        } else if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_') {
            Token t{Kind::Word, {}, line};
            while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) != 0 || text[i] == '_'))
                t.text += text[i++];
            if (std::all_of(t.text.begin(), t.text.end(), [](char d) { return d >= '0' && d <= '9'; }))
                t.kind = Kind::Integer;
            out.push_back(std::move(t));
        } else {
            return std::unexpected(Failure{line, std::string("unexpected character '") + c + "'"});
        }
    }
    out.push_back({Kind::End, {}, line});
    return out;
}

// An MM:SS:FF time or a plain number, as given.
struct Amount {
    bool msf = false;
    std::uint64_t value = 0; // blocks (msf) or the number
};

constexpr std::array<std::string_view, cd::text_types> text_items{"TITLE",    "PERFORMER", "SONGWRITER",
                                                                  "COMPOSER", "ARRANGER",  "MESSAGE"};

class Parser {
public:
    explicit Parser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

    std::expected<Sheet, Failure> sheet() {
        Sheet s;
        for (;;) {
            if (accept("CATALOG")) {
                auto c = string();
                if (!c) return std::unexpected(c.error());
                if (!c->empty() && !cd::valid_mcn(*c))
                    return fail(line_before(), "CATALOG \"" + *c + "\": expected 13 digits");
                s.catalog = *c;
            } else if (accept("CD_DA")) {
                s.type = DiscType::CdDa;
            } else if (accept("CD_ROM")) {
                s.type = DiscType::CdRom;
            } else if (accept("CD_ROM_XA")) {
                s.type = DiscType::CdRomXa;
            } else if (accept("CD_I")) {
                return fail(line_before(), "CD_I: CD-i discs are not served (expected CD_DA, CD_ROM or CD_ROM_XA)");
            } else {
                break;
            }
        }
        if (accept("FIRST_TRACK_NO")) {
            auto n = integer();
            if (!n) return std::unexpected(n.error());
            if (*n != 1)
                return fail(line_before(),
                            "FIRST_TRACK_NO " + std::to_string(*n) + ": the drive numbers tracks from 1");
        }
        if (accept("CD_TEXT")) {
            if (auto ok = cd_text(s.text, true); !ok) return std::unexpected(ok.error());
        }
        if (!is("TRACK")) return fail(here().line, "expected TRACK (a toc file holds at least one) at " + shown());
        while (is("TRACK")) {
            auto tr = track();
            if (!tr) return std::unexpected(tr.error());
            s.tracks.push_back(std::move(*tr));
            if (s.tracks.size() > 99) return fail(s.tracks.back().line, "a 100th TRACK: a CD holds at most 99");
        }
        if (here().kind != Kind::End) return fail(here().line, "expected TRACK or the end of the file at " + shown());
        return s;
    }

private:
    std::vector<Token> t_;
    std::size_t at_ = 0;

    const Token& here() const { return t_[at_]; }
    unsigned line_before() const { return t_[at_ == 0 ? 0 : at_ - 1].line; }
    bool is(std::string_view word) const { return here().kind == Kind::Word && here().text == word; }
    bool is_punct(char c) const { return here().kind == Kind::Punct && here().text[0] == c; }
    bool accept(std::string_view word) {
        if (!is(word)) return false;
        ++at_;
        return true;
    }
    bool accept_punct(char c) {
        if (!is_punct(c)) return false;
        ++at_;
        return true;
    }
    std::string shown() const {
        switch (here().kind) {
        case Kind::End: return "the end of the file";
        case Kind::String: return "\"" + here().text + "\"";
        default: return here().text;
        }
    }
    static std::unexpected<Failure> fail(unsigned line, std::string why) {
        return std::unexpected(Failure{line, std::move(why)});
    }
    std::expected<void, Failure> expect_punct(char c) {
        if (accept_punct(c)) return {};
        return fail(here().line, std::string("expected '") + c + "' at " + shown());
    }
    std::expected<std::string, Failure> string() {
        if (here().kind != Kind::String) return fail(here().line, "expected a \"string\" at " + shown());
        return t_[at_++].text;
    }
    std::expected<std::uint64_t, Failure> integer() {
        if (here().kind != Kind::Integer) return fail(here().line, "expected a number at " + shown());
        const std::string& d = here().text;
        const auto first = d.find_first_not_of('0');
        if (first != std::string::npos && d.size() - first > 13)
            return fail(here().line, "the number " + d + " is too large");
        const std::uint64_t n = first == std::string::npos ? 0 : std::stoull(d.substr(first));
        if (n > largest_number) return fail(here().line, "the number " + d + " is too large");
        ++at_;
        return n;
    }
    // MM:SS:FF (seconds below 60, frames below 75) or, where `plain` allows, a plain number.
    std::expected<Amount, Failure> amount(bool plain) {
        const unsigned line = here().line;
        const std::string seen = shown();
        if (here().kind != Kind::Integer)
            return fail(line, (plain ? "expected MM:SS:FF or a number at " : "expected MM:SS:FF at ") + seen);
        auto first = integer();
        if (!first) return std::unexpected(first.error());
        if (!is_punct(':')) {
            if (!plain) return fail(line, "expected MM:SS:FF at " + seen);
            return Amount{false, *first};
        }
        ++at_;
        auto s = integer();
        if (!s) return std::unexpected(s.error());
        if (auto ok = expect_punct(':'); !ok) return std::unexpected(ok.error());
        auto f = integer();
        if (!f) return std::unexpected(f.error());
        if (*s > 59 || *f > 74)
            return fail(line, "time " + std::to_string(*first) + ":" + std::to_string(*s) + ":" + std::to_string(*f) +
                                  ": expected MM:SS:FF, seconds below 60, frames below 75");
        return Amount{true, (*first * 60 + *s) * 75 + *f};
    }
    // A length or position in bytes: MSF in blocks of `block`, else samples (`samples`) or bytes.
    std::expected<std::uint64_t, Failure> bytes(std::uint32_t block, bool samples) {
        auto a = amount(true);
        if (!a) return std::unexpected(a.error());
        return a->msf ? a->value * block : a->value * (samples ? sample_bytes : 1);
    }

    std::expected<Mode, Failure> mode(const std::string& what) {
        static constexpr std::array<std::pair<std::string_view, Mode>, 6> modes{{{"AUDIO", Mode::Audio},
                                                                                 {"MODE1", Mode::Mode1},
                                                                                 {"MODE1_RAW", Mode::Mode1Raw},
                                                                                 {"MODE2", Mode::Mode2},
                                                                                 {"MODE2_FORM_MIX", Mode::Mode2FormMix},
                                                                                 {"MODE2_RAW", Mode::Mode2Raw}}};
        for (const auto& [name, m] : modes)
            if (accept(name)) return m;
        if (is("MODE2_FORM1") || is("MODE2_FORM2"))
            return fail(here().line, here().text + ": sectors kept without their subheader are not served (use "
                                                   "MODE2_FORM_MIX or MODE2_RAW)");
        return fail(here().line,
                    "expected " + what + " AUDIO, MODE1, MODE1_RAW, MODE2, MODE2_FORM_MIX or MODE2_RAW at " + shown());
    }

    std::expected<void, Failure> refuse_subchannel() {
        if (is("RW") || is("RW_RAW"))
            return fail(here().line, here().text + ": sub-channel data in the data files is not served");
        return {};
    }

    // CD_TEXT { [LANGUAGE_MAP { N : LANG ... }] LANGUAGE N { ITEM VALUE ... } ... }, after CD_TEXT.
    std::expected<void, Failure> cd_text(Texts& text, bool global) {
        if (auto ok = expect_punct('{'); !ok) return ok;
        if (global && accept("LANGUAGE_MAP")) {
            if (auto ok = expect_punct('{'); !ok) return ok;
            do {
                const unsigned line = here().line;
                auto block = integer();
                if (!block) return std::unexpected(block.error());
                if (auto ok = expect_punct(':'); !ok) return ok;
                std::uint64_t language = 0;
                if (accept("EN")) {
                    language = 9;
                } else if (auto n = integer(); n) {
                    language = *n;
                } else {
                    return std::unexpected(n.error());
                }
                if (*block != 0 || language != 9)
                    return fail(line, "LANGUAGE_MAP " + std::to_string(*block) + " : " + std::to_string(language) +
                                          ": only CD-Text block 0 in English (0 : EN) is served");
                mapped_ = true;
            } while (!is_punct('}'));
            ++at_;
        }
        while (accept("LANGUAGE")) {
            const unsigned line = line_before();
            auto block = integer();
            if (!block) return std::unexpected(block.error());
            if (*block != 0)
                return fail(line, "LANGUAGE " + std::to_string(*block) + ": only CD-Text block 0 (English) is served");
            if (!mapped_) return fail(line, "LANGUAGE 0 before a LANGUAGE_MAP that maps 0 : EN");
            if (auto ok = expect_punct('{'); !ok) return ok;
            if (is("ENCODING_MS_JIS") || is("ENCODING_KOREAN") || is("ENCODING_MANDARIN"))
                return fail(here().line, here().text + ": CD-Text is served in ISO 8859-1 only");
            if (!accept("ENCODING_ISO_8859_1")) accept("ENCODING_ASCII");
            while (!accept_punct('}'))
                if (auto ok = cd_text_item(text, global); !ok) return ok;
        }
        return expect_punct('}');
    }

    std::expected<void, Failure> cd_text_item(Texts& text, bool global) {
        const Token item = here();
        ++at_;
        std::string value;
        if (here().kind == Kind::String) {
            value = t_[at_++].text;
        } else if (accept_punct('{')) { // binary data: the string up to its NUL
            bool ended = false;
            while (!accept_punct('}')) {
                auto n = integer();
                if (!n) return std::unexpected(n.error());
                if (*n > 255)
                    return fail(line_before(), "binary CD-Text data " + std::to_string(*n) + ": expected 0 to 255");
                ended = ended || *n == 0;
                if (!ended) value += static_cast<char>(*n);
                if (!is_punct('}'))
                    if (auto ok = expect_punct(','); !ok) return ok;
            }
        } else {
            return fail(here().line, "expected a \"string\" or { binary data } after " + item.text + " at " + shown());
        }
        if (item.kind == Kind::Word) {
            for (std::size_t type = 0; type < text_items.size(); ++type)
                if (item.text == text_items[type]) {
                    text[type] = value;
                    return {};
                }
            if (item.text == "SIZE_INFO" || item.text == "TOC_INFO1" || item.text == "TOC_INFO2") {
                if (!global) return fail(item.line, item.text + " in a track's CD_TEXT: it belongs to the disc's");
                return {}; // made again from the text that is served
            }
            static constexpr std::array<std::string_view, 9> others{
                "DISC_ID", "GENRE", "UPC_EAN", "ISRC", "CLOSED", "RESERVED1", "RESERVED2", "RESERVED3", "RESERVED4"};
            if (std::find(others.begin(), others.end(), item.text) != others.end()) {
                if (value.empty()) return {}; // cdrdao keeps no item for an empty string
                return fail(item.line, "CD-Text item " + item.text +
                                           " is not served (the drive's CD-Text holds TITLE, PERFORMER, SONGWRITER, "
                                           "COMPOSER, ARRANGER and MESSAGE)");
            }
        }
        return fail(item.line, "expected a CD-Text item (TITLE, PERFORMER ...) or '}' at " +
                                   (item.kind == Kind::End ? std::string("the end of the file") : item.text));
    }

    std::expected<Track, Failure> track() {
        Track tr;
        tr.line = here().line;
        ++at_;
        auto m = mode("a track mode:");
        if (!m) return std::unexpected(m.error());
        tr.mode = *m;
        const bool audio = tr.mode == Mode::Audio;
        if (auto ok = refuse_subchannel(); !ok) return std::unexpected(ok.error());
        for (;;) {
            const unsigned line = here().line;
            if (accept("ISRC")) {
                auto isrc = string();
                if (!isrc) return std::unexpected(isrc.error());
                if (isrc->empty()) continue;
                if (!audio) return fail(line, "ISRC on a data track: only audio tracks carry one");
                if (!cd::valid_isrc(*isrc))
                    return fail(line,
                                "ISRC \"" + *isrc + "\": expected CCOOOYYSSSSS, 5 letters or digits then 7 digits");
                tr.isrc = *isrc;
            } else if (accept("NO")) {
                if (accept("COPY")) {
                    tr.copy = false;
                } else if (accept("PRE_EMPHASIS")) {
                    tr.pre_emphasis = false;
                } else {
                    return fail(here().line, "expected COPY or PRE_EMPHASIS after NO at " + shown());
                }
            } else if (accept("COPY")) {
                tr.copy = true;
            } else if (accept("PRE_EMPHASIS") || accept("FOUR_CHANNEL_AUDIO")) {
                if (!audio) return fail(line, t_[at_ - 1].text + " on a data track: only audio tracks have it");
                (t_[at_ - 1].text == "PRE_EMPHASIS" ? tr.pre_emphasis : tr.four_channel) = true;
            } else if (accept("TWO_CHANNEL_AUDIO")) {
                tr.four_channel = false;
            } else {
                break;
            }
        }
        if (accept("CD_TEXT"))
            if (auto ok = cd_text(tr.text, false); !ok) return std::unexpected(ok.error());
        const std::uint32_t block = block_bytes(tr.mode);
        if (accept("PREGAP")) {
            tr.start_line = line_before();
            auto a = amount(false);
            if (!a) return std::unexpected(a.error());
            if (a->value == 0) return fail(tr.start_line, "PREGAP 00:00:00: the length of a pregap is not zero");
            tr.pieces.push_back(Piece{tr.start_line, {}, audio, false, 0, a->value * block});
            tr.start_after = 1;
        }
        std::optional<bool> audio_statements; // FILE/SILENCE, or DATAFILE/ZERO: not both in a track
        if (!tr.pieces.empty()) audio_statements = audio;
        for (bool any = false;; any = true) {
            const unsigned line = here().line;
            if (accept("START") || accept("END")) {
                const bool start = t_[at_ - 1].text == "START";
                std::optional<std::uint64_t> at;
                if (here().kind == Kind::Integer) {
                    auto a = amount(false);
                    if (!a) return std::unexpected(a.error());
                    at = a->value * block;
                }
                if (!start) continue; // the start of a post-gap: an index the drive does not report
                if (tr.start_line != 0)
                    return fail(line, "START: the end of the pregap is already given on line " +
                                          std::to_string(tr.start_line));
                tr.start_line = line;
                if (at) {
                    tr.start_bytes = at;
                } else {
                    tr.start_after = tr.pieces.size();
                }
                continue;
            }
            auto piece = data_statement(tr, line);
            if (!piece) return std::unexpected(piece.error());
            if (!*piece) {
                if (!any)
                    return fail(
                        here().line,
                        "expected the track's data (FILE, AUDIOFILE, DATAFILE, SILENCE, ZERO, PREGAP or START) at " +
                            shown());
                break;
            }
            if (audio_statements && *audio_statements != (*piece)->audio_statement)
                return fail(
                    line,
                    "FILE/AUDIOFILE/SILENCE and DATAFILE/ZERO in one track (PREGAP acts as SILENCE in audio tracks)");
            audio_statements = (*piece)->audio_statement;
            tr.pieces.push_back(std::move(**piece));
        }
        // INDEX MM:SS:FF: where index 2, 3, ... begin, in blocks after the track's start (its
        // index 1), ascending; at most index 99.
        while (accept("INDEX")) {
            const unsigned line = line_before();
            auto a = amount(false);
            if (!a) return std::unexpected(a.error());
            if (a->value == 0 || (!tr.index_marks.empty() && a->value <= tr.index_marks.back().blocks))
                return fail(line, "INDEX: expected a time after the track's start and its previous INDEX");
            if (tr.index_marks.size() == max_index_marks) return fail(line, "INDEX: a track has index 99 at most");
            tr.index_marks.push_back(IndexMark{line, a->value});
        }
        return tr;
    }

    // One FILE/AUDIOFILE, DATAFILE, SILENCE or ZERO statement; nothing when the next token is none.
    std::expected<std::optional<Piece>, Failure> data_statement(const Track& tr, unsigned line) {
        const bool audio = tr.mode == Mode::Audio;
        const std::uint32_t block = block_bytes(tr.mode);
        Piece p;
        p.line = line;
        if (accept("FIFO"))
            return fail(line, "FIFO: data read from a FIFO is not served (an image is served from files)");
        if (accept("FILE") || accept("AUDIOFILE") || accept("DATAFILE")) {
            const std::string what = t_[at_ - 1].text;
            p.audio_statement = what != "DATAFILE";
            if (p.audio_statement && !audio)
                return fail(line,
                            what + " in a data track: FILE and AUDIOFILE are for audio tracks (DATAFILE for data)");
            auto name = string();
            if (!name) return std::unexpected(name.error());
            if (*name == "-") return fail(line, what + " \"-\": data read from standard input is not served");
            if (name->empty()) return fail(line, what + " \"\": a file name is expected");
            p.file = *name;
            if (p.audio_statement && accept("SWAP")) p.swap = true;
            if (accept_punct('#')) {
                auto off = integer();
                if (!off) return std::unexpected(off.error());
                p.offset = *off;
            }
            if (p.audio_statement) {
                auto start = bytes(block, true);
                if (!start) return std::unexpected(start.error());
                p.offset += *start;
            }
            if (here().kind == Kind::Integer) {
                auto len = bytes(block, p.audio_statement);
                if (!len) return std::unexpected(len.error());
                if (*len != 0) p.bytes = *len;
            }
            return p;
        }
        if (accept("SILENCE")) {
            if (!audio) return fail(line, "SILENCE in a data track: it is for audio tracks (ZERO for data)");
            p.audio_statement = true;
            auto len = bytes(block, true);
            if (!len) return std::unexpected(len.error());
            if (*len == 0) return fail(line, "SILENCE of length 0");
            p.bytes = *len;
            return p;
        }
        if (accept("ZERO")) {
            if (here().kind == Kind::Word) {
                const unsigned at = here().line;
                if (is("MODE0") || is("MODE2_FORM1") || is("MODE2_FORM2"))
                    return fail(at, "ZERO " + here().text + " in a " + std::string(mode_name(tr.mode)) +
                                        " track: zeros of another mode than the track's are not served");
                auto m = mode("ZERO's mode:");
                if (!m) return std::unexpected(m.error());
                if (*m != tr.mode)
                    return fail(at, "ZERO " + std::string(mode_name(*m)) + " in a " + std::string(mode_name(tr.mode)) +
                                        " track: zeros of another mode than the track's are not served");
                if (auto ok = refuse_subchannel(); !ok) return std::unexpected(ok.error());
            }
            auto len = bytes(block, false);
            if (!len) return std::unexpected(len.error());
            if (*len == 0) return fail(line, "ZERO of length 0");
            p.bytes = *len;
            return p;
        }
        return std::optional<Piece>{};
    }

    bool mapped_ = false;
};

} // namespace

std::expected<Sheet, std::string> parse(std::string_view text, const std::string& name) {
    auto tokens = tokens_of(text);
    if (!tokens) return std::unexpected(name + ":" + std::to_string(tokens.error().line) + ": " + tokens.error().why);
    Parser p(std::move(*tokens));
    auto s = p.sheet();
    if (!s) return std::unexpected(name + ":" + std::to_string(s.error().line) + ": " + s.error().why);
    return std::move(*s);
}

} // namespace spindle::toc
