#pragma once
// GET CONFIGURATION and GET EVENT STATUS NOTIFICATION CDBs: what the host asks about the
// drive's features and its pending events.
#include "scsi/cdb.hpp"

namespace spindle::scsi {

// MMC-6 6.6, GET CONFIGURATION CDB.
struct GetConfigurationCdb : CdbView {
    using CdbView::CdbView;
    std::uint8_t rt() const { return bits(1, 0, 2); }
    std::uint16_t starting_feature() const { return be16(2); }
    std::uint16_t allocation_length() const { return be16(7); }
};

// MMC-6 6.7, GET EVENT STATUS NOTIFICATION CDB.
struct GetEventStatusNotificationCdb : CdbView {
    using CdbView::CdbView;
    bool polled() const { return bit(1, 0); }
    std::uint8_t class_request() const { return u8(4); }
    std::uint16_t allocation_length() const { return be16(7); }
};

} // namespace spindle::scsi
