#pragma once
// The one place a disc's layout changes once it is in a drive. Each operation is the state
// transition a real disc makes (the drive has already checked that the command may run) and
// ends by announcing the change: Medium::layout_changed(), where the layout is saved. A writer
// over a bare Disc (a test-write shadow) announces nothing.
#include "emulator/media/medium.hpp"

#include <optional>
#include <string>
#include <vector>

namespace spindle {

// What the drive adds around a track it closes. A CD data track written Track At Once ends in 2
// run-out blocks (an audio track's link lies in the pause after it) and the next track in the session begins after its
// 150-block pregap (the first track of a session has its pregap in the lead-in; session_gap() counts it): K3b and Nero
// strip the run-out from a TAO track's size, Orange Book multisession starts the next session
// 11400 blocks after the lead-out (cdrecord -msinfo of 300 blocks: 0,11702).
struct TrackEnding {
    std::uint32_t run_out = 0;
    std::uint32_t next_pregap = 0;
};
inline constexpr TrackEnding cd_track_at_once{2, 150};

// What blocks written to a track are: its CD track mode (audio or data) and, for CD data, its
// sectors and the Session Format page 05h gave (kept by the first track of a session).
struct WrittenBlocks {
    std::uint8_t track_mode = 0x4;
    DataSectors sectors = DataSectors::Mode1;
    bool form2 = false; // some of them are XA Form 2 sectors
    std::uint8_t session_format = cd_session_format::cd_rom;
};

class DiscWriter {
public:
    explicit DiscWriter(Medium& medium) : disc_(medium.disc), medium_(&medium) {}
    explicit DiscWriter(Disc& shadow) : disc_(shadow) {}

    const Disc& disc() const { return disc_; }

    // `count` blocks were written at the NWA of open track `track` (sequential media), the
    // track's first ones giving it their track mode and sectors (CD: audio or data, Mode 1 or
    // 2). A reserved track that becomes full is complete; a blank disc becomes incomplete.
    void record(std::uint16_t track, std::uint32_t count, const WrittenBlocks& blocks);
    void record(std::uint16_t track, std::uint32_t count, std::uint8_t track_mode) {
        record(track, count, WrittenBlocks{track_mode});
    }
    // Buffer underrun with BUFE off (loss of streaming): the track keeps what reached the disc
    // and is damaged (READ TRACK INFORMATION Damage; see Track::writable()).
    void lose_streaming(std::uint16_t track);
    // The blank invisible track becomes a reserved track of `blocks` (of `track_mode` and
    // `sectors`, when given: a CD cue sheet's audio or data track); a new invisible track follows
    // it unless `last` (DVD-R DAO: the reservation is the whole session).
    void reserve(std::uint32_t blocks, bool last, std::optional<std::uint8_t> track_mode = std::nullopt,
                 DataSectors sectors = DataSectors::Mode1);
    // Closes an open track: a reserved one is padded to its size, the invisible one to the end
    // of its ECC block (then `ending`'s run-out), and a new invisible track follows in the same
    // session (after `ending`'s pregap).
    void close_track(std::uint16_t track, TrackEnding ending = {});
    // Closes every open track of the last session as close_track does (a blank invisible track
    // is dropped) and, when `appendable` and there is room, opens the next session; otherwise
    // the disc is complete. Closing with `appendable` false is finalizing.
    void close_session(bool appendable, TrackEnding ending = {});

    // SEND CUE SHEET on CD: the disc's catalogue number (empty: none) and a track's ISRC.
    void set_mcn(std::string mcn);
    void set_isrc(std::uint16_t track, std::string isrc);
    // SEND CUE SHEET: the host sends track `track`'s R-W sub-channels with its blocks.
    void set_recorded_rw(std::uint16_t track);
    // SEND CUE SHEET: where track `track`'s index 2, 3, ... begin.
    void set_index_marks(std::uint16_t track, std::vector<std::uint32_t> marks);
    // CD-Text packs from a SAO lead-in (media/cd_text.hpp); the first session's stay.
    void set_cd_text(std::vector<std::uint8_t> packs);

    // BLANK types 0 and 1: a blank sequential disc of `kind` (DVD-RW restricted overwrite
    // becomes sequential); `minimal` on DVD-RW leaves it writable by DAO only.
    void blank_disc(MediaKind kind, bool minimal);
    // BLANK type 2: the last track with data and everything after it become the invisible track.
    void blank_last_track();
    // BLANK type 3: the last (empty) reserved track returns to the invisible track.
    void unreserve_last_track();
    // BLANK type 5: the last complete session is open again (the empty one after it goes).
    void unclose_last_session();
    // BLANK type 6: the last session with data is erased.
    void blank_last_session();

    // FORMAT UNIT to random access (DVD+RW, DVD-RW restricted overwrite, DVD-RAM, BD-RE):
    // the disc becomes `kind`, `capacity` blocks, all readable and writable.
    void format_random(MediaKind kind, std::uint32_t capacity, BackgroundFormat background);
    // FORMAT UNIT of a blank BD-R with spare areas: still sequential, `capacity` user blocks.
    void format_sequential(std::uint32_t capacity);
    void set_background_format(BackgroundFormat background);
    // SEND DISC STRUCTURE 20h on a blank DVD±R DL: where layer 0's data zone ends.
    void set_layer0_capacity(std::uint32_t blocks);

private:
    Track& last_track() { return disc_.tracks.back(); }
    void open_invisible_track(std::uint16_t session, std::uint32_t start);
    // A disc blank again has no catalogue number and no CD-Text (ISRCs go with their tracks).
    void forget_lead_in() {
        disc_.mcn.clear();
        disc_.cd_text.clear();
    }
    // An open track becomes closed: padded, and ended with `ending`'s run-out.
    void end_track(Track& t, TrackEnding ending);
    void changed(LayoutChange change = LayoutChange::Structure) const {
        if (medium_ != nullptr) medium_->layout_changed(change);
    }

    Disc& disc_;
    Medium* medium_ = nullptr;
};

} // namespace spindle
