#pragma once
// CDBs that move the medium or report the mechanism: START STOP UNIT, PREVENT ALLOW MEDIUM
// REMOVAL, MECHANISM STATUS.
#include "scsi/cdb.hpp"

namespace spindle::scsi {

// MMC-6 6.37, START STOP UNIT CDB.
struct StartStopUnitCdb : CdbView {
    using CdbView::CdbView;
    static constexpr std::size_t flags_byte = 4; // Power Conditions | FL | LoEj | Start
    bool immed() const { return bit(1, 0); }
    std::uint8_t power_conditions() const { return bits(4, 4, 4); }
    bool fl() const { return bit(4, 2); }
    bool loej() const { return bit(4, 1); }
    bool start() const { return bit(4, 0); }
};

// MMC-6 6.11, PREVENT ALLOW MEDIUM REMOVAL CDB.
struct PreventAllowMediumRemovalCdb : CdbView {
    using CdbView::CdbView;
    static constexpr std::size_t flags_byte = 4; // Persistent | Prevent
    bool persistent() const { return bit(4, 1); }
    bool prevent() const { return bit(4, 0); }
};

// MMC-6 6.10, MECHANISM STATUS CDB.
struct MechanismStatusCdb : CdbView {
    using CdbView::CdbView;
    std::uint16_t allocation_length() const { return be16(8); }
};

} // namespace spindle::scsi
