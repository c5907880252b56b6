#pragma once
// Typed, read-only views of CDBs, and the builders that make them. A view names each field of
// one command's CDB (the MMC-6 / SPC-4 table is cited beside it); handlers never index raw CDB
// bytes themselves. A builder (scsi::cdb::<command>) writes the fields its view reads, so no
// caller spells a CDB in hex. Views and builders of a command family live beside this file as
// cdb_<family>.hpp.
#include "scsi/bytes.hpp"
#include "scsi/opcode.hpp"

#include <array>

namespace spindle::scsi {

// A CDB as a builder returns it; a std::span<const std::uint8_t> of it is what a transport takes.
template <std::size_t N>
using CdbBytes = std::array<std::uint8_t, N>;

namespace cdb {
// The zeroed CDB of `op`, its length fixed by the opcode's group code (SPC-4 4.3.2).
template <Opcode op>
constexpr auto zeroed() {
    constexpr std::size_t length = cdb_length(static_cast<std::uint8_t>(op)).value_or(0);
    static_assert(length != 0, "an opcode whose group fixes no CDB length");
    CdbBytes<length> c{};
    c[0] = static_cast<std::uint8_t>(op);
    return c;
}
} // namespace cdb

class CdbView {
public:
    explicit CdbView(ByteView cdb) : cdb_(cdb) {}
    std::uint8_t opcode() const { return cdb_[0]; }
    std::size_t size() const { return cdb_.size(); }
    std::uint8_t control() const { return cdb_[cdb_.size() - 1]; }
    ByteView bytes() const { return cdb_; }

protected:
    std::uint8_t u8(std::size_t at) const { return cdb_[at]; }
    std::uint16_t be16(std::size_t at) const { return get_be16(cdb_, at); }
    std::uint32_t be24(std::size_t at) const { return get_be24(cdb_, at); }
    std::uint32_t be32(std::size_t at) const { return get_be32(cdb_, at); }
    std::uint64_t be64(std::size_t at) const { return get_be64(cdb_, at); }
    bool bit(std::size_t at, unsigned b) const { return get_bit(cdb_, at, b); }
    std::uint8_t bits(std::size_t at, unsigned shift, unsigned width) const { return get_bits(cdb_, at, shift, width); }

private:
    ByteView cdb_;
};

// SPC-4 table 184: REQUEST SENSE.
struct RequestSenseCdb : CdbView {
    using CdbView::CdbView;
    bool desc() const { return bit(1, 0); }
    std::uint8_t allocation_length() const { return u8(4); }
};

// SPC-4 table 176: INQUIRY.
struct InquiryCdb : CdbView {
    using CdbView::CdbView;
    bool evpd() const { return bit(1, 0); }
    std::uint8_t page_code() const { return u8(2); }
    std::uint16_t allocation_length() const { return be16(3); }
};

namespace cdb {
// SPC-4 TEST UNIT READY: the operation code and the control byte, nothing else.
inline CdbBytes<6> test_unit_ready() { return zeroed<Opcode::TestUnitReady>(); }

// SPC-4 table 184: REQUEST SENSE, fixed-format sense (DESC 0).
inline CdbBytes<6> request_sense(std::uint8_t allocation_length) {
    auto c = zeroed<Opcode::RequestSense>();
    c[4] = allocation_length;
    return c;
}

// SPC-4 table 176: INQUIRY, standard data (EVPD 0) ...
inline CdbBytes<6> inquiry(std::uint16_t allocation_length) {
    auto c = zeroed<Opcode::Inquiry>();
    put_be16(c, 3, allocation_length);
    return c;
}
// ... or one vital product data page (EVPD 1).
inline CdbBytes<6> inquiry_vpd(std::uint8_t page_code, std::uint16_t allocation_length) {
    auto c = inquiry(allocation_length);
    put_bit(c, 1, 0, true);
    c[2] = page_code;
    return c;
}
} // namespace cdb

} // namespace spindle::scsi
