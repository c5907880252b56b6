#include "bridge/capture/profile_capture.hpp"

#include "bridge/capture/capture_commands.hpp"

#include "emulator/profile/profile_loader.hpp"
#include "emulator/profile/profile_names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace spindle::recorder::capture {

namespace {

constexpr std::uint16_t removable_medium = 0x0003;
constexpr std::uint16_t drive_serial_number = 0x0108;
constexpr std::uint8_t unit_serial_vpd = 0x80;
constexpr std::uint8_t capabilities_page = 0x2A;
constexpr std::uint8_t all_pages = 0x3F;
enum PageControl : std::uint8_t { current = 0, changeable = 1, defaults = 2, saved = 3 };

// Every page for one page control: page 3Fh, or page by page when the drive refuses 3Fh.
std::map<std::uint8_t, scsi::Bytes> read_pages(DiscRecorderEx& ex, std::uint8_t pc, Notes& notes) {
    if (auto all = mode_sense10(ex, all_pages, pc)) return parse_mode_pages(*all, notes);
    std::map<std::uint8_t, scsi::Bytes> pages;
    for (std::uint8_t code = 0x01; code < all_pages; ++code) {
        auto one = mode_sense10(ex, code, pc);
        if (!one) continue;
        auto got = parse_mode_pages(*one, notes);
        if (auto it = got.find(code); it != got.end()) pages.emplace(code, std::move(it->second));
    }
    return pages;
}

// A page view as long as the current values: the schema keeps the three the same size.
scsi::Bytes fitted(const scsi::Bytes* view, const scsi::Bytes& current, std::string_view what, Notes& notes) {
    if (view == nullptr) return {};
    scsi::Bytes out = *view;
    if (out.size() != current.size()) {
        notes.push_back(fmt::format("page {:02X}h: {} values are {} bytes, current {}; fitted to current", current[0],
                                    what, out.size(), current.size()));
        out.resize(current.size(), 0);
        out[1] = current[1];
    }
    return out;
}

const scsi::Bytes* find_page(const std::map<std::uint8_t, scsi::Bytes>& pages, std::uint8_t code) {
    const auto it = pages.find(code);
    return it == pages.end() ? nullptr : &it->second;
}

} // namespace

Result<void> ProfileCapture::observe(DiscRecorderEx& ex) {
    auto data = get_configuration_all(ex);
    if (!data) return std::unexpected(data.error());
    auto config = parse_configuration(*data, notes_);
    if (!config || config->profiles.empty())
        return std::unexpected(Error(hr::invalid_response_from_device,
                                     "GET CONFIGURATION lists no MMC profiles: not a drive a profile can describe"));
    if (!base_) {
        if (auto r = read_drive(ex, *config); !r) return r;
    } else {
        compare(ex, *config);
    }
    const auto profile = config->current_profile;
    observed_.push_back(profile);
    for (const auto& f : config->features) currency_[f.descriptor.code][profile] = f.current;
    if (profile != 0 && std::find(base_->profiles.begin(), base_->profiles.end(), profile) != base_->profiles.end())
        return read_speeds(ex, profile);
    if (profile != 0) notes_.push_back(fmt::format("current profile {:04X}h is not in the profile list", profile));
    return {};
}

Result<void> ProfileCapture::read_drive(DiscRecorderEx& ex, const Configuration& config) {
    DriveProfile p;
    auto std_inquiry = inquiry(ex);
    if (!std_inquiry) return std::unexpected(std_inquiry.error());
    p.identity = parse_inquiry(*std_inquiry, notes_);
    p.profiles = config.profiles;
    for (const auto& f : config.features) p.features.push_back(f.descriptor);

    // The serial: VPD 80h when the drive lists it, else the Drive Serial Number feature.
    std::vector<std::uint8_t> vpd;
    if (auto list = inquiry_vpd(ex, 0x00)) vpd = parse_supported_vpd(*list);
    if (std::find(vpd.begin(), vpd.end(), unit_serial_vpd) != vpd.end()) {
        if (auto page = inquiry_vpd(ex, unit_serial_vpd)) p.identity.serial = parse_unit_serial(*page, notes_);
    } else if (const auto* f = p.feature(drive_serial_number)) {
        std::string s(f->data.begin(), f->data.end());
        while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
        p.identity.serial = s.substr(0, 32);
        notes_.push_back("no VPD page 80h: the serial is feature 0108h's; the emulator answers 80h and 83h anyway");
    } else {
        notes_.push_back("no VPD page 80h and no feature 0108h: no serial number");
    }

    std::array<std::map<std::uint8_t, scsi::Bytes>, 4> views;
    for (std::uint8_t pc = current; pc <= saved; ++pc) views[pc] = read_pages(ex, pc, notes_);
    for (const auto& [code, page] : views[current]) {
        ModePageValues v;
        v.current = page;
        v.changeable = fitted(find_page(views[changeable], code), page, "changeable", notes_);
        if (v.changeable.empty()) {
            v.changeable.assign(page.size(), 0);
            v.changeable[0] = page[0];
            v.changeable[1] = page[1];
        }
        v.default_values = fitted(find_page(views[defaults], code), page, "default", notes_);
        if (v.default_values.empty()) v.default_values = page;
        if (const auto* s = find_page(views[saved], code); s != nullptr && *s != page)
            notes_.push_back(fmt::format("page {:02X}h: saved values differ from current; the emulator starts "
                                         "with saved = current",
                                         code));
        p.mode_pages.emplace(code, std::move(v));
    }
    if (views[saved].empty() && !views[current].empty())
        notes_.push_back("MODE SENSE with saved values failed: the drive may not save pages");

    const auto* removable = p.feature(removable_medium);
    std::optional<Mechanism> m = removable ? mechanism_from_feature(removable->data, notes_) : std::nullopt;
    if (!m)
        if (const auto* page = find_page(views[current], capabilities_page)) m = mechanism_from_page_2a(*page, notes_);
    if (m) p.mechanism = *m;

    if (auto rbc = read_buffer_capacity(ex); rbc && rbc->size() >= 8 && scsi::get_be32(*rbc, 4) >= 1024) {
        const auto bytes = scsi::get_be32(*rbc, 4);
        if (bytes % 1024 != 0) notes_.push_back(fmt::format("buffer of {} bytes rounded down to whole KiB", bytes));
        p.buffer_size_bytes = std::min<std::uint32_t>(bytes / 1024, 0xFFFF) * 1024;
    } else if (const auto* page = find_page(views[current], capabilities_page);
               page && page->size() >= 14 && scsi::get_be16(*page, 12) != 0) {
        p.buffer_size_bytes = std::uint32_t{scsi::get_be16(*page, 12)} * 1024;
        notes_.push_back("READ BUFFER CAPACITY failed: buffer size from page 2Ah");
    }
    notes_.push_back("not read from the drive (defaults kept): timings, max_transfer_blocks");
    base_ = std::move(p);
    return {};
}

void ProfileCapture::compare(DiscRecorderEx& ex, const Configuration& config) {
    if (config.profiles != base_->profiles) notes_.push_back("the profile list changed between observations");
    std::vector<FeatureDescriptor> now;
    for (const auto& f : config.features) now.push_back(f.descriptor);
    if (now != base_->features)
        notes_.push_back(fmt::format("feature descriptors differ with {} loaded; the first observation's are kept",
                                     profile_display_name(config.current_profile)));
    Notes ignored;
    const auto pages = read_pages(ex, current, ignored);
    for (const auto& [code, v] : base_->mode_pages) {
        const auto* page = find_page(pages, code);
        if (page == nullptr || *page == v.current) continue;
        notes_.push_back(fmt::format("page {:02X}h differs with {} loaded; the first observation's is kept", code,
                                     profile_display_name(config.current_profile)));
    }
}

DriveProfile ProfileCapture::profile(std::string name) const {
    DriveProfile p = base_.value_or(DriveProfile{});
    p.name = std::move(name);
    Notes ignored;
    p.features = features_with_currency(ignored);
    for (const auto& [profile, s] : speeds_)
        if (!s.read.empty() || !s.write.empty()) p.speeds[profile] = s;
    p.quirks.ignores_write_speed = ignores_write_speed_;
    return p;
}

Notes ProfileCapture::notes() const {
    Notes all = notes_;
    (void)features_with_currency(all);
    return all;
}

std::string capture_yaml(const ProfileCapture& capture, const std::string& device) {
    const DriveProfile p = capture.profile(device);
    std::string out = fmt::format("# Captured from {} by `discrec capture-profile`: {} {} {}\n", device,
                                  p.identity.vendor, p.identity.product, p.identity.revision);
    std::string media;
    for (auto m : capture.observed())
        media += fmt::format("{}{}", media.empty() ? "" : ", ", m == 0 ? "none" : profile_display_name(m));
    out += fmt::format("# Media observed: {}. Speeds and Current bits come from these only.\n", media);
    for (const auto& n : capture.notes()) out += fmt::format("# - {}\n", n);
    return out + profile_to_yaml(p);
}

} // namespace spindle::recorder::capture
