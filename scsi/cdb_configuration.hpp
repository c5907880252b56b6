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

namespace cdb {
// GET CONFIGURATION's RT field: every feature, the current ones, or the one named.
namespace rt {
inline constexpr std::uint8_t all = 0, current = 1, one = 2;
}
// MMC-6 6.6: RT byte 1 bits 1-0, Starting Feature Number bytes 2-3, allocation 7-8.
inline CdbBytes<10> get_configuration(std::uint8_t rt, std::uint16_t starting_feature,
                                      std::uint16_t allocation_length) {
    auto c = zeroed<Opcode::GetConfiguration>();
    put_bits(c, 1, 0, 2, rt);
    put_be16(c, 2, starting_feature);
    put_be16(c, 7, allocation_length);
    return c;
}

// GET EVENT STATUS NOTIFICATION's Notification Class Request bits (MMC-6 6.7).
namespace event_class {
inline constexpr std::uint8_t operational_change = 0x02, power_management = 0x04, external_request = 0x08, media = 0x10,
                              multi_host = 0x20, device_busy = 0x40;
}
// MMC-6 6.7: Polled byte 1 bit 0 (the only mode MMC drives must offer), class request byte 4,
// allocation 7-8.
inline CdbBytes<10> get_event_status_notification(std::uint8_t class_request, std::uint16_t allocation_length) {
    auto c = zeroed<Opcode::GetEventStatusNotification>();
    put_bit(c, 1, 0, true);
    c[4] = class_request;
    put_be16(c, 7, allocation_length);
    return c;
}
} // namespace cdb

} // namespace spindle::scsi
