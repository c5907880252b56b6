#pragma once
// Typed, read-only views of CDBs. A view names each field of one command's CDB (the MMC-6 /
// SPC-4 table is cited beside it); handlers never index raw CDB bytes themselves. Views of a
// command family live beside this file as cdb_<family>.hpp.
#include "scsi/bytes.hpp"
#include "scsi/opcode.hpp"

namespace spindle::scsi {

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

} // namespace spindle::scsi
