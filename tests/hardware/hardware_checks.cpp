#include "hardware_checks.hpp"

#include "bridge/capture/profile_capture.hpp"

#include "emulator/profile/profile_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <thread>

namespace spindle::hardware {

using namespace recorder;
using Log = std::function<void(std::string)>;

namespace {

std::string failed(std::string_view what, const Error& e) { return fmt::format("{}: {}", what, e.to_string()); }

std::string identity(DiscRecorder& rec, const Log& log) {
    auto d = rec.ex().get_device_descriptor();
    if (!d) return failed("GetDeviceDescriptor", d.error());
    log(fmt::format("'{}' '{}' '{}' serial '{}', INQUIRY {} bytes, version {}", d->vendor_id, d->product_id,
                    d->product_revision, d->serial_number, d->inquiry.size(), d->version));
    if (d->device_type != 0x05) return fmt::format("peripheral device type {:02X}h, not 05h (MMC)", d->device_type);
    if (!d->removable_media) return "RMB is clear: an MMC drive has removable media";
    if (d->vendor_id.empty() || d->product_id.empty()) return "empty vendor or product identification";
    if (d->inquiry.size() < 36) return fmt::format("standard INQUIRY of {} bytes, fewer than 36", d->inquiry.size());
    return {};
}

std::string features(DiscRecorder& rec, const Log& log) {
    auto profiles = rec.supported_profiles();
    if (!profiles) return failed("GET CONFIGURATION profile list", profiles.error());
    auto current = rec.current_profiles();
    if (!current) return failed("GET CONFIGURATION current profile", current.error());
    log(fmt::format("{} profiles, current {}", profiles->size(),
                    current->empty() ? "none" : fmt::format("{:04X}h", current->front())));
    if (profiles->empty()) return "the profile list is empty";
    if (current->size() > 1) return "more than one current profile";
    if (!current->empty() && std::ranges::count(*profiles, current->front()) == 0)
        return "the current profile is not in the profile list";
    auto codes = rec.supported_feature_pages();
    if (!codes) return failed("GET CONFIGURATION", codes.error());
    if (!std::ranges::is_sorted(*codes)) return "feature descriptors not in ascending order";
    for (auto code : *codes) {
        auto f = rec.ex().get_feature_page(code, false);
        if (!f) return failed(fmt::format("GET CONFIGURATION RT 2 {:04X}h", code), f.error());
        if (f->size() < 4 || (*f)[3] + 4u != f->size())
            return fmt::format("feature {:04X}h: additional length disagrees with its size", code);
    }
    log(fmt::format("{} features", codes->size()));
    return {};
}

std::string mode_pages(DiscRecorder& rec, const Log& log) {
    auto pages = rec.supported_mode_pages();
    if (!pages) return failed("MODE SENSE(10) 3Fh", pages.error());
    std::string list;
    for (auto p : *pages) list += fmt::format("{:02X} ", p);
    log("pages " + list);
    if (std::ranges::count(*pages, std::uint8_t{0x2A}) == 0) return "no page 2Ah (MM Capabilities)";
    for (auto p : *pages) {
        auto cur = rec.ex().get_mode_page(p, ModePageRequestType::Current);
        if (!cur) return failed(fmt::format("page {:02X}h current", p), cur.error());
        for (auto type : {ModePageRequestType::Changeable, ModePageRequestType::Default}) {
            auto v = rec.ex().get_mode_page(p, type);
            if (!v) return failed(fmt::format("page {:02X}h page control {}", p, static_cast<int>(type)), v.error());
            if (v->size() != cur->size())
                log(fmt::format("page {:02X}h: page control {} is {} bytes, current {}", p, static_cast<int>(type),
                                v->size(), cur->size()));
        }
    }
    return {};
}

std::string disc_and_track(DiscRecorder& rec, const Log& log) {
    auto current = rec.current_profiles();
    if (!current) return failed("GET CONFIGURATION", current.error());
    auto disc = rec.ex().get_disc_information();
    if (current->empty()) {
        log("no medium: READ DISC INFORMATION must fail with no medium");
        return disc ? "READ DISC INFORMATION succeeded without a medium" : std::string{};
    }
    if (!disc) return failed("READ DISC INFORMATION", disc.error());
    if (disc->size() < 34) return fmt::format("disc information of {} bytes", disc->size());
    log(fmt::format("disc status {}, last session state {}, erasable {}", (*disc)[2] & 3, ((*disc)[2] >> 2) & 3,
                    ((*disc)[2] & 0x10) != 0));
    auto track = rec.ex().get_track_information(1, ReadTrackAddressType::Track);
    if (!track) return failed("READ TRACK INFORMATION track 1", track.error());
    if (track->size() < 28) return fmt::format("track information of {} bytes", track->size());
    return {};
}

std::string transfer_sizes(DiscRecorder& rec, const Log& log) {
    auto a = rec.ex().get_adapter_descriptor();
    if (!a) return failed("GetAdapterDescriptor", a.error());
    log(fmt::format("bus {}, max hw {} bytes, {} segments, alignment mask {:#x}, page-aligned {}, not {} ({})", a->bus,
                    a->maximum_transfer_length, a->maximum_physical_pages, a->alignment_mask,
                    a->max_page_aligned_transfer, a->max_non_page_aligned_transfer, a->source));
    if (a->max_page_aligned_transfer == 0) return "no page-aligned transfer size";
    if (a->max_non_page_aligned_transfer > a->max_page_aligned_transfer)
        return "a non-page-aligned transfer may be larger than a page-aligned one";
    if (((a->alignment_mask + 1) & a->alignment_mask) != 0) return "the alignment mask is not 2^n - 1";
    auto mask = rec.ex().get_byte_alignment_mask();
    auto aligned = rec.ex().get_maximum_page_aligned_transfer_size();
    if (!mask || !aligned) return "GetByteAlignmentMask or GetMaximumPageAlignedTransferSize failed";
    if (*mask != a->alignment_mask || *aligned != a->max_page_aligned_transfer)
        return "the single queries disagree with GetAdapterDescriptor";
    return {};
}

std::string capture(DiscRecorder& rec, const Log& log) {
    capture::ProfileCapture cap;
    if (auto r = cap.observe(rec.ex()); !r) return failed("capture-profile", r.error());
    const auto yaml = capture::capture_yaml(cap, rec.active_disc_recorder());
    auto loaded = load_profile_text(yaml, "<captured>");
    if (!loaded) return "the captured profile does not load: " + loaded.error().to_string();
    log(fmt::format("captured: {} profiles, {} features, {} mode pages, {} media with speeds", loaded->profiles.size(),
                    loaded->features.size(), loaded->mode_pages.size(), loaded->speeds.size()));
    if (loaded->identity.vendor != rec.vendor_id()) return "the captured vendor differs from INQUIRY's";
    return {};
}

bool ready_within(DiscRecorder& rec, std::chrono::seconds limit) {
    const std::array<std::uint8_t, 6> tur{};
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        auto o = rec.ex().send_command_no_data(tur, 10);
        if (o && o->hr == hr::s_ok) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    return false;
}

std::string eject_and_load(DiscRecorder& rec, const Log& log) {
    auto can_load = rec.device_can_load_media();
    if (!can_load) return failed("DeviceCanLoadMedia", can_load.error());
    if (auto r = rec.eject_media(); !r) return failed("EjectMedia", r.error());
    log("ejected");
    if (!*can_load) {
        log("the drive cannot close its tray by command (slim or caddy): close it by hand");
        return {};
    }
    if (auto r = rec.close_tray(); !r) return failed("CloseTray", r.error());
    log("loaded");
    auto current = rec.current_profiles();
    if (current && !current->empty() && !ready_within(rec, std::chrono::seconds(60)))
        return "the disc did not become ready within 60 s of loading";
    return {};
}

} // namespace

std::vector<Check> read_only_checks() {
    return {{"identity (INQUIRY, VPD 80h)", identity},
            {"profiles and features (GET CONFIGURATION)", features},
            {"mode pages, current/changeable/default (MODE SENSE(10))", mode_pages},
            {"disc and track information", disc_and_track},
            {"transfer sizes and alignment", transfer_sizes},
            {"capture-profile loads as a profile", capture}};
}

std::vector<Check> eject_checks() { return {{"eject and load (START STOP UNIT)", eject_and_load}}; }

} // namespace spindle::hardware
