#pragma once
// The ioctls of one emulated device node under `mmc-emu exec`, answered by the drive as the
// kernel's drivers answer them: the sg character device (drivers/scsi/sg.c: SG_IO, the sg_*
// ioctls, per open file) and the sr block device (SG_IO through the block layer,
// block/scsi_ioctl, the CDROM_* ioctls through sr and the cdrom layer, the block size ioctls),
// plus the preload's question for the disc's data (exec_protocol.hpp).
// Runs on umockdev's worker thread; an answer due later (a drive busy for a while, a delay
// fault) completes from a timer on that thread, so other programs are served meanwhile.
#include "emulator/targets/exec/exec_protocol.hpp"
#include "emulator/targets/exec/ioctl_call.hpp"
#include "emulator/targets/served_drive.hpp"
#include "emulator/targets/sg/sg_request.hpp"
#include "emulator/targets/sr/sr_device.hpp"

#include <map>
#include <memory>

namespace spindle::exec {

// What one SG_IO may carry under exec: no kernel queue limits it, so sg's own (UIO_MAXIOV
// pieces) and a transfer as large as burners send (8 MiB; libburn sends 64 KiB).
inline constexpr sg::TransferLimits exec_limits{8u << 20, 1024};

// One drive as exec serves it: shared by its nodes (srN, scdN, sgN).
struct ExecDrive {
    ExecDrive(ServedDrive& d, unsigned i);
    ServedDrive& drive;
    sr::SrDevice sr;
    unsigned index;         // N of srN and sgN; also the SCSI host number
    bool gone = false;      // a fault made the device vanish: every later command fails so
    int block_timeout = 0;  // the block queue's SG_IO timeout, USER_HZ ticks (0: the default)
    int block_reserved = 0; // the block queue's reserved size (0: the default)
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
    void sg_io(const IoctlCall& call);
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
