#pragma once
// Everything a drive remembers between commands. Handlers receive it by reference; only the
// Drive (dispatcher and state machine) decides when conditions begin and end.
#include "emulator/drive/audio_play.hpp"
#include "emulator/drive/event_queue.hpp"
#include "emulator/drive/mode_page_set.hpp"
#include "emulator/drive/state_change.hpp"
#include "emulator/media/cd_text.hpp"
#include "emulator/media/medium.hpp"
#include "emulator/profile/drive_profile.hpp"
#include "emulator/timing/buffer_model.hpp"
#include "emulator/timing/clock.hpp"
#include "scsi/sense.hpp"

#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

namespace spindle {

// Why a loaded medium is not ready (or cannot be used), beyond "no medium" and "tray open".
enum class MediumCondition : std::uint8_t {
    Ready,
    BecomingReady,       // 2/04/01 until `until`
    FormatInProgress,    // 2/04/04 with progress until `until`
    LongWrite,           // 2/04/08 with progress until `until`
    OperationInProgress, // 2/04/07 (closing a session, stopping a format)
    UpsideDown,          // no code in the standards; the profile's quirk decides the sense
    Incompatible,        // 2/30/00 or as set
};

struct ConditionState {
    MediumCondition kind = MediumCondition::Ready;
    DriveTime since{0};
    DriveTime until{0};                   // for timed conditions: when it ends by itself (max: never)
    std::optional<scsi::SenseData> sense; // overrides the condition's default sense
};

// The speeds the host asked for (SET CD SPEED, SET STREAMING), as selected for the medium
// loaded at the time. drive/speeds.hpp resolves them against the medium in the drive now.
struct CurrentSpeeds {
    std::uint32_t read_kbps = 0; // 0: the fastest the medium allows
    std::uint32_t write_kbps = 0;
};

// Test write (page 05h): the layout simulated writes advance, so a simulated burn runs its
// whole command sequence; the disc itself keeps its layout and data.
struct WriteSimulation {
    const Medium* of = nullptr; // the medium the shadow was taken of
    Disc disc;
};

// Session At Once on CD (drive/cue_sheet.hpp): the pregap blocks the host still sends after
// SEND CUE SHEET, on the medium the cue sheet was sent for.
struct CuePregap {
    const Medium* of = nullptr;
    std::int64_t next = 0;            // the next pregap LBA the host sends
    std::int64_t end = 0;             // one past the last: the first track's index 1
    std::uint32_t block_bytes = 2048; // each as sent: 2352 before an audio track
    // The lead-in's R-W from the host (the cue sheet said so): the CD-Text packs so far.
    std::shared_ptr<cd::TextCollector> lead_in_text{};
    // Tracks whose R-W come as packs for the drive to interleave (cue data form C0h).
    std::vector<std::uint16_t> packed_rw_tracks{};
    // Data tracks whose blocks come as whole 2352-byte sectors (cue data forms 11h, 21h, 31h).
    std::vector<std::uint16_t> raw_sector_tracks{};
};

struct DriveState {
    DriveState(DriveProfile p, Clock& c, std::filesystem::path dir);

    DriveProfile profile;
    Clock& clock;
    std::filesystem::path state_dir; // saved mode pages live here; empty: nothing persists

    bool tray_open = false;
    bool prevent = false;            // PREVENT ALLOW MEDIUM REMOVAL, Prevent bit
    bool persistent_prevent = false; // PREVENT ALLOW MEDIUM REMOVAL, Persistent bit
    bool stopped = false;            // START STOP UNIT with Start=0: disc spun down
    std::unique_ptr<Medium> medium;  // the disc in the drive (also while the tray is open)
    ConditionState condition;

    ModePageSet mode_pages;
    EventQueues events;
    std::deque<scsi::Asc> unit_attentions;
    CurrentSpeeds speeds;
    timing::BufferModel buffer{profile.buffer_size_bytes};
    std::optional<WriteSimulation> simulation;
    std::optional<CuePregap> cue_pregap;
    TimingMode timing_mode = TimingMode::Fast;
    std::uint32_t head_lba = 0; // the last block read: READ SUB-CHANNEL's current position
    AudioPlay audio;            // CD audio the drive plays (audio_play.hpp)

    // Time (transitions.hpp run_due): changes waiting for their time, and while one runs, its
    // time, which is "now" for everything it does (a load it starts ends after the
    // becoming-ready time counted from then, not from when someone looked).
    std::vector<ScheduledChange> schedule;
    std::optional<DriveTime> running_at;
    std::unique_ptr<Medium> removed_medium;  // the disc a no-medium change took out, to come back
    std::optional<DriveTime> reserved_until; // another initiator holds a reservation (max: until ended)
    // The current profile and the codes of the Current features as last noted (transitions.hpp
    // note_feature_change); nothing until the first look, so power-on posts no change.
    std::optional<std::vector<std::uint16_t>> noted_features;
    // What the Current bits depend on (drive/feature_currency.hpp), as last noted: while it stays
    // the same the features need not be looked at again (after every command).
    struct FeatureInputs {
        std::uint16_t profile = 0;
        const Medium* medium = nullptr;
        bool formatted = false, recorded = false;
        friend bool operator==(const FeatureInputs&, const FeatureInputs&) = default;
    };
    std::optional<FeatureInputs> noted_feature_inputs;

    DriveTime now() const { return running_at ? *running_at : clock.now(); }
    bool reserved() const { return reserved_until && now() < *reserved_until; }

    bool removal_prevented() const { return prevent || persistent_prevent; }
    bool medium_present() const { return medium != nullptr && !tray_open; }
    // The current MMC profile: the loaded medium's, or 0000h with no usable medium.
    std::uint16_t current_profile() const;
    // The sense a command that needs the medium gets right now, or nullopt when it is ready.
    std::optional<scsi::SenseData> not_ready_sense() const;
};

} // namespace spindle
