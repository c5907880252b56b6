#include "info_command.hpp"

#include "hex_text.hpp"
#include "mmc_names.hpp"
#include "volume_label.hpp"

#include "recorder/format_types.hpp"
#include "recorder/media_probe.hpp"
#include "scsi/bytes.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace spindle::discrec {

using nlohmann::json;
using namespace recorder;

namespace {

json error_json(const Error& e) { return json{{"error", e.name()}, {"hresult", fmt::format("0x{:08X}", e.hresult())}}; }

template <class T, class F>
json field(const Result<T>& r, F to_json) {
    return r ? to_json(*r) : error_json(r.error());
}

// READ TRACK INFORMATION of one track (MMC-6 table 529), the fields a user reads.
json track_json(const Bytes& b) {
    json t{{"bytes", hex_line(b)}};
    if (b.size() < 28) return t;
    t["number"] = b[2] | (b.size() > 32 ? b[32] << 8 : 0);
    t["session"] = b[3] | (b.size() > 33 ? b[33] << 8 : 0);
    t["start_lba"] = scsi::get_be32(b, 8);
    t["track_size"] = scsi::get_be32(b, 24);
    t["track_mode"] = b[5] & 0x0F;
    t["data_mode"] = b[6] & 0x0F;
    t["blank"] = (b[6] & 0x40) != 0;
    t["reserved"] = (b[6] & 0x80) != 0;
    t["next_writable_address_valid"] = (b[7] & 0x01) != 0;
    t["next_writable_address"] = scsi::get_be32(b, 12);
    t["free_blocks"] = scsi::get_be32(b, 16);
    return t;
}

// Every track of the disc, from READ DISC INFORMATION's first track to the last track of the
// last session (the open one of an appendable disc included).
json tracks_json(DiscRecorderEx& ex, const Result<Bytes>& disc) {
    json tracks = json::array();
    if (!disc || disc->size() < 12) return tracks;
    const Bytes& b = *disc;
    const unsigned first = b[3], last = b[6] | unsigned{b[11]} << 8;
    for (unsigned n = first; n <= last && n != 0; ++n)
        tracks.push_back(field(ex.get_track_information(n, ReadTrackAddressType::Track), track_json));
    return tracks;
}

// Where a file system's volume descriptors start: the first track of the last session that
// holds data (audio tracks carry none).
std::optional<std::uint32_t> last_data_session_start(const json& tracks) {
    std::optional<std::uint32_t> start;
    unsigned session = 0;
    for (const auto& t : tracks) {
        if (t.contains("error") || t["blank"].get<bool>() || (t["track_mode"].get<unsigned>() & 0x4) == 0) continue;
        if (!start || t["session"].get<unsigned>() > session) {
            session = t["session"].get<unsigned>();
            start = t["start_lba"].get<std::uint32_t>();
        }
    }
    return start;
}

// The medium as `discrec burn` describes it: profile, state (blank, appendable, finalized ...),
// free sectors.
json medium_json(DiscRecorderEx& ex) {
    auto p = probe_media(ex);
    if (!p) return error_json(p.error());
    return json{{"profile", std::string(profile_name(p->profile))},
                {"state", media_state_text(p->media_state)},
                {"free_sectors", p->free_blocks}};
}

} // namespace

json gather_info(DiscRecorder& rec) {
    auto& ex = rec.ex();
    json j;
    j["device"] = rec.active_disc_recorder();
    j["vendor"] = rec.vendor_id();
    j["product"] = rec.product_id();
    j["revision"] = rec.product_revision();
    j["serial"] = rec.device_descriptor().serial_number;
    j["volume"] = rec.volume_name();
    j["mount_points"] = rec.volume_path_names();
    j["can_load_media"] = field(rec.device_can_load_media(), [](bool b) { return json(b); });
    auto hex_list = [](const auto& v) {
        json a = json::array();
        for (auto x : v) a.push_back(fmt::format("{:04X}h", x));
        return a;
    };
    auto names = [](auto name_of) {
        return [name_of](const auto& v) {
            json a = json::array();
            for (auto x : v) a.push_back(std::string(name_of(x)));
            return a;
        };
    };
    const auto profiles = rec.supported_profiles();
    const auto current_profiles = rec.current_profiles();
    const auto features = rec.supported_feature_pages();
    const auto current_features = rec.current_feature_pages();
    const auto mode_pages = rec.supported_mode_pages();
    j["profiles"] = field(profiles, hex_list);
    j["profile_names"] = field(profiles, names(profile_name));
    j["current_profiles"] = field(current_profiles, hex_list);
    j["current_profile_names"] = field(current_profiles, names(profile_name));
    j["features"] = field(features, hex_list);
    j["feature_names"] = field(features, names(feature_name));
    j["current_features"] = field(current_features, hex_list);
    j["mode_pages"] = field(mode_pages, [](const auto& v) {
        json a = json::array();
        for (auto x : v) a.push_back(fmt::format("{:02X}h", x));
        return a;
    });
    j["mode_page_names"] = field(mode_pages, names(mode_page_name));
    j["medium"] = medium_json(ex);
    const auto disc = ex.get_disc_information();
    j["disc_information"] = field(disc, [](const Bytes& b) {
        return json{{"bytes", hex_line(b)},
                    {"disc_status", b[2] & 0x03},
                    {"last_session_state", (b[2] >> 2) & 0x03},
                    {"erasable", (b[2] & 0x10) != 0},
                    {"sessions", b[4] | (b.size() > 9 ? b[9] << 8 : 0)}};
    });
    j["tracks"] = tracks_json(ex, disc);
    const auto start = last_data_session_start(j["tracks"]);
    const auto label = start ? iso9660_volume_label(ex, *start) : std::nullopt;
    j["volume_label"] = label ? json(*label) : json(nullptr);
    j["transfer"] = field(ex.get_adapter_descriptor(), [](const AdapterDescriptor& a) {
        return json{{"max_page_aligned", a.max_page_aligned_transfer},
                    {"max_non_page_aligned", a.max_non_page_aligned_transfer},
                    {"byte_alignment_mask", a.alignment_mask},
                    {"max_hw_bytes", a.maximum_transfer_length},
                    {"max_segments", a.maximum_physical_pages},
                    {"sg_reserved_bytes", a.sg_reserved_bytes},
                    {"bus", a.bus},
                    {"source", a.source}};
    });
    return j;
}

void print_info(const json& j) {
    auto line = [](std::string_view key, const json& v) {
        std::string text;
        if (v.is_string())
            text = v.get<std::string>();
        else if (v.is_object() && v.contains("error"))
            text = fmt::format("({})", v["error"].get<std::string>());
        else if (v.is_array()) {
            for (const auto& x : v)
                text += (text.empty() ? "" : " ") + (x.is_string() ? x.get<std::string>() : x.dump());
            if (text.empty()) text = "-";
        } else
            text = v.dump();
        fmt::print("{:<18} {}\n", key, text);
    };
    line("Device:", j["device"]);
    line("Vendor:", j["vendor"]);
    line("Product:", j["product"]);
    line("Revision:", j["revision"]);
    line("Serial:", j["serial"]);
    line("Volume:", j["volume"].get<std::string>().empty() ? json("-") : j["volume"]);
    line("Mounted at:", j["mount_points"]);
    line("Can load media:", j["can_load_media"]);
    // Codes with their names; `current` (when given) marks the ones in use.
    auto named = [](std::string_view key, const json& codes, const json& current, auto label_of) {
        if (!codes.is_array()) {
            fmt::print("{:<18} ({})\n", key, codes.value("error", "?"));
            return;
        }
        std::string indent(key);
        for (const auto& c : codes) {
            const auto code = static_cast<std::uint16_t>(std::stoul(c.get<std::string>(), nullptr, 16));
            const bool in_use = current.is_array() && std::ranges::find(current, c) != current.end();
            fmt::print("{:<18} {}{}\n", indent, label_of(code), in_use ? ", current" : "");
            indent.clear();
        }
        if (codes.empty()) fmt::print("{:<18} -\n", key);
    };
    named("Profiles:", j["profiles"], j["current_profiles"], profile_label);
    named("Current profile:", j["current_profiles"], nullptr, profile_label);
    named("Features:", j["features"], j["current_features"], feature_label);
    named("Mode pages:", j["mode_pages"], nullptr, [](std::uint16_t code) {
        const auto name = mode_page_name(static_cast<std::uint8_t>(code));
        return name.empty() ? fmt::format("{:02X}h", code) : fmt::format("{} ({:02X}h)", name, code);
    });
    const auto& m = j["medium"];
    if (m.contains("error"))
        line("Medium:", m);
    else
        fmt::print("{:<18} {}, {}, {} sectors free\n", "Medium:", m["profile"].get<std::string>(),
                   m["state"].get<std::string>(), m["free_sectors"].get<std::uint32_t>());
    const auto& di = j["disc_information"];
    if (di.contains("error")) {
        line("Disc:", di);
    } else {
        static constexpr std::array status{"empty", "incomplete", "complete", "other"};
        fmt::print("{:<18} {}, {} session(s){}\n", "Disc:", status[di["disc_status"].get<unsigned>() & 3],
                   di["sessions"].get<int>(), di["erasable"].get<bool>() ? ", erasable" : "");
    }
    for (const auto& t : j["tracks"]) {
        if (t.contains("error")) {
            line("Track:", t);
            continue;
        }
        // Track mode bit 2 clear on a CD: CD-DA audio (MMC-6 table 532).
        const unsigned mode = t["track_mode"].get<unsigned>();
        const std::string kind =
            (mode & 0x4) == 0 ? "audio" : fmt::format("data, mode {:X}h", t["data_mode"].get<unsigned>());
        std::string state = t["blank"].get<bool>() ? "blank" : kind;
        if (t["reserved"].get<bool>()) state += ", reserved";
        if (t["next_writable_address_valid"].get<bool>())
            state +=
                fmt::format(", next writable {}, free {}", t["next_writable_address"].dump(), t["free_blocks"].dump());
        fmt::print("{:<18} session {}, start {}, size {}, {}\n", fmt::format("Track {}:", t["number"].dump()),
                   t["session"].dump(), t["start_lba"].dump(), t["track_size"].dump(), state);
    }
    line("Volume label:", j["volume_label"].is_string() ? j["volume_label"] : json("-"));
    const auto& t = j["transfer"];
    if (!t.contains("error"))
        fmt::print("{:<18} {} bytes page-aligned, {} unaligned, alignment mask {:#x} ({}, {})\n",
                   "Transfer:", t["max_page_aligned"].get<unsigned>(), t["max_non_page_aligned"].get<unsigned>(),
                   t["byte_alignment_mask"].get<unsigned>(), t["bus"].get<std::string>(),
                   t["source"].get<std::string>());
}

} // namespace spindle::discrec
