#include "emulator/targets/cuse/sg_device.hpp"

#include "emulator/targets/cuse/sg_ioctl.hpp"

#define FUSE_USE_VERSION 35
#include <cuse_lowlevel.h>
#include <fuse_lowlevel.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace spindle::cuse {

namespace {

SgDevice::Impl& impl(fuse_req_t req) { return *static_cast<SgDevice::Impl*>(fuse_req_userdata(req)); }
SgDevice::Impl& impl(void* userdata) { return *static_cast<SgDevice::Impl*>(userdata); }

void dev_init_done(void* userdata) { impl(userdata).initialized.store(true); }

void dev_open(fuse_req_t req, fuse_file_info* fi) {
    const int err = impl(req).open_file(fi->flags, fi->fh);
    if (err != 0) return (void)fuse_reply_err(req, err);
    fi->direct_io = 1;
    fi->nonseekable = 1;
    if (fuse_reply_open(req, fi) != 0) impl(req).release_file(fi->fh);
}

void dev_release(fuse_req_t req, fuse_file_info* fi) {
    impl(req).release_file(fi->fh);
    fuse_reply_err(req, 0);
}

void dev_ioctl(fuse_req_t req, int cmd, void* arg, fuse_file_info* fi, unsigned flags, const void* in_buf,
               size_t in_bufsz, size_t out_bufsz) {
    impl(req).ioctl(req, static_cast<unsigned>(cmd), arg, fi->fh,
                    std::span(static_cast<const std::uint8_t*>(in_buf), in_bufsz), out_bufsz,
                    (flags & FUSE_IOCTL_COMPAT) != 0);
}

const cuse_lowlevel_ops operations = [] {
    cuse_lowlevel_ops ops{};
    ops.init_done = dev_init_done;
    ops.open = dev_open;
    ops.release = dev_release;
    ops.ioctl = dev_ioctl;
    return ops;
}();

} // namespace

std::expected<std::unique_ptr<SgDevice>, std::string> SgDevice::create(ServedDrive& drive, std::string name,
                                                                       SgDeviceOptions options) {
    if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..")
        return std::unexpected(fmt::format("'{}': not a device name", name));
    std::unique_ptr<SgDevice> dev(new SgDevice());
    dev->impl_ = std::make_unique<Impl>(drive, std::move(name), std::move(options));
    Impl& im = *dev->impl_;

    const std::string devname = "DEVNAME=" + im.name;
    const char* info_argv[] = {devname.c_str()};
    cuse_info ci{};
    ci.dev_info_argc = 1;
    ci.dev_info_argv = info_argv;
    ci.flags = CUSE_UNRESTRICTED_IOCTL;
    std::string prog = "mmc-emu";
    char* argv[] = {prog.data(), nullptr};
    fuse_args args = FUSE_ARGS_INIT(1, argv);
    im.session = cuse_lowlevel_new(&args, &ci, &operations, &im);
    fuse_opt_free_args(&args);
    if (im.session == nullptr) return std::unexpected("cannot create the CUSE session");

    int fd = -1;
    do {
        fd = ::open(im.options.cuse.c_str(), O_RDWR | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        const int e = errno;
        return std::unexpected(fmt::format("{}: {}{}", im.options.cuse.string(), std::strerror(e),
                                           e == ENOENT || e == ENODEV ? " (is the cuse module loaded?)" : ""));
    }
    const std::string fd_path = fmt::format("/dev/fd/{}", fd);
    if (fuse_session_mount(im.session, fd_path.c_str()) != 0) {
        ::close(fd);
        return std::unexpected("cannot attach the CUSE session to its channel");
    }
    if (auto s = im.loop.start(im.session, [&im] { return im.deliver_due(); }); !s) return std::unexpected(s.error());
    return dev;
}

SgDevice::~SgDevice() {
    if (impl_) impl_->shutdown();
}

bool SgDevice::alive() const { return impl_ && !impl_->loop.ended(); }

std::expected<std::filesystem::path, std::string> SgDevice::wait_ready(std::chrono::milliseconds timeout,
                                                                       const std::function<bool()>& cancelled) {
    const auto node = impl_->options.dev / impl_->name;
    const auto end = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        struct stat st {};
        if (impl_->initialized.load() && ::stat(node.c_str(), &st) == 0 && S_ISCHR(st.st_mode)) return node;
        if (impl_->loop.ended()) return std::unexpected(fmt::format("the kernel refused the device {}", node.string()));
        if (cancelled && cancelled()) return std::unexpected("cancelled");
        if (std::chrono::steady_clock::now() > end)
            return std::unexpected(fmt::format("{} did not appear within {} ms", node.string(), timeout.count()));
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

} // namespace spindle::cuse
