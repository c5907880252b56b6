#include "emulator/targets/exec/node_handler.hpp"

#include "emulator/targets/fusectl/drive_report.hpp"

#include <cerrno>
#include <cstdio>
#include <linux/fs.h>
#include <scsi/scsi.h>
#include <scsi/sg.h>
#include <unistd.h>

namespace spindle::exec {

namespace {

constexpr int cd_dvd_type = 5; // SPC-4 peripheral device type: CD/DVD device
// What the block layer's SG_IO reports as its version (block/scsi_ioctl.c, sg_get_version).
constexpr int block_sg_version_num = 30527;
constexpr int sg_tablesize = 128;

gboolean on_ioctl(UMockdevIoctlBase*, UMockdevIoctlClient* client, gpointer self) {
    static_cast<NodeHandler*>(self)->ioctl(IoctlCall(client));
    return TRUE;
}

// sg's read()/write() (the version 2 interface) is not offered; SG_IO is.
gboolean on_read_write(UMockdevIoctlBase*, UMockdevIoctlClient* client, gpointer) {
    umockdev_ioctl_client_complete(client, -1, ENOSYS);
    return TRUE;
}

template <class T>
void reply(const IoctlCall& call, const T& value) {
    const ClientMemory out = call.argument_memory(sizeof(T));
    if (!out) return call.fail(EFAULT);
    out.store(value);
    call.complete(0);
}

} // namespace

NodeHandler::NodeHandler(ExecDrive& drive, NodeKind kind)
    : drive_(drive), kind_(kind), base_(umockdev_ioctl_base_new()) {
    g_signal_connect_data(base_, "handle-ioctl", reinterpret_cast<GCallback>(&on_ioctl), this, nullptr,
                          GConnectFlags{});
    // A block node's read and write (of a descriptor the preload did not see) fall through to
    // the node's file; the sg node's are refused.
    if (kind_ == NodeKind::Char)
        for (const char* signal : {"handle-read", "handle-write"})
            g_signal_connect_data(base_, signal, reinterpret_cast<GCallback>(&on_read_write), this, nullptr,
                                  GConnectFlags{});
    g_signal_connect_data(
        base_, "client-vanished",
        reinterpret_cast<GCallback>(+[](UMockdevIoctlBase*, UMockdevIoctlClient* client, gpointer self) {
            static_cast<NodeHandler*>(self)->files_.erase(client);
        }),
        this, nullptr, GConnectFlags{});
}

NodeHandler::~NodeHandler() { g_object_unref(base_); }

NodeHandler::OpenFile& NodeHandler::file(const IoctlCall& call) {
    auto [it, added] = files_.try_emplace(
        call.file(), OpenFile{sg::default_timeout_ticks, static_cast<int>(sg::default_reserved_size)});
    return it->second;
}

void NodeHandler::ioctl(const IoctlCall& call) {
    const unsigned long request = call.request();
    // SG_IO itself comes by the fast path (sgio_channel.hpp): the preload never sends it here.
    if (request == SG_IO) return call.fail(ENOTTY);
    if (request == get_disc_data) return disc_data(call);
    if (kind_ == NodeKind::Char && sg_ioctl(call)) return;
    if (kind_ == NodeKind::Block && (block_ioctl(call) || cdrom_ioctl(call))) return;
    call.fail(ENOTTY);
}

bool NodeHandler::sg_ioctl(const IoctlCall& call) {
    OpenFile& f = file(call);
    switch (call.request()) {
    case SG_GET_VERSION_NUM: reply(call, sg::sg_version_num); return true;
    case SG_GET_TIMEOUT: call.complete(f.timeout_ticks); return true; // the result is the value
    case SG_SET_TIMEOUT: {
        const int ticks = call.argument_memory(sizeof(int)).as<int>();
        if (ticks < 0) {
            call.fail(EIO);
            return true;
        }
        f.timeout_ticks = ticks;
        call.complete(0);
        return true;
    }
    case SG_GET_RESERVED_SIZE: reply(call, f.reserved_size); return true;
    case SG_SET_RESERVED_SIZE: {
        const int size = call.argument_memory(sizeof(int)).as<int>();
        if (size < 0) {
            call.fail(EINVAL);
            return true;
        }
        f.reserved_size = std::min(size, static_cast<int>(exec_limits.max_transfer));
        call.complete(0);
        return true;
    }
    case SG_GET_SCSI_ID: {
        sg_scsi_id id{};
        id.host_no = static_cast<int>(drive_.index);
        id.scsi_type = cd_dvd_type;
        id.h_cmd_per_lun = 1;
        id.d_queue_depth = 1;
        reply(call, id);
        return true;
    }
    case SG_GET_SG_TABLESIZE: reply(call, sg_tablesize); return true;
    case SG_GET_COMMAND_Q:
    case SG_GET_LOW_DMA:
    case SG_GET_NUM_WAITING:
    case SG_GET_KEEP_ORPHAN: reply(call, 0); return true;
    case SG_GET_PACK_ID: reply(call, -1); return true;
    case SG_SET_COMMAND_Q:
    case SG_SET_FORCE_PACK_ID:
    case SG_SET_KEEP_ORPHAN: call.complete(0); return true;
    case SCSI_IOCTL_GET_IDLUN:
    case SCSI_IOCTL_GET_BUS_NUMBER:
    case SG_EMULATED_HOST: return block_ioctl(call);
    default: return false;
    }
}

bool NodeHandler::block_ioctl(const IoctlCall& call) {
    switch (call.request()) {
    case SCSI_IOCTL_GET_IDLUN: {
        // dev_id: id | lun << 8 | channel << 16 | host << 24 (drivers/scsi/scsi_ioctl.c)
        const int idlun[2] = {static_cast<int>((drive_.index & 0xFF) << 24), static_cast<int>(drive_.index)};
        reply(call, idlun);
        return true;
    }
    case SCSI_IOCTL_GET_BUS_NUMBER: reply(call, static_cast<int>(drive_.index)); return true;
    // sg asks the host adapter (tcm_loop's is not emulated); the block layer always says 1
    // (scsi_ioctl.c, sg_emulated_host), and cdparanoia reads it to tell ATAPI drives.
    case SG_EMULATED_HOST: reply(call, kind_ == NodeKind::Block ? 1 : 0); return true;
    default: break;
    }
    if (kind_ != NodeKind::Block) return false;
    switch (call.request()) {
    // The block layer's SG_IO settings are the queue's, shared by every opener.
    case SG_GET_VERSION_NUM: reply(call, block_sg_version_num); return true;
    case SG_GET_TIMEOUT:
        call.complete(drive_.block_timeout != 0 ? drive_.block_timeout : sg::default_timeout_ticks);
        return true;
    case SG_SET_TIMEOUT: {
        const int ticks = call.argument_memory(sizeof(int)).as<int>();
        if (ticks < 0) {
            call.fail(EINVAL);
            return true;
        }
        drive_.block_timeout = ticks;
        call.complete(0);
        return true;
    }
    case SG_GET_RESERVED_SIZE:
        reply(call, drive_.block_reserved != 0 ? drive_.block_reserved : static_cast<int>(sg::default_reserved_size));
        return true;
    case SG_SET_RESERVED_SIZE: {
        const int size = call.argument_memory(sizeof(int)).as<int>();
        if (size < 0) {
            call.fail(EINVAL);
            return true;
        }
        drive_.block_reserved = std::min(size, static_cast<int>(exec_limits.max_transfer));
        call.complete(0);
        return true;
    }
    case BLKSSZGET:
    case BLKPBSZGET: reply(call, 2048); return true;
    case BLKGETSIZE64: {
        const std::uint64_t bytes = drive_.drive.with([](Drive& d) { return fusectl::disc_image_size(d.state()); });
        reply(call, bytes);
        return true;
    }
    case BLKGETSIZE: {
        const std::uint64_t bytes = drive_.drive.with([](Drive& d) { return fusectl::disc_image_size(d.state()); });
        reply(call, static_cast<unsigned long>(bytes / 512));
        return true;
    }
    case BLKROGET: reply(call, 1); return true; // sr: read-only unless the drive writes as a disk
    default: return false;
    }
}

void NodeHandler::disc_data(const IoctlCall& call) {
    const int fd = drive_.drive.with([](Drive& d) {
        const auto& s = d.state();
        return s.medium_present() && s.medium->store ? s.medium->store->data_fd() : -1;
    });
    if (fd < 0) return call.fail(ENOMEDIUM);
    DiscData data{};
    std::snprintf(data.path, sizeof data.path, "/proc/%d/fd/%d", static_cast<int>(getpid()), fd);
    reply(call, data);
}

} // namespace spindle::exec
