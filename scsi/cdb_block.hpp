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

} // namespace spindle::scsi
