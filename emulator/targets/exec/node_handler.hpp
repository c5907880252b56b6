#pragma once
// The ioctls of one emulated device node under `mmc-emu exec`, answered by the drive as the
// kernel's drivers answer them: the sg character device (drivers/scsi/sg.c: the sg_* ioctls,
// per open file) and the sr block device (block/scsi_ioctl's, the CDROM_* ioctls through sr
// and the cdrom layer, the block size ioctls), plus the preload's question for the disc's data
// (exec_protocol.hpp). SG_IO takes its own fast path (sgio_channel.hpp). Runs on umockdev's
// worker thread.
#include "emulator/targets/exec/exec_drive.hpp"
#include "emulator/targets/exec/ioctl_call.hpp"

#include <map>

namespace spindle::exec {

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
