#include "info_command.hpp"

#include "emulator/scsi/bytes.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace spindle::discrec {

using nlohmann::json;
using namespace recorder;

namespace {

std::string hex(std::span<const std::uint8_t> b) {
    std::string s;
    for (auto v : b) s += fmt::format("{}{:02X}", s.empty() ? "" : " ", v);
    return s;
}

json error_json(const Error& e) { return json{{"error", e.name()}, {"hresult", fmt::format("0x{:08X}", e.hresult())}}; }

template <class T, class F>
json field(const Result<T>& r, F to_json) {
    return r ? to_json(*r) : error_json(r.error());
}

// READ TRACK INFORMATION of one track (MMC-6 table 529), the fields a user reads.
json track_json(const Bytes& b) {
    json t{{"bytes", hex(b)}};
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
    j["profiles"] = field(rec.supported_profiles(), hex_list);
    j["current_profiles"] = field(rec.current_profiles(), hex_list);
    j["features"] = field(rec.supported_feature_pages(), hex_list);
    j["current_features"] = field(rec.current_feature_pages(), hex_list);
    j["mode_pages"] = field(rec.supported_mode_pages(), [](const auto& v) {
        json a = json::array();
        for (auto x : v) a.push_back(fmt::format("{:02X}h", x));
        return a;
    });
    const auto disc = ex.get_disc_information();
    j["disc_information"] = field(disc, [](const Bytes& b) {
        return json{{"bytes", hex(b)},
                    {"disc_status", b[2] & 0x03},
                    {"last_session_state", (b[2] >> 2) & 0x03},
                    {"erasable", (b[2] & 0x10) != 0},
                    {"sessions", b[4] | (b.size() > 9 ? b[9] << 8 : 0)}};
    });
    j["tracks"] = tracks_json(ex, disc);
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
    line("Volume:", j["volume"]);
    line("Mounted at:", j["mount_points"]);
    line("Can load media:", j["can_load_media"]);
    line("Profiles:", j["profiles"]);
    line("Current profile:", j["current_profiles"]);
    line("Features:", j["features"]);
    line("Current features:", j["current_features"]);
    line("Mode pages:", j["mode_pages"]);
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
    const auto& t = j["transfer"];
    if (!t.contains("error"))
        fmt::print("{:<18} {} bytes page-aligned, {} unaligned, alignment mask {:#x} ({}, {})\n",
                   "Transfer:", t["max_page_aligned"].get<unsigned>(), t["max_non_page_aligned"].get<unsigned>(),
                   t["byte_alignment_mask"].get<unsigned>(), t["bus"].get<std::string>(),
                   t["source"].get<std::string>());
}

} // namespace spindle::discrec
