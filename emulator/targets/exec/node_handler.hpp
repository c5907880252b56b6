#pragma once
// The ioctls of one emulated device node under `mmc-emu exec`, answered by the drive as the
// kernel's drivers answer them: the sg character device (drivers/scsi/sg.c: the sg_* ioctls,
// per open file) and the sr block device (block/scsi_ioctl's, the CDROM_* ioctls through sr
// and the cdrom layer, the block size ioctls), plus the preload's question for the disc's data
// (exec_protocol.hpp). SG_IO takes its own fast path (sgio_channel.hpp). Runs on umockdev's
// worker thread.
#include "emulator/targets/exec/exec_protocol.hpp"
#include "emulator/targets/exec/ioctl_call.hpp"
#include "emulator/targets/served_drive.hpp"
#include "emulator/targets/sg/sg_request.hpp"
#include "emulator/targets/sr/sr_device.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <span>

namespace spindle::exec {

inline constexpr sg::TransferLimits exec_limits{sgio_max_transfer, sgio_max_pieces};

// One drive as exec serves it: shared by its nodes (srN, scdN, sgN), umockdev's worker thread
// and the fast path's threads (one per open node).
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

class NodeHandler {
public:
    NodeHandler(ExecDrive& drive, NodeKind kind);
    ~NodeHandler();
    NodeHandler(const NodeHandler&) = delete;
    NodeHandler& operator=(const NodeHandler&) = delete;

    // What umockdev_testbed_attach_ioctl takes.
    UMockdevIoctlBase* base() const { return base_; }

    void ioctl(const IoctlCall& call);

private:
    struct OpenFile { // sg keeps these per open file
        int timeout_ticks;
        int reserved_size;
    };
    OpenFile& file(const IoctlCall& call);
    bool sg_ioctl(const IoctlCall& call);    // the sg driver's own ioctls; false: not one
    bool block_ioctl(const IoctlCall& call); // the block layer's and SCSI's; false: not one
    bool cdrom_ioctl(const IoctlCall& call); // sr's and the cdrom layer's; false: not one
    void send_packet(const IoctlCall& call); // CDROM_SEND_PACKET
    void disc_data(const IoctlCall& call);

    ExecDrive& drive_;
    NodeKind kind_;
    UMockdevIoctlBase* base_;
    std::map<const void*, OpenFile> files_;
};

} // namespace spindle::exec
