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

namespace cdb {
// GET PERFORMANCE's Type (byte 10): performance (00h) or write speed (03h) descriptors.
namespace performance_type {
inline constexpr std::uint8_t performance = 0x00, write_speed = 0x03;
}
// Data Type (byte 1) of type 00h: Tolerance bits 4-3 (10b: nominal), Write bit 2, Except 1-0.
inline constexpr std::uint8_t performance_data_type(bool write, std::uint8_t tolerance = 2, std::uint8_t except = 0) {
    return static_cast<std::uint8_t>((tolerance & 3u) << 3 | (write ? 4u : 0u) | (except & 3u));
}
// MMC-6 GET PERFORMANCE: Data Type byte 1, Starting LBA 2-5, Maximum Number of Descriptors
// 8-9, Type 10.
inline CdbBytes<12> get_performance(std::uint8_t type, std::uint16_t max_descriptors, std::uint8_t data_type = 0,
                                    std::uint32_t starting_lba = 0) {
    auto c = zeroed<Opcode::GetPerformance>();
    c[GetPerformanceCdb::data_type_byte] = data_type;
    put_be32(c, 2, starting_lba);
    put_be16(c, 8, max_descriptors);
    c[GetPerformanceCdb::type_byte] = type;
    return c;
}

// MMC-6 SET CD SPEED: Rotational Control byte 1 bits 1-0 (00b CLV, 01b pure CAV), read speed
// 2-3 and write speed 4-5 in kB/s, FFFFh the fastest.
inline CdbBytes<12> set_cd_speed(std::uint16_t read_kbps, std::uint16_t write_kbps, bool pure_cav = false) {
    auto c = zeroed<Opcode::SetCdSpeed>();
    put_bits(c, SetCdSpeedCdb::rotation_byte, 0, 2, pure_cav ? 1u : 0u);
    put_be16(c, 2, read_kbps);
    put_be16(c, 4, write_kbps);
    return c;
}

// MMC-6 SET STREAMING: Type byte 8 (00h: a performance descriptor follows), parameter list
// length 9-10.
inline CdbBytes<12> set_streaming(std::uint16_t parameter_list_length, std::uint8_t type = 0) {
    auto c = zeroed<Opcode::SetStreaming>();
    c[SetStreamingCdb::type_byte] = type;
    put_be16(c, 9, parameter_list_length);
    return c;
}

// SET STREAMING's data-out, the Performance Descriptor (type 00h) its view above reads: WRC
// byte 0 bits 4-3, RDD 2, Exact 1, RA 0; then six 4-byte fields.
struct StreamingPerformance {
    std::uint8_t wrc = 0; // write rotation control, two bits
    bool rdd = false;     // restore the drive's defaults
    bool exact = false;
    bool ra = false;
    std::uint32_t start_lba = 0, end_lba = 0;
    std::uint32_t read_size_kb = 0, read_time_ms = 0;
    std::uint32_t write_size_kb = 0, write_time_ms = 0;
};
inline std::array<std::uint8_t, StreamingPerformanceDescriptor::length>
streaming_performance_descriptor(const StreamingPerformance& p) {
    using D = StreamingPerformanceDescriptor;
    std::array<std::uint8_t, D::length> d{};
    put_bits(d, D::wrc_byte, 3, 2, p.wrc);
    put_bit(d, D::wrc_byte, 2, p.rdd);
    put_bit(d, D::wrc_byte, 1, p.exact);
    put_bit(d, D::wrc_byte, 0, p.ra);
    put_be32(d, D::start_lba_byte, p.start_lba);
    put_be32(d, D::end_lba_byte, p.end_lba);
    put_be32(d, D::read_size_byte, p.read_size_kb);
    put_be32(d, D::read_time_byte, p.read_time_ms);
    put_be32(d, D::write_size_byte, p.write_size_kb);
    put_be32(d, D::write_time_byte, p.write_time_ms);
    return d;
}

// MMC-6 READ BUFFER CAPACITY: Block byte 1 bit 0 (answer in blocks, not bytes), allocation 7-8.
inline CdbBytes<10> read_buffer_capacity(std::uint16_t allocation_length, bool block = false) {
    auto c = zeroed<Opcode::ReadBufferCapacity>();
    put_bit(c, 1, 0, block);
    put_be16(c, 7, allocation_length);
    return c;
}
} // namespace cdb

} // namespace spindle::scsi
