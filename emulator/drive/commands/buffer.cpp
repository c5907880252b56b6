// READ BUFFER CAPACITY: the drive buffer as timing::BufferModel (DriveState::buffer) has it.
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "scsi/cdb_performance.hpp"

namespace spindle::handlers {

namespace {
constexpr std::uint16_t buffer_data_length = 10; // bytes after the Data Length field
constexpr std::uint32_t block_size = 2048;
} // namespace

// Answered with or without a medium: libburn polls it while writing, cdrecord before.
Completion read_buffer_capacity(DriveState& s, const Command& cmd) {
    const scsi::ReadBufferCapacityCdb cdb(cmd.cdb);
    scsi::Bytes out;
    scsi::ByteWriter w(out);
    if (!cdb.block()) {
        // MMC-6 READ BUFFER CAPACITY data, Block = 0: Length of Buffer and Blank Length of
        // Buffer, in bytes.
        w.be16(buffer_data_length).zeros(2).be32(s.buffer.capacity_bytes()).be32(s.buffer.available_bytes(s.now()));
    } else {
        // MMC-6 READ BUFFER CAPACITY data, Block = 1: byte 3 bit 0 Block echoed, bytes 4-7
        // reserved, Available Length of Buffer in 2048-byte blocks.
        w.be16(buffer_data_length).u8(0).u8(0x01).zeros(4).be32(s.buffer.available_bytes(s.now()) / block_size);
    }
    return reply_data(cmd, out, cdb.allocation_length());
}

} // namespace spindle::handlers
