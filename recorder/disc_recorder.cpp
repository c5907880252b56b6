#include "recorder/disc_recorder.hpp"

#include "recorder/enumeration.hpp"

#include "scsi/bytes.hpp"
#include "scsi/cdb_configuration.hpp"
#include "scsi/cdb_mechanism.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <fmt/format.h>

namespace spindle::recorder {

DiscRecorder::DiscRecorder(std::unique_ptr<ScsiTransport> transport, DeviceContext context)
    : transport_(std::move(transport)), context_(std::move(context)), ex_(*transport_) {}

Result<std::unique_ptr<DiscRecorder>> DiscRecorder::open(std::string_view name, const OpenOptions& options) {
    auto t = open_transport(name, options);
    if (!t) return std::unexpected(t.error());
    DeviceContext ctx;
    if (names_a_kernel_device(name)) {
        ctx.syscalls = options.syscalls != nullptr ? options.syscalls : &real_syscalls();
        ctx.sysfs_root = options.sysfs_root;
    }
    return attach(std::move(*t), std::move(ctx));
}

Result<std::unique_ptr<DiscRecorder>> DiscRecorder::attach(std::unique_ptr<ScsiTransport> transport,
                                                           DeviceContext context) {
    if (!transport) return fail(hr::e_pointer, "no transport");
    std::unique_ptr<DiscRecorder> r(new DiscRecorder(std::move(transport), std::move(context)));
    auto d = r->ex_.get_device_descriptor();
    if (!d) return std::unexpected(d.error());
    if (d->device_type != 0x05)
        return fail(hr::not_supported, fmt::format("{} is not an MMC device (peripheral type {:02X}h)",
                                                   r->transport_->device_name(), d->device_type));
    r->descriptor_ = std::move(*d);
    return r;
}

std::optional<std::string> DiscRecorder::block_name() const {
    if (context_.syscalls == nullptr) return std::nullopt;
    Syscalls& sys = *context_.syscalls;
    auto dev = sys.stat_device(transport_->device_name());
    if (!dev) return std::nullopt;
    const std::string node =
        fmt::format("{}/dev/{}/{}:{}", context_.sysfs_root, dev->is_block ? "block" : "char", dev->major, dev->minor);
    if (dev->is_block) {
        auto link = sys.read_link(node);
        if (!link) return std::nullopt;
        return link->substr(link->find_last_of('/') + 1);
    }
    auto blocks = sys.list_dir(node + "/device/block");
    if (!blocks || blocks->empty()) return std::nullopt;
    return blocks->front();
}

std::string DiscRecorder::volume_name() const {
    auto b = block_name();
    return b ? "/dev/" + *b : std::string{};
}

std::vector<std::string> DiscRecorder::volume_path_names() const {
    auto b = block_name();
    if (!b) return {};
    Syscalls& sys = *context_.syscalls;
    auto number = sys.read_file(fmt::format("{}/class/block/{}/dev", context_.sysfs_root, *b));
    if (!number) return {};
    unsigned major = 0, minor = 0;
    const auto colon = number->find(':');
    if (colon == std::string::npos) return {};
    std::from_chars(number->data(), number->data() + colon, major);
    std::from_chars(number->data() + colon + 1, number->data() + number->size(), minor);
    return mount_points(sys, major, minor, context_.mountinfo);
}

int DiscRecorder::legacy_device_number() const {
    auto b = block_name();
    if (!b || !b->starts_with("sr")) return -1;
    int n = -1;
    std::from_chars(b->data() + 2, b->data() + b->size(), n);
    return n;
}

Result<bool> DiscRecorder::device_can_load_media() {
    // Feature 0003h Removable Medium (MMC-6 table 97): byte 4 bit 4 Load.
    auto f = ex_.get_feature_page(0x0003, false);
    if (f && f->size() > 4) return ((*f)[4] & 0x10) != 0;
    if (!f && f.error().hresult() != hr::no_such_feature && f.error().hresult() != hr::get_configuration_not_supported)
        return std::unexpected(f.error());
    // Page 2Ah byte 6 bits 7-5: loading mechanism (MMC-6 table 606). Trays and changers load
    // by command; caddies and pop-ups need a hand.
    auto p = ex_.get_mode_page(0x2A, ModePageRequestType::Current);
    if (!p) return std::unexpected(p.error());
    if (p->size() < 7) return fail(hr::invalid_response_from_device, "page 2Ah shorter than 7 bytes");
    const unsigned mechanism = (*p)[6] >> 5;
    return mechanism == 1 || mechanism == 4 || mechanism == 5;
}

Result<void> DiscRecorder::acquire_exclusive_access(bool force, std::string_view client_name) {
    const bool printable = std::ranges::all_of(client_name, [](char c) { return c >= 0x20 && c < 0x7F; });
    if (client_name.empty() || client_name.size() > 255 || !printable)
        return fail(hr::client_name_is_not_valid, fmt::format("client name '{}'", client_name));
    if (exclusive_count_ == 0) {
        if (auto r = dismount_volumes(force); !r) return r;
        if (auto r = transport_->set_exclusive(true, client_name); !r) return r;
    }
    ++exclusive_count_;
    return {};
}

// IMAPI2 dismounts the disc's file systems before taking the drive; with `force` it takes the
// drive even when one stays mounted (busy).
Result<void> DiscRecorder::dismount_volumes(bool force) {
    for (const auto& path : volume_path_names()) {
        auto r = context_.syscalls->unmount(path);
        if (!r && !force)
            return fail(hr::recorder_locked, fmt::format("{} is mounted on {} and cannot be unmounted: {}",
                                                         volume_name(), path, std::strerror(r.error())));
    }
    return {};
}

Result<void> DiscRecorder::release_exclusive_access() {
    if (exclusive_count_ == 0) return {}; // IMAPI2: releasing what is not held is harmless
    if (--exclusive_count_ == 0) return transport_->set_exclusive(false);
    return {};
}

Result<std::optional<MediaStatus>> DiscRecorder::poll_media_change() {
    if (!mcn_enabled_) return std::optional<MediaStatus>{};
    // GET EVENT STATUS NOTIFICATION, polled, media class.
    const auto cdb = scsi::cdb::get_event_status_notification(scsi::cdb::event_class::media, 8);
    std::array<std::uint8_t, 8> answer{};
    auto n = ex_.run(cdb, DiscRecorderEx::Transfer{DataDirection::FromDevice, answer, {}});
    if (!n) return std::unexpected(n.error());
    if (*n < 4) return fail(hr::invalid_response_from_device, "GESN answer shorter than its header");
    const bool no_event = (answer[2] & 0x80) != 0; // NEA
    if (no_event || (answer[2] & 0x07) != 4 || *n < 8) return std::optional<MediaStatus>{MediaStatus{}};
    return std::optional<MediaStatus>{
        MediaStatus{static_cast<std::uint8_t>(answer[4] & 0x0F), (answer[5] & 0x02) != 0, (answer[5] & 0x01) != 0}};
}

Result<void> DiscRecorder::eject_media() {
    if (auto r = ex_.run(scsi::cdb::prevent_allow_medium_removal(false), {}); !r) return std::unexpected(r.error());
    if (auto r = ex_.run(scsi::cdb::eject(), {}); !r) return std::unexpected(r.error());
    return {};
}

Result<void> DiscRecorder::close_tray() {
    if (auto r = ex_.run(scsi::cdb::load(), {}); !r) return std::unexpected(r.error());
    return {};
}

} // namespace spindle::recorder
