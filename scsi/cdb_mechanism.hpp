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

namespace cdb {
// MMC-6 6.37: Immed byte 1 bit 0; byte 4 LoEj bit 1, Start bit 0 (power conditions 0: the
// LoEj/Start pair decides). eject() and load() are its two uses with a tray.
inline CdbBytes<6> start_stop_unit(bool loej, bool start, bool immed = false) {
    auto c = zeroed<Opcode::StartStopUnit>();
    put_bit(c, 1, 0, immed);
    put_bit(c, StartStopUnitCdb::flags_byte, 1, loej);
    put_bit(c, StartStopUnitCdb::flags_byte, 0, start);
    return c;
}
inline CdbBytes<6> eject(bool immed = false) { return start_stop_unit(true, false, immed); }
inline CdbBytes<6> load(bool immed = false) { return start_stop_unit(true, true, immed); }

// MMC-6 6.11: byte 4 Persistent bit 1, Prevent bit 0.
inline CdbBytes<6> prevent_allow_medium_removal(bool prevent, bool persistent = false) {
    auto c = zeroed<Opcode::PreventAllowMediumRemoval>();
    put_bit(c, PreventAllowMediumRemovalCdb::flags_byte, 1, persistent);
    put_bit(c, PreventAllowMediumRemovalCdb::flags_byte, 0, prevent);
    return c;
}

// MMC-6 6.10: allocation length bytes 8-9.
inline CdbBytes<12> mechanism_status(std::uint16_t allocation_length) {
    auto c = zeroed<Opcode::MechanismStatus>();
    put_be16(c, 8, allocation_length);
    return c;
}
} // namespace cdb

} // namespace spindle::scsi
