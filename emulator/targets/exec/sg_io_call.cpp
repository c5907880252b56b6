// SG_IO under exec: the client's sg_io_hdr, CDB, data (one buffer or a scatter-gather list) and
// sense buffer are fetched from its memory, the request runs as sg would run it
// (sg/sg_request.hpp), and the answer is written back when it is due.
#include "emulator/targets/exec/node_handler.hpp"

#include <cerrno>
#include <cstddef>
#include <scsi/sg.h>
#include <vector>

namespace spindle::exec {

namespace {

// An answer held until its time on the drive's clock.
struct Pending {
    IoctlCall call;
    ClientMemory header;
    sg::SgResult result;
    ServedDrive* drive;
};

void deliver(Pending& p) {
    sg::set_duration(p.result, p.drive->clock().now());
    auto h = p.header.as<sg_io_hdr_t>(); // the caller's header, its result fields filled
    const sg_io_hdr_t& r = p.result.header;
    h.status = r.status;
    h.masked_status = r.masked_status;
    h.msg_status = r.msg_status;
    h.sb_len_wr = r.sb_len_wr;
    h.host_status = r.host_status;
    h.driver_status = r.driver_status;
    h.resid = r.resid;
    h.duration = r.duration;
    h.info = r.info;
    p.header.store(h);
    p.call.complete(0);
}

gboolean deliver_later(gpointer data) {
    deliver(*static_cast<Pending*>(data));
    return G_SOURCE_REMOVE;
}

void forget(gpointer data) { delete static_cast<Pending*>(data); }

} // namespace

void NodeHandler::sg_io(const IoctlCall& call) {
    const ClientMemory header = call.argument_memory(sizeof(sg_io_hdr_t));
    if (!header) return call.fail(EFAULT);
    auto h = header.as<sg_io_hdr_t>();
    // The block layer refuses another interface with EINVAL, sg with ENOSYS (cdparanoia tells
    // SG_IO's presence by either).
    if (kind_ == NodeKind::Block && h.interface_id != 'S') return call.fail(EINVAL);
    if (const int error = sg::check_header(h, exec_limits); error != 0) return call.fail(error);
    const ClientMemory cdb = header.follow(offsetof(sg_io_hdr_t, cmdp), h.cmd_len);
    if (!cdb) return call.fail(EFAULT);

    // The data buffers: dxferp itself, or the list's pieces, cut to dxfer_len as sg cuts them.
    std::vector<ClientMemory> pieces;
    std::size_t length = 0;
    if (h.dxfer_direction != SG_DXFER_NONE && h.dxferp != nullptr && h.dxfer_len > 0) {
        if (h.iovec_count > 0) {
            const ClientMemory list =
                header.follow(offsetof(sg_io_hdr_t, dxferp), std::size_t{h.iovec_count} * sizeof(sg_iovec_t));
            if (!list) return call.fail(EFAULT);
            for (unsigned i = 0; i < h.iovec_count && length < h.dxfer_len; ++i) {
                const auto e = list.as<sg_iovec_t>(i * sizeof(sg_iovec_t));
                const std::size_t n = std::min<std::size_t>(e.iov_len, h.dxfer_len - length);
                if (n == 0) continue;
                ClientMemory piece = list.follow(i * sizeof(sg_iovec_t) + offsetof(sg_iovec_t, iov_base), n);
                if (!piece) return call.fail(EFAULT);
                pieces.push_back(std::move(piece));
                length += n;
            }
            if (length == 0) return call.fail(EINVAL); // as sg: a list that holds nothing
        } else {
            ClientMemory buffer = header.follow(offsetof(sg_io_hdr_t, dxferp), h.dxfer_len);
            if (!buffer) return call.fail(EFAULT);
            pieces.push_back(std::move(buffer));
            length = h.dxfer_len;
        }
    }
    std::vector<std::uint8_t> data_out;
    if (sg::sends_data(h.dxfer_direction))
        for (const auto& piece : pieces) data_out.insert(data_out.end(), piece.bytes().begin(), piece.bytes().end());

    sg_io_hdr_t request = h;
    if (length == 0) request.dxfer_direction = SG_DXFER_NONE;
    request.dxfer_len = static_cast<unsigned>(length);
    request.iovec_count = 0;
    const int ticks = kind_ == NodeKind::Char     ? file(call).timeout_ticks
                      : drive_.block_timeout != 0 ? drive_.block_timeout
                                                  : sg::default_timeout_ticks;
    const auto timeout_ms = h.timeout != 0 ? h.timeout : static_cast<unsigned>(ticks) * (1000 / sg::user_hz);
    auto* p =
        new Pending{call, header, sg::run_sg_io(drive_.drive, request, cdb.bytes(), data_out, timeout_ms, drive_.gone),
                    &drive_.drive};

    // The answer's bytes go to the caller's buffers and sense buffer now; the header, last.
    std::size_t at = 0;
    for (const auto& piece : pieces) {
        if (at >= p->result.data_in.size()) break;
        const std::size_t n = std::min(piece.bytes().size(), p->result.data_in.size() - at);
        std::copy_n(p->result.data_in.begin() + static_cast<std::ptrdiff_t>(at), n, piece.bytes().begin());
        at += n;
    }
    if (!p->result.sense.empty() && h.sbp != nullptr) {
        const ClientMemory sense = header.follow(offsetof(sg_io_hdr_t, sbp), p->result.sense.size());
        if (sense) std::copy(p->result.sense.begin(), p->result.sense.end(), sense.bytes().begin());
    }
    const auto wait = p->result.due - drive_.drive.clock().now();
    if (wait <= std::chrono::nanoseconds{0}) {
        deliver(*p);
        delete p;
        return;
    }
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(wait).count();
    GSource* timer = g_timeout_source_new(static_cast<guint>(ms));
    g_source_set_callback(timer, &deliver_later, p, &forget);
    g_source_attach(timer, g_main_context_get_thread_default());
    g_source_unref(timer);
}

} // namespace spindle::exec
