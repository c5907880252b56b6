#include "emulator/profile/profile_sections.hpp"

#include "emulator/profile/profile_names.hpp"
#include "scsi/mmc_profiles.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

namespace spindle::profile_yaml {

namespace {

constexpr std::uint64_t max_timing_ms = 600'000; // ten minutes: longer is a mistake, not a drive
constexpr std::size_t max_profiles = 64;
constexpr std::size_t max_features = 128;
constexpr std::size_t max_feature_data = 252; // additional length is one byte, minus the header
constexpr std::size_t max_speeds = 32;
constexpr std::uint64_t max_speed_kbs = 1'000'000;

bool contains(const std::vector<std::uint16_t>& v, std::uint16_t x) { return std::ranges::find(v, x) != v.end(); }

std::uint16_t supported_profile(const Reader& r, const YAML::Node& node, const std::string& path,
                                const std::vector<std::uint16_t>& supported) {
    const auto number = read_profile_number(r, node, path);
    if (!contains(supported, number))
        r.fail(node, path, fmt::format("profile {} is not in `profiles`", profile_display_name(number)));
    return number;
}

// "16x", "2.4x" (times the family's 1x, rounded down) or kB/s.
std::uint32_t read_speed(const Reader& r, const YAML::Node& node, const std::string& path, std::uint16_t profile) {
    const auto expected = fmt::format("a speed such as 16x or a number of kB/s in 1..{}", max_speed_kbs);
    const auto s = r.scalar(node, path, expected);
    if (s.empty() || (s.back() != 'x' && s.back() != 'X')) {
        const auto kbs = parse_number(s);
        if (!kbs || *kbs < 1 || *kbs > max_speed_kbs)
            r.fail(node, path, fmt::format("expected {}, got {}", expected, describe(node)));
        return static_cast<std::uint32_t>(*kbs);
    }
    const auto* family = scsi::find_mmc_profile(profile);
    if (family == nullptr)
        r.fail(node, path, fmt::format("profile {} has no known 1x speed; give kB/s", profile_display_name(profile)));
    // N with up to two decimals, as hundredths.
    std::string_view n(s.data(), s.size() - 1);
    std::string digits(n.substr(0, n.find('.')));
    std::string decimals = n.find('.') == std::string_view::npos ? "" : std::string(n.substr(n.find('.') + 1));
    const auto whole = parse_number(digits);
    const auto frac = decimals.empty() ? std::optional<std::uint64_t>(0) : parse_number(decimals);
    if (!whole || !frac || decimals.size() > 2 || *whole > 1000 || digits.starts_with("0x"))
        r.fail(node, path, fmt::format("expected {}, got {}", expected, describe(node)));
    const auto hundredths = *whole * 100 + *frac * (decimals.size() == 1 ? 10 : 1);
    const auto kbs = hundredths * family->one_x / 100'000; // bytes/s per hundredth -> kB/s
    if (kbs < 1 || kbs > max_speed_kbs) r.fail(node, path, fmt::format("expected {}, got {} kB/s", expected, kbs));
    return static_cast<std::uint32_t>(kbs);
}

std::vector<std::uint32_t> read_speed_list(const Reader& r, const YAML::Node& node, const std::string& path,
                                           std::uint16_t profile) {
    r.expect_list(node, path, max_speeds);
    std::vector<std::uint32_t> speeds;
    for (std::size_t i = 0; i < node.size(); ++i) {
        const auto speed = read_speed(r, node[i], indexed(path, i), profile);
        if (!speeds.empty() && speed >= speeds.back())
            r.fail(node[i], indexed(path, i),
                   fmt::format("expected speeds fastest first, got {} kB/s after {} kB/s", speed, speeds.back()));
        speeds.push_back(speed);
    }
    return speeds;
}

} // namespace

DriveIdentity read_identity(const Reader& r, const YAML::Node& node, const std::string& path) {
    r.expect_map(node, path,
                 {"vendor", "product", "revision", "serial", "vendor_specific", "inquiry_version", "atapi_version",
                  "response_data_format", "additional_length", "version_descriptors"});
    DriveIdentity id;
    auto text = [&](std::string_view key, std::size_t max) {
        return r.text(r.required(node, key, path, fmt::format("a string of at most {} characters", max)),
                      join(path, key), max);
    };
    id.vendor = text("vendor", 8);
    id.product = text("product", 16);
    id.revision = text("revision", 4);
    if (node["serial"]) id.serial = r.text(node["serial"], join(path, "serial"), 32);
    if (node["vendor_specific"])
        id.vendor_specific = r.text(node["vendor_specific"], join(path, "vendor_specific"), 20);
    if (node["inquiry_version"])
        id.version = r.number_as<std::uint8_t>(node["inquiry_version"], join(path, "inquiry_version"), 0, 0xFF);
    if (node["atapi_version"])
        id.atapi_version = r.number_as<std::uint8_t>(node["atapi_version"], join(path, "atapi_version"), 0, 15);
    if (node["response_data_format"])
        id.response_data_format =
            r.number_as<std::uint8_t>(node["response_data_format"], join(path, "response_data_format"), 0, 15);
    if (node["additional_length"])
        id.additional_length =
            r.number_as<std::uint8_t>(node["additional_length"], join(path, "additional_length"), 31, 251);
    if (const auto list = node["version_descriptors"]; list) {
        const auto lpath = join(path, "version_descriptors");
        r.expect_list(list, lpath, 8);
        for (std::size_t i = 0; i < list.size(); ++i)
            id.version_descriptors.push_back(r.number_as<std::uint16_t>(list[i], indexed(lpath, i), 0, 0xFFFF));
    }
    return id;
}

Mechanism read_mechanism(const Reader& r, const YAML::Node& node, const std::string& path) {
    r.expect_map(node, path, {"loading", "eject", "load", "lock"});
    Mechanism m;
    if (const auto n = node["loading"]; n) {
        const auto s = r.scalar(n, join(path, "loading"), "caddy, tray, pop-up, changer or cartridge");
        if (s == "caddy")
            m.loading = LoadingMechanism::Caddy;
        else if (s == "tray")
            m.loading = LoadingMechanism::Tray;
        else if (s == "pop-up")
            m.loading = LoadingMechanism::PopUp;
        else if (s == "changer")
            m.loading = LoadingMechanism::Changer;
        else if (s == "cartridge")
            m.loading = LoadingMechanism::Cartridge;
        else
            r.fail(n, join(path, "loading"),
                   fmt::format("expected caddy, tray, pop-up, changer or cartridge, got {}", describe(n)));
    }
    if (node["eject"]) m.can_eject = r.boolean(node["eject"], join(path, "eject"));
    if (node["load"]) m.can_load = r.boolean(node["load"], join(path, "load"));
    if (node["lock"]) m.can_lock = r.boolean(node["lock"], join(path, "lock"));
    return m;
}

Timings read_timings(const Reader& r, const YAML::Node& node, const std::string& path) {
    r.expect_map(node, path, {"becoming_ready_ms", "spin_up_ms", "tray_ms"});
    Timings t;
    auto ms = [&](std::string_view key, std::chrono::milliseconds& out) {
        if (const auto n = node[std::string(key)]; n)
            out = std::chrono::milliseconds(r.number_as<std::int64_t>(n, join(path, key), 0, max_timing_ms));
    };
    ms("becoming_ready_ms", t.becoming_ready);
    ms("spin_up_ms", t.spin_up);
    ms("tray_ms", t.tray);
    return t;
}

Quirks read_quirks(const Reader& r, const YAML::Node& node, const std::string& path) {
    r.expect_map(node, path, {"ignores_write_speed", "upside_down", "speed_mismatch"});
    Quirks q;
    if (node["ignores_write_speed"])
        q.ignores_write_speed = r.boolean(node["ignores_write_speed"], join(path, "ignores_write_speed"));
    auto sense = [&](std::string_view key, SenseTriple& out) {
        const auto n = node[std::string(key)];
        if (!n) return;
        const auto field = join(path, key);
        constexpr std::string_view expected = "a sense key/ASC/ASCQ in hex, such as 2/3A/01";
        const auto s = r.scalar(n, field, expected);
        unsigned k = 0, a = 0, q2 = 0;
        char tail = 0;
        if (std::sscanf(s.c_str(), "%x/%x/%x%c", &k, &a, &q2, &tail) != 3 || k > 0xF || a > 0xFF || q2 > 0xFF ||
            std::ranges::count(s, '/') != 2)
            r.fail(n, field, fmt::format("expected {}, got {}", expected, describe(n)));
        out = SenseTriple{static_cast<std::uint8_t>(k), static_cast<std::uint8_t>(a), static_cast<std::uint8_t>(q2)};
    };
    sense("upside_down", q.upside_down);
    sense("speed_mismatch", q.speed_mismatch);
    return q;
}

std::uint16_t read_profile_number(const Reader& r, const YAML::Node& node, const std::string& path) {
    const auto expected = fmt::format("a profile number 0x0001..0xFFFF or one of: {}", profile_name_list());
    const auto s = r.scalar(node, path, expected);
    if (const auto* p = scsi::find_mmc_profile_by_key(s)) return p->code;
    const auto number = parse_number(s);
    if (!number || *number < 1 || *number > 0xFFFF)
        r.fail(node, path, fmt::format("expected {}, got {}", expected, describe(node)));
    return static_cast<std::uint16_t>(*number);
}

std::vector<std::uint16_t> read_profile_list(const Reader& r, const YAML::Node& node, const std::string& path) {
    r.expect_list(node, path, max_profiles);
    if (node.size() == 0) r.fail(node, path, "expected at least one profile, got an empty list");
    std::vector<std::uint16_t> out;
    for (std::size_t i = 0; i < node.size(); ++i) {
        const auto number = read_profile_number(r, node[i], indexed(path, i));
        if (contains(out, number))
            r.fail(node[i], indexed(path, i), fmt::format("profile {} is listed twice", profile_display_name(number)));
        out.push_back(number);
    }
    return out;
}

std::vector<FeatureDescriptor> read_features(const Reader& r, const YAML::Node& node, const std::string& path,
                                             const std::vector<std::uint16_t>& supported, const std::string& serial) {
    r.expect_list(node, path, max_features);
    std::vector<FeatureDescriptor> out;
    for (std::size_t i = 0; i < node.size(); ++i) {
        const auto& entry = node[i];
        const auto epath = indexed(path, i);
        r.expect_map(entry, epath, {"code", "version", "persistent", "data", "current_for", "always_current"});
        FeatureDescriptor f;
        const auto code_node = r.required(entry, "code", epath, "a feature code 0x0001..0xFFFF");
        const auto cpath = join(epath, "code");
        f.code = r.number_as<std::uint16_t>(code_node, cpath, 0, 0xFFFF);
        if (f.code == 0)
            r.fail(code_node, cpath, "feature 0000h (Profile List) is built from `profiles`; do not list it");
        if (!out.empty() && f.code == out.back().code)
            r.fail(code_node, cpath, fmt::format("feature {:04X}h is listed twice", f.code));
        if (!out.empty() && f.code < out.back().code)
            r.fail(code_node, cpath,
                   fmt::format("expected features in ascending code order, got {:04X}h after {:04X}h", f.code,
                               out.back().code));
        if (entry["version"]) f.version = r.number_as<std::uint8_t>(entry["version"], join(epath, "version"), 0, 15);
        if (entry["persistent"]) f.persistent = r.boolean(entry["persistent"], join(epath, "persistent"));
        if (entry["data"]) {
            f.data = r.hex(entry["data"], join(epath, "data"), max_feature_data);
            if (f.data.size() % 4 != 0)
                r.fail(entry["data"], join(epath, "data"),
                       fmt::format("expected a multiple of 4 bytes (MMC-6 5.3), got {}", f.data.size()));
        } else if (f.code == 0x0108) {
            // Drive Serial Number: the identity's serial, space padded to a multiple of 4.
            f.data.assign(serial.begin(), serial.end());
            f.data.resize((f.data.size() + 3) / 4 * 4, ' ');
        }
        if (const auto list = entry["current_for"]; list) {
            const auto lpath = join(epath, "current_for");
            r.expect_list(list, lpath, max_profiles);
            for (std::size_t j = 0; j < list.size(); ++j)
                f.current_for.push_back(supported_profile(r, list[j], indexed(lpath, j), supported));
        }
        if (entry["always_current"])
            f.always_current = r.boolean(entry["always_current"], join(epath, "always_current"));
        out.push_back(std::move(f));
    }
    return out;
}

std::map<std::uint16_t, MediumSpeeds> read_speeds(const Reader& r, const YAML::Node& node, const std::string& path,
                                                  const std::vector<std::uint16_t>& supported) {
    r.expect_any_map(node, path);
    std::map<std::uint16_t, MediumSpeeds> out;
    for (const auto& kv : node) {
        const auto kpath = join(path, kv.first.Scalar());
        const auto profile = supported_profile(r, kv.first, kpath, supported);
        if (out.contains(profile))
            r.fail(kv.first, kpath, fmt::format("speeds for {} are given twice", profile_display_name(profile)));
        r.expect_map(kv.second, kpath, {"read", "write"});
        MediumSpeeds s;
        if (kv.second["read"]) s.read = read_speed_list(r, kv.second["read"], join(kpath, "read"), profile);
        if (const auto w = kv.second["write"]; w) {
            const auto* info = scsi::find_mmc_profile(profile);
            if (info != nullptr && !info->writable && w.size() > 0)
                r.fail(w, join(kpath, "write"),
                       fmt::format("{} media cannot be written; expected no write speeds", info->key));
            s.write = read_speed_list(r, w, join(kpath, "write"), profile);
        }
        out.emplace(profile, std::move(s));
    }
    return out;
}

} // namespace spindle::profile_yaml
