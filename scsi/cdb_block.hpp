#pragma once
// CDB views of the SBC-3 block commands an MMC drive may be sent beside its own (the drive
// implements none of them; fault rules still match them by the blocks they address).
#include "scsi/cdb.hpp"

namespace spindle::scsi {

// SBC-3 VERIFY(10) and SEEK(10): LBA bytes 2-5; VERIFY's length bytes 7-8, SEEK one block.
struct Verify10Cdb : CdbView {
    using CdbView::CdbView;
    std::uint32_t lba() const { return be32(2); }
    std::uint32_t verification_length() const { return be16(7); }
};
struct Seek10Cdb : CdbView {
    using CdbView::CdbView;
    std::uint32_t lba() const { return be32(2); }
};

// SBC-3 READ(16) / WRITE(16): LBA bytes 2-9, length bytes 10-13.
struct Block16Cdb : CdbView {
    using CdbView::CdbView;
    std::uint64_t lba() const { return be64(2); }
    std::uint32_t transfer_length() const { return be32(10); }
};

namespace cdb {
// SBC-3 VERIFY(10): LBA 2-5, verification length 7-8.
inline CdbBytes<10> verify10(std::uint32_t lba, std::uint16_t blocks) {
    auto c = zeroed<Opcode::Verify10>();
    put_be32(c, 2, lba);
    put_be16(c, 7, blocks);
    return c;
}
// SBC-3 SEEK(10): LBA 2-5.
inline CdbBytes<10> seek10(std::uint32_t lba) {
    auto c = zeroed<Opcode::Seek10>();
    put_be32(c, 2, lba);
    return c;
}
// SBC-3 READ(16) / WRITE(16): LBA 2-9, blocks 10-13.
inline CdbBytes<16> read16(std::uint64_t lba, std::uint32_t blocks) {
    auto c = zeroed<Opcode::Read16>();
    put_be64(c, 2, lba);
    put_be32(c, 10, blocks);
    return c;
}
inline CdbBytes<16> write16(std::uint64_t lba, std::uint32_t blocks) {
    auto c = zeroed<Opcode::Write16>();
    put_be64(c, 2, lba);
    put_be32(c, 10, blocks);
    return c;
}
} // namespace cdb

} // namespace spindle::scsi
