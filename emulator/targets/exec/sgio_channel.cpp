#include "emulator/targets/exec/sgio_channel.hpp"

#include "emulator/targets/exec/stream_io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <scsi/sg.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

namespace spindle::exec {

namespace {

// The header the request stands for, as the preload's caller filled it (its pointers are not
// ours and stay null: the data travels in the message).
sg_io_hdr_t header_of(const SgioRequest& r) {
    sg_io_hdr_t h{};
    h.interface_id = r.interface_id;
    h.cmd_len = r.cmd_len;
    h.mx_sb_len = r.mx_sb_len;
    h.dxfer_direction = r.dxfer_direction;
    h.dxfer_len = r.dxfer_len;
    h.iovec_count = static_cast<unsigned short>(std::min<std::uint32_t>(r.iovec_count, 0xFFFF));
    h.timeout = r.timeout_ms;
    return h;
}

} // namespace

std::expected<std::unique_ptr<SgioChannel>, std::string> SgioChannel::listen(const std::filesystem::path& socket,
                                                                             std::vector<ExecDrive*> drives) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (socket.string().size() >= sizeof addr.sun_path)
        return std::unexpected(fmt::format("{}: path too long for a socket", socket.string()));
    std::strncpy(addr.sun_path, socket.c_str(), sizeof addr.sun_path - 1);
    auto c = std::unique_ptr<SgioChannel>(new SgioChannel());
    c->drives_ = std::move(drives);
    c->listener_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const mode_t old = ::umask(0177); // for the invoking user only, from the first instant
    const int bound = ::bind(c->listener_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr);
    ::umask(old);
    if (c->listener_ < 0 || bound != 0 || ::listen(c->listener_, 64) != 0)
        return std::unexpected(fmt::format("{}: {}", socket.string(), std::strerror(errno)));
    c->acceptor_ = std::thread([p = c.get()] { p->accept_loop(); });
    return c;
}

SgioChannel::~SgioChannel() {
    stopping_ = true;
    if (listener_ >= 0) ::shutdown(listener_, SHUT_RDWR);
    if (acceptor_.joinable()) acceptor_.join();
    if (listener_ >= 0) ::close(listener_);
    std::unique_lock lock(mutex_);
    for (int fd : connections_) ::shutdown(fd, SHUT_RDWR);
    all_done_.wait(lock, [this] { return connections_.empty(); });
}

void SgioChannel::accept_loop() {
    while (!stopping_) {
        const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            return; // shut down
        }
        std::lock_guard lock(mutex_);
        connections_.push_back(fd);
        std::thread([this, fd] { serve(fd); }).detach();
    }
}

// One connection: requests answered in turn until the preload closes it.
void SgioChannel::serve(int fd) {
    SgioRequest request{};
    std::vector<std::uint8_t> data_out;
    while (await_message(fd) && receive_all(fd, &request, sizeof request)) {
        const sg_io_hdr_t h = header_of(request);
        if (request.data_len > exec_limits.max_transfer) break; // no such request comes from the preload
        if (data_out.size() < request.data_len) data_out.resize(request.data_len); // grows, never cleared again
        const std::span<const std::uint8_t> data(data_out.data(), request.data_len);
        if (!receive_all(fd, data_out.data(), data.size())) break;

        SgioReply reply{};
        sg::SgResult r;
        ExecDrive* drive = request.drive < drives_.size() ? drives_[request.drive] : nullptr;
        if (drive == nullptr)
            reply.error = ENODEV;
        else if (const int error = ExecDrive::check(request.kind, h); error != 0)
            reply.error = error;
        if (reply.error == 0) {
            const std::uint8_t length = std::min<std::uint8_t>(request.cmd_len, sizeof request.cdb);
            r = drive->run(h, std::span(request.cdb, length), data, h.timeout != 0 ? h.timeout : 60000);
            // The caller waits for its answer as long as the drive takes (no other request
            // comes on this connection meanwhile: the preload waits too).
            const auto wait = r.due - drive->drive.clock().now();
            if (wait > std::chrono::nanoseconds{0}) std::this_thread::sleep_for(wait);
            sg::set_duration(r, drive->drive.clock().now());
            const sg_io_hdr_t& a = r.header;
            reply.status = a.status;
            reply.masked_status = a.masked_status;
            reply.msg_status = a.msg_status;
            reply.sb_len_wr = static_cast<unsigned char>(r.sense.size());
            reply.host_status = a.host_status;
            reply.driver_status = a.driver_status;
            reply.resid = a.resid;
            reply.duration = a.duration;
            reply.info = a.info;
            reply.data_in_len = static_cast<std::uint32_t>(r.data_in.size());
        }
        iovec parts[3] = {
            {&reply, sizeof reply}, {r.sense.data(), r.sense.size()}, {r.data_in.data(), r.data_in.size()}};
        if (!send_all(fd, parts, reply.error == 0 ? 3 : 1)) break;
    }
    std::lock_guard lock(mutex_);
    std::erase(connections_, fd);
    ::close(fd);
    all_done_.notify_all();
}

} // namespace spindle::exec
