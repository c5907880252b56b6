// The CDROM_* ioctls of a block node: their arguments taken from the program's memory, answered
// by the sr model (sr/sr_device.hpp), the results written back (<linux/cdrom.h> layouts).
#include "emulator/targets/exec/node_handler.hpp"

#include <cerrno>
#include <linux/cdrom.h>

namespace spindle::exec {

namespace {

// An ioctl that takes a struct in and gives it back filled.
template <class T, class F>
void in_out(const IoctlCall& call, F&& answer) {
    const ClientMemory arg = call.argument_memory(sizeof(T));
    if (!arg) return call.fail(EFAULT);
    const auto result = answer(arg.as<T>());
    if (!result) return call.fail(result.error());
    arg.store(*result);
    call.complete(0);
}

// An ioctl that takes a struct in and gives nothing back.
template <class T, class F>
void in_only(const IoctlCall& call, F&& answer) {
    const ClientMemory arg = call.argument_memory(sizeof(T));
    if (!arg) return call.fail(EFAULT);
    const std::expected<void, int> result = answer(arg.as<T>());
    if (!result) return call.fail(result.error());
    call.complete(0);
}

// One that returns a value as the ioctl's result, or fails.
void value(const IoctlCall& call, const std::expected<int, int>& result) {
    if (result)
        call.complete(*result);
    else
        call.fail(result.error());
}

void done(const IoctlCall& call, const std::expected<void, int>& result) {
    if (result)
        call.complete(0);
    else
        call.fail(result.error());
}

} // namespace

bool NodeHandler::cdrom_ioctl(const IoctlCall& call) {
    sr::SrDevice& sr = drive_.sr;
    const auto arg = call.argument();
    switch (call.request()) {
    case CDROM_GET_CAPABILITY: call.complete(sr.capability()); return true;
    case CDROM_DRIVE_STATUS: call.complete(sr.drive_status(static_cast<int>(arg))); return true;
    case CDROM_DISC_STATUS: call.complete(sr.disc_status()); return true;
    case CDROM_MEDIA_CHANGED: call.complete(sr.media_changed(static_cast<long>(arg))); return true;
    case CDROMREADTOCHDR:
        in_out<cdrom_tochdr>(call, [&](const cdrom_tochdr&) { return sr.read_toc_header(); });
        return true;
    case CDROMREADTOCENTRY:
        in_out<cdrom_tocentry>(call, [&](const cdrom_tocentry& in) { return sr.read_toc_entry(in); });
        return true;
    case CDROMMULTISESSION:
        in_out<cdrom_multisession>(call, [&](const cdrom_multisession& in) { return sr.multisession(in); });
        return true;
    case CDROM_GET_MCN: in_out<cdrom_mcn>(call, [&](const cdrom_mcn&) { return sr.get_mcn(); }); return true;
    case CDROMSUBCHNL:
        in_out<cdrom_subchnl>(call, [&](const cdrom_subchnl& in) { return sr.subchannel(in); });
        return true;
    case DVD_READ_STRUCT:
        in_out<dvd_struct>(call, [&](const dvd_struct& in) { return sr.dvd_read_struct(in); });
        return true;
    case CDROMEJECT: value(call, sr.eject()); return true;
    case CDROMCLOSETRAY: value(call, sr.close_tray()); return true;
    case CDROM_LOCKDOOR: value(call, sr.lock_door(arg != 0)); return true;
    case CDROMSTART: done(call, sr.start_stop(true)); return true;
    case CDROMSTOP: done(call, sr.start_stop(false)); return true;
    case CDROMPLAYMSF: in_only<cdrom_msf>(call, [&](const cdrom_msf& msf) { return sr.play_msf(msf); }); return true;
    case CDROMPLAYBLK: in_only<cdrom_blk>(call, [&](const cdrom_blk& blk) { return sr.play_blk(blk); }); return true;
    case CDROMPAUSE: done(call, sr.pause_resume(false)); return true;
    case CDROMRESUME: done(call, sr.pause_resume(true)); return true;
    case CDROM_LAST_WRITTEN:
    case CDROM_NEXT_WRITABLE: {
        const auto result = call.request() == CDROM_LAST_WRITTEN ? sr.last_written() : sr.next_writable();
        if (!result) {
            call.fail(result.error());
            return true;
        }
        const ClientMemory out = call.argument_memory(sizeof(long));
        if (!out) {
            call.fail(EFAULT);
            return true;
        }
        out.store(*result);
        call.complete(0);
        return true;
    }
    case CDROMREADMODE1:
    case CDROMREADRAW: {
        // The buffer holds a cdrom_msf on the way in and the sector on the way out.
        const bool raw = call.request() == CDROMREADRAW;
        const ClientMemory buffer = call.argument_memory(raw ? CD_FRAMESIZE_RAW : CD_FRAMESIZE);
        if (!buffer) {
            call.fail(EFAULT);
            return true;
        }
        const auto sector = raw ? sr.read_raw(buffer.as<cdrom_msf>()) : sr.read_mode1(buffer.as<cdrom_msf>());
        if (!sector) {
            call.fail(sector.error());
            return true;
        }
        std::copy_n(sector->begin(), std::min(sector->size(), buffer.bytes().size()), buffer.bytes().begin());
        call.complete(0);
        return true;
    }
    case CDROM_SEND_PACKET: send_packet(call); return true;
    default: return false;
    }
}

void NodeHandler::send_packet(const IoctlCall& call) {
    const ClientMemory arg = call.argument_memory(sizeof(cdrom_generic_command));
    if (!arg) return call.fail(EFAULT);
    auto cgc = arg.as<cdrom_generic_command>();
    const ClientMemory buffer = arg.follow(offsetof(cdrom_generic_command, buffer), cgc.buflen);
    if (cgc.buflen > 0 && cgc.buffer != nullptr && !buffer) return call.fail(EFAULT);
    const bool sends = cgc.data_direction == CGC_DATA_WRITE;
    std::vector<std::uint8_t> data_out;
    if (sends && buffer) data_out.assign(buffer.bytes().begin(), buffer.bytes().end());
    std::span<const std::uint8_t, 12> cdb(cgc.cmd, 12);
    const auto r = drive_.sr.send_packet(cdb, cgc.data_direction, data_out, buffer ? cgc.buflen : 0);
    if (buffer && !r.data_in.empty())
        std::copy_n(r.data_in.begin(), std::min(r.data_in.size(), buffer.bytes().size()), buffer.bytes().begin());
    if (cgc.sense != nullptr && !r.sense.empty()) {
        const ClientMemory sense = arg.follow(offsetof(cdrom_generic_command, sense), sizeof(request_sense));
        if (sense) std::copy_n(r.sense.begin(), std::min(r.sense.size(), sense.bytes().size()), sense.bytes().begin());
    }
    if (r.error == 0) { // sg_io's results, written back only on success (scsi_cdrom_send_packet)
        cgc.stat = r.stat;
        cgc.buflen = static_cast<unsigned>(r.residual);
        arg.store(cgc);
    }
    if (r.error != 0) return call.fail(r.error);
    call.complete(0);
}

} // namespace spindle::exec
