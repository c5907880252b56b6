#include "recorder/transport/device_name.hpp"

#include "recorder/transport/sgio_transport.hpp"

#include <fmt/format.h>

#include <mutex>
#include <utility>
#include <vector>

namespace spindle::recorder {
namespace {

struct Scheme {
    std::string prefix;
    TransportOpener opener;
};

struct Schemes {
    std::mutex mutex;
    std::vector<Scheme> list;
};

Schemes& schemes() {
    static Schemes s;
    return s;
}

// The opener registered for the name's scheme, if any.
TransportOpener opener_for(std::string_view name) {
    auto& s = schemes();
    std::scoped_lock lock(s.mutex);
    for (const auto& scheme : s.list)
        if (name.starts_with(scheme.prefix)) return scheme.opener;
    return {};
}

} // namespace

void register_transport_scheme(std::string prefix, TransportOpener opener) {
    auto& s = schemes();
    std::scoped_lock lock(s.mutex);
    std::erase_if(s.list, [&](const Scheme& scheme) { return scheme.prefix == prefix; });
    s.list.push_back({std::move(prefix), std::move(opener)});
}

bool names_a_kernel_device(std::string_view name) { return !opener_for(name) && !name.starts_with(emulator_scheme); }

Result<std::unique_ptr<ScsiTransport>> open_transport(std::string_view name, const OpenOptions& options) {
    if (auto opener = opener_for(name)) return opener(name, options);
    if (name.starts_with(emulator_scheme))
        return fail(hr::e_invalidarg, fmt::format("'{}': emu: drives need the emulator bridge (link spindle::bridge "
                                                  "and call spindle::recorder::register_emulator_scheme())",
                                                  name));
    Syscalls& sys = options.syscalls != nullptr ? *options.syscalls : real_syscalls();
    auto t = SgioTransport::open(std::string(name), sys, SgioOptions{options.exclusive, options.sysfs_root});
    if (!t) return std::unexpected(t.error());
    return std::unique_ptr<ScsiTransport>(std::move(*t));
}

} // namespace spindle::recorder
