#pragma once
// A cdrdao toc file parsed to what it says, before any file it names is opened: the grammar of
// cdrdao(1) "TOC FILES" and cdrdao's trackdb/TocParser.g (1.2.4 and later), keywords in capitals
// as cdrdao's lexer takes them, comments from `//`, strings with \", \\ and \ooo escapes, MSF
// as MM:SS:FF (frames below 75) or a plain count: samples for FILE/AUDIOFILE/SILENCE, bytes for
// DATAFILE/ZERO. Every length here is in bytes of the track's blocks (an audio sample is 4).
//
// Refused, naming the file and line, besides what cdrdao itself refuses: CD_I, FIRST_TRACK_NO
// other than 1, sub-channel data (RW, RW_RAW), FIFO and stdin ("-") sources, MODE2_FORM1 and
// MODE2_FORM2 tracks (sectors kept without their subheader), ZERO of another mode than its
// track's, PRE_EMPHASIS, FOUR_CHANNEL_AUDIO or ISRC on a data track, CD-Text other than
// language block 0 in English, its items other than TITLE ... MESSAGE (SIZE_INFO and TOC_INFO1/2
// are made again from the rest), and text encodings other than ISO 8859-1 and ASCII.
#include "emulator/media/cd_text_strings.hpp"

#include <array>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spindle::toc {

enum class Mode : std::uint8_t { Audio, Mode1, Mode1Raw, Mode2, Mode2FormMix, Mode2Raw };
// Bytes of a block of the track mode in its files: AUDIO 2352, MODE1 2048 ...
std::uint32_t block_bytes(Mode m);
std::string_view mode_name(Mode m);

// One data statement of a track: zeros (SILENCE, ZERO) or a run of a file.
struct Piece {
    unsigned line = 0;
    std::string file;                   // empty: zeros
    bool audio_statement = false;       // FILE/AUDIOFILE/SILENCE (lengths in samples) not DATAFILE/ZERO
    bool swap = false;                  // SWAP: the other byte order than the file type's
    std::uint64_t offset = 0;           // bytes: `#offset`, plus FILE's start sample
    std::optional<std::uint64_t> bytes; // none: up to the end of the file
};

using Texts = std::array<std::string, cd::text_types>; // TITLE ... MESSAGE; empty: none

// INDEX: index 2, 3, ... begins `blocks` after the track's start (its index 1, past the pregap).
struct IndexMark {
    unsigned line = 0;
    std::uint64_t blocks = 0;
};

struct Track {
    unsigned line = 0;
    Mode mode = Mode::Audio;
    bool copy = false, pre_emphasis = false, four_channel = false;
    std::string isrc;
    Texts text{};
    std::vector<Piece> pieces;
    // The pregap (blocks before index 1): START MM:SS:FF's bytes, or the pieces before a START
    // without a time (or PREGAP's zeros), rounded up to whole blocks.
    std::optional<std::uint64_t> start_bytes;
    std::optional<std::size_t> start_after;
    unsigned start_line = 0;
    std::vector<IndexMark> index_marks; // ascending
};

enum class DiscType : std::uint8_t { CdDa, CdRom, CdRomXa };

struct Sheet {
    DiscType type = DiscType::CdDa;
    std::string catalog;
    Texts text{};
    std::vector<Track> tracks;
};

// `text` of the toc file `name` (for messages: "NAME:LINE: what was expected").
std::expected<Sheet, std::string> parse(std::string_view text, const std::string& name);

} // namespace spindle::toc
