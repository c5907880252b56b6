#include "tools/mmc-emu/cuse_attach.hpp"

#include "emulator/targets/cuse/sg_device.hpp"
#include "emulator/targets/fusectl/control_fs.hpp"
#include "tools/mmc-emu/run_signals.hpp"
#include "tools/mmc-emu/vanished_drives.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace spindle::cli {

namespace {

int fail(const std::string& s) {
    fmt::print(stderr, "mmc-emu: {}\n", s);
    return 1;
}

} // namespace

int attach_cuse(const CuseAttachOptions& o) {
    if (auto b = block_stop_signals(); !b) return fail(b.error());
    RealClock clock;
    auto drives = make_drives(o.drives, clock);
    if (!drives) return fail(drives.error());

    const std::string base = o.name.empty() ? fmt::format("spindle-{}", ::getpid()) : o.name;
    VanishedDrives vanished; // outlives the devices, whose threads report to it
    if (!vanished.valid()) return fail(fmt::format("eventfd: {}", std::strerror(errno)));
    std::vector<std::unique_ptr<cuse::SgDevice>> devices; // destroyed before the drives
    std::vector<std::string> paths;
    const auto timeout = std::chrono::milliseconds(static_cast<long>(o.timeout_s * 1000));
    for (std::size_t i = 0; i < drives->size(); ++i) {
        const std::string name = drives->size() == 1 ? base : fmt::format("{}-{}", base, i);
        cuse::SgDeviceOptions options;
        options.host_number = static_cast<int>(i);
        options.on_gone = [&vanished, i] { vanished.report(i); };
        auto dev = cuse::SgDevice::create(*(*drives)[i], name, options);
        if (!dev) return fail(dev.error());
        auto path = (*dev)->wait_ready(timeout, stop_requested);
        if (!path) return fail(path.error());
        devices.push_back(std::move(*dev));
        paths.push_back(path->string());
    }
    std::unique_ptr<fusectl::ControlFs> control;
    if (!o.control.empty()) {
        auto c = fusectl::ControlFs::mount(o.control, pointers(*drives));
        if (!c) return fail(c.error());
        control = std::move(*c);
    }
    for (const auto& p : paths) fmt::print("{}\n", p);
    std::fflush(stdout);
    // A drive that vanishes (a fault) loses its device node as a pulled device would; the
    // others are served on. With none left and no control filesystem, there is nothing to do.
    std::size_t attached = devices.size();
    while (wait_for_stop_or(vanished.fd()) == 0) {
        for (const auto i : vanished.take()) {
            if (i >= devices.size() || !devices[i]) continue;
            devices[i].reset();
            --attached;
            fmt::print(stderr, "mmc-emu: {} vanished: {} removed\n", (*drives)[i]->name(), paths[i]);
        }
        if (attached == 0 && !control) break;
    }
    if (control) control->unmount();
    devices.clear();
    return 0;
}

} // namespace spindle::cli
