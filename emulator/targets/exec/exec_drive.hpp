#pragma once
// One drive as `mmc-emu exec` serves it: shared by its nodes (srN, scdN, sgN), umockdev's worker
// thread (node_handler.hpp) and SG_IO's fast path (sgio_channel.hpp, a thread per open node).
#include "emulator/targets/exec/exec_protocol.hpp"
#include "emulator/targets/served_drive.hpp"
#include "emulator/targets/sg/sg_request.hpp"
#include "emulator/targets/sr/sr_device.hpp"

#include <mutex>
#include <span>

namespace spindle::exec {

inline constexpr sg::TransferLimits exec_limits{sgio_max_transfer, sgio_max_pieces};

struct ExecDrive {
    ExecDrive(ServedDrive& d, unsigned i);
    ServedDrive& drive;
    sr::SrDevice sr;
    unsigned index;         // N of srN and sgN; also the SCSI host number
    int block_timeout = 0;  // the block queue's SG_IO timeout, USER_HZ ticks (0: the default)
    int block_reserved = 0; // the block queue's reserved size (0: the default)

    // Checks an SG_IO header as the node's driver does (sg's, or the block layer's for srN):
    // an errno, or 0.
    static int check(NodeKind kind, const sg_io_hdr_t& h);
    // Runs a checked request (sg/sg_request.hpp, run_sg_io) with its data gathered.
    sg::SgResult run(const sg_io_hdr_t& h, std::span<const std::uint8_t> cdb, std::span<const std::uint8_t> data_out,
                     std::uint32_t timeout_ms);

private:
    std::mutex mutex_;
    bool gone_ = false; // a fault made the device vanish: every later command fails so
};

} // namespace spindle::exec
