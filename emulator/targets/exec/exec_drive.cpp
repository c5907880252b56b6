#include "emulator/targets/exec/exec_drive.hpp"

#include <cerrno>
#include <thread>

namespace spindle::exec {

namespace {

sr::SrOptions sr_options() {
    sr::SrOptions o;
    // sr's retries of a drive becoming ready wait as the kernel's do (the caller waits).
    o.wait = [](Duration d) { std::this_thread::sleep_for(d); };
    // The handler does not see how the program opened the node; an opener for reading could
    // not burn with CDROM_SEND_PACKET, and burners open for writing.
    o.opened_for_write = true;
    return o;
}

} // namespace

ExecDrive::ExecDrive(ServedDrive& d, unsigned i) : drive(d), sr(d, sr_options()), index(i) {}

int ExecDrive::check(NodeKind kind, const sg_io_hdr_t& h) {
    // The block layer refuses another interface with EINVAL, sg with ENOSYS (cdparanoia tells
    // SG_IO's presence by either).
    if (kind == NodeKind::Block && h.interface_id != 'S') return EINVAL;
    return sg::check_header(h, exec_limits);
}

sg::SgResult ExecDrive::run(const sg_io_hdr_t& h, std::span<const std::uint8_t> cdb,
                            std::span<const std::uint8_t> data_out, std::uint32_t timeout_ms) {
    std::lock_guard lock(mutex_);
    return sg::run_sg_io(drive, h, cdb, data_out, timeout_ms, gone_);
}

} // namespace spindle::exec
