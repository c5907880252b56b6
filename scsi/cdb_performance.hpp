#pragma once
// CDB views of the performance and buffer commands: GET PERFORMANCE, SET CD SPEED, SET
// STREAMING, READ BUFFER CAPACITY, and the SET STREAMING performance descriptor.
#include "scsi/cdb.hpp"

namespace spindle::scsi {

// MMC-6 GET PERFORMANCE: the CDB table.
struct GetPerformanceCdb : CdbView {
    using CdbView::CdbView;
    static constexpr std::size_t data_type_byte = 1;
    static constexpr std::size_t type_byte = 10;
    // Data Type (byte 1 bits 4-0) as it applies to type 00h: Tolerance, Write, Except.
    std::uint8_t tolerance() const { return bits(1, 3, 2); }
    bool write() const { return bit(1, 2); }
    std::uint8_t except() const { return bits(1, 0, 2); }
    std::uint32_t starting_lba() const { return be32(2); }
    std::uint16_t max_descriptors() const { return be16(8); }
    std::uint8_t type() const { return u8(10); }
};

// MMC-6 SET CD SPEED: the CDB table.
struct SetCdSpeedCdb : CdbView {
    using CdbView::CdbView;
    static constexpr std::size_t rotation_byte = 1;
    static constexpr std::uint16_t maximum = 0xFFFF; // "as fast as possible"
    std::uint8_t rotational_control() const { return bits(1, 0, 2); }
    std::uint16_t read_speed() const { return be16(2); }
    std::uint16_t write_speed() const { return be16(4); }
};

// MMC-6 SET STREAMING: the CDB table.
struct SetStreamingCdb : CdbView {
    using CdbView::CdbView;
    static constexpr std::size_t type_byte = 8;
    std::uint8_t type() const { return u8(8); }
    std::uint16_t parameter_list_length() const { return be16(9); }
};

// MMC-6 SET STREAMING: the Performance Descriptor table (type 00h), 28 bytes of data-out.
struct StreamingPerformanceDescriptor {
    static constexpr std::size_t length = 28;
    static constexpr std::size_t wrc_byte = 0, start_lba_byte = 4, end_lba_byte = 8;
    static constexpr std::size_t read_size_byte = 12, read_time_byte = 16;
    static constexpr std::size_t write_size_byte = 20, write_time_byte = 24;

    explicit StreamingPerformanceDescriptor(ByteView d) : d_(d) {}
    std::uint8_t wrc() const { return get_bits(d_, 0, 3, 2); }
    bool rdd() const { return get_bit(d_, 0, 2); }
    bool exact() const { return get_bit(d_, 0, 1); }
    bool ra() const { return get_bit(d_, 0, 0); }
    std::uint32_t start_lba() const { return get_be32(d_, start_lba_byte); }
    std::uint32_t end_lba() const { return get_be32(d_, end_lba_byte); }
    std::uint32_t read_size_kb() const { return get_be32(d_, read_size_byte); }
    std::uint32_t read_time_ms() const { return get_be32(d_, read_time_byte); }
    std::uint32_t write_size_kb() const { return get_be32(d_, write_size_byte); }
    std::uint32_t write_time_ms() const { return get_be32(d_, write_time_byte); }

private:
    ByteView d_;
};

// MMC-6 READ BUFFER CAPACITY: the CDB table.
struct ReadBufferCapacityCdb : CdbView {
    using CdbView::CdbView;
    bool block() const { return bit(1, 0); }
    std::uint16_t allocation_length() const { return be16(7); }
};

} // namespace spindle::scsi
