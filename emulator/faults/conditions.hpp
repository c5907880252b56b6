#pragma once
// Named conditions: the faults a person asks for by name, each answered with what real drives
// report. One table (conditions.cpp), each row citing its source.
#include "scsi/sense_codes.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace spindle::faults {

enum class Condition : std::uint8_t {
    NoMedium,
    TrayOpen,
    BecomingReady,
    FormatInProgress,
    Busy,
    LongWrite,
    UpsideDown,
    IncompatibleMedium,
    SpeedMismatch,
    WriteProtected,
    NotFormatted,
    LossOfStreaming,
    NoSuchModePage,
    DvdStructureNotPresent,
    InvalidResponse,
    Timeout,
    DeviceGone,
    Locked,
};

// How a condition reaches the initiator.
enum class Effect : std::uint8_t {
    Sense,               // CHECK CONDITION with `key`/`code` (progress when `progress`)
    QuirkSense,          // CHECK CONDITION with the sense the profile's quirks name
    TruncatedData,       // the command runs, half of its data-in arrives (an inconsistent answer)
    Hang,                // no completion
    Vanish,              // the device disappears
    ReservationConflict, // status 18h: another initiator holds the drive
};

struct ConditionInfo {
    Condition id;
    std::string_view name;
    Effect effect;
    scsi::SenseKey key;
    scsi::Asc code;
    bool progress;           // sense-key-specific progress indication (SPC-4 4.5.2.4.4)
    std::string_view field;  // for 5/24/00: which CDB byte the field pointer names ("" none)
    std::string_view source; // where real drives are seen to answer so
};

std::span<const ConditionInfo> conditions();
const ConditionInfo& condition_info(Condition c);
std::optional<Condition> condition_by_name(std::string_view name);
// Names files written before the medium words were settled still use: "no-media" and
// "incompatible-media" are read as "no-medium" and "incompatible-medium" (deprecated; only
// the new names are ever printed).
std::string_view current_spelling(std::string_view name);

} // namespace spindle::faults
