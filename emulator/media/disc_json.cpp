#include "emulator/media/disc_json.hpp"

#include "emulator/media/block_store.hpp"
#include "emulator/media/cd_subchannel.hpp"
#include "emulator/media/cd_text.hpp"
#include "emulator/media/hex_digits.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <limits>
#include <optional>

namespace spindle {

using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 4> disc_status_names{"empty", "incomplete", "complete", "other"};
constexpr std::array<std::string_view, 4> session_state_names{"empty", "incomplete", "damaged", "complete"};
constexpr std::array<std::string_view, 4> background_format_names{"none", "incomplete", "running", "complete"};
constexpr std::array<std::string_view, 3> data_sectors_names{"mode1", "mode2", "xa"};

template <typename E, std::size_t N>
std::string name_of(const std::array<std::string_view, N>& names, E value) {
    return std::string(names[static_cast<std::size_t>(value)]);
}

struct Failure {
    std::string message;
};

class Reader {
public:
    Reader(const json& object, std::string where) : object_(object), where_(std::move(where)) {}

    const json& get(const char* name) const {
        if (!object_.is_object()) throw Failure{where_ + ": expected an object"};
        const auto it = object_.find(name);
        if (it == object_.end()) throw Failure{at(name) + ": missing"};
        return *it;
    }
    bool has(const char* name) const { return object_.is_object() && object_.contains(name); }
    std::string at(const char* name) const { return where_.empty() ? name : where_ + "." + name; }

    template <typename T>
    T integer(const char* name) const {
        const json& v = get(name);
        constexpr auto lo = std::numeric_limits<T>::min();
        constexpr auto hi = std::numeric_limits<T>::max();
        const std::string range = " from " + std::to_string(lo) + " to " + std::to_string(hi);
        if (v.is_number_unsigned()) {
            if (v.get<std::uint64_t>() > static_cast<std::uint64_t>(hi))
                throw Failure{at(name) + ": " + v.dump() + " is out of range: expected a whole number" + range};
            return static_cast<T>(v.get<std::uint64_t>());
        }
        if (v.is_number_integer()) {
            const auto n = v.get<std::int64_t>();
            if constexpr (std::is_signed_v<T>) {
                if (n >= static_cast<std::int64_t>(lo) && n <= static_cast<std::int64_t>(hi)) return static_cast<T>(n);
            }
            throw Failure{at(name) + ": " + v.dump() + " is out of range: expected a whole number" + range};
        }
        throw Failure{at(name) + ": expected a whole number" + range + ", found " + v.dump()};
    }
    template <typename T>
    T integer_or(const char* name, T absent) const {
        if (object_.is_object() && !object_.contains(name)) return absent;
        return integer<T>(name);
    }
    bool boolean(const char* name) const {
        const json& v = get(name);
        if (!v.is_boolean()) throw Failure{at(name) + ": expected true or false, found " + v.dump()};
        return v.get<bool>();
    }
    std::string text(const char* name) const {
        const json& v = get(name);
        if (!v.is_string()) throw Failure{at(name) + ": expected a string, found " + v.dump()};
        return v.get<std::string>();
    }
    template <typename E, std::size_t N>
    E choice(const char* name, const std::array<std::string_view, N>& names) const {
        const std::string v = text(name);
        for (std::size_t i = 0; i < N; ++i)
            if (names[i] == v) return static_cast<E>(i);
        std::string expected;
        for (auto n : names) expected += (expected.empty() ? "" : ", ") + std::string(n);
        throw Failure{at(name) + ": unknown value \"" + v + "\": expected one of " + expected};
    }

private:
    const json& object_;
    std::string where_;
};

json track_fields(const Track& t) {
    return json{{"number", t.number},
                {"session", t.session},
                {"start", t.start},
                {"size", t.size},
                {"recorded", t.recorded},
                {"invisible", t.invisible},
                {"reserved", t.reserved},
                {"closed", t.closed},
                {"damaged", t.damaged},
                {"incremental", t.incremental},
                {"fixed_packet", t.fixed_packet},
                {"packet_size", t.packet_size},
                {"track_mode", t.track_mode},
                {"data_mode", t.data_mode},
                {"run_out", t.run_out},
                {"sectors", name_of(data_sectors_names, t.sectors)},
                {"form2", t.form2},
                {"session_format", t.session_format}};
}

json track_to_json(const Track& t) {
    json j = track_fields(t);
    if (!t.isrc.empty()) j["isrc"] = t.isrc;    // absent: none, as in metadata from before ISRCs were kept
    if (t.recorded_rw) j["recorded_rw"] = true; // absent: none, as before R-W were kept
    if (!t.index_marks.empty()) j["index_marks"] = t.index_marks; // absent: none, as before marks were kept
    return j;
}

std::vector<std::uint32_t> index_marks(const Reader& r) {
    const json& v = r.get("index_marks");
    if (!v.is_array() || v.size() > max_index_marks)
        throw Failure{r.at("index_marks") + ": expected a list of at most " + std::to_string(max_index_marks) +
                      " LBAs"};
    std::vector<std::uint32_t> marks;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_number_unsigned() || v[i].get<std::uint64_t>() > std::numeric_limits<std::uint32_t>::max())
            throw Failure{r.at("index_marks") + "[" + std::to_string(i) + "]: expected an LBA, found " + v[i].dump()};
        marks.push_back(static_cast<std::uint32_t>(v[i].get<std::uint64_t>()));
    }
    return marks;
}

// Marks ascend inside the track after its start, below `limit`; the fault, if any.
std::optional<std::string> index_marks_fault(const Track& t, std::uint32_t limit) {
    if (t.index_marks.size() > max_index_marks)
        return "index_marks: " + std::to_string(t.index_marks.size()) + " marks: a track has at most " +
               std::to_string(max_index_marks) + " (index 2 to 99)";
    std::uint32_t after = t.start;
    for (const std::uint32_t m : t.index_marks) {
        if (m <= after || m >= limit)
            return "index_marks: " + std::to_string(m) + ": expected ascending LBAs after " + std::to_string(after) +
                   " and below " + std::to_string(limit) + ", inside the track";
        after = m;
    }
    return std::nullopt;
}

Track track_from_json(const Reader& r) {
    Track t;
    t.number = r.integer<std::uint16_t>("number");
    t.session = r.integer<std::uint16_t>("session");
    t.start = r.integer<std::uint32_t>("start");
    t.size = r.integer<std::uint32_t>("size");
    t.recorded = r.integer<std::uint32_t>("recorded");
    t.invisible = r.boolean("invisible");
    t.reserved = r.boolean("reserved");
    t.closed = r.boolean("closed");
    t.damaged = r.boolean("damaged");
    t.incremental = r.boolean("incremental");
    t.fixed_packet = r.boolean("fixed_packet");
    t.packet_size = r.integer<std::uint32_t>("packet_size");
    t.track_mode = r.integer<std::uint8_t>("track_mode");
    t.data_mode = r.integer<std::uint8_t>("data_mode");
    t.run_out = r.integer_or<std::uint32_t>("run_out", 0); // absent before TAO run-out was kept
    // Absent before Mode 2 sectors were kept: Mode 1, in a CD-DA or CD-ROM session.
    if (r.has("sectors")) t.sectors = r.choice<DataSectors>("sectors", data_sectors_names);
    if (r.has("form2")) t.form2 = r.boolean("form2");
    if (r.has("recorded_rw")) t.recorded_rw = r.boolean("recorded_rw");
    t.session_format = r.integer_or<std::uint8_t>("session_format", cd_session_format::cd_rom);
    if (t.form2 && t.sectors != DataSectors::Xa)
        throw Failure{r.at("form2") + ": only an xa track holds Form 2 sectors"};
    if (t.session_format != cd_session_format::cd_rom && t.session_format != cd_session_format::cd_i &&
        t.session_format != cd_session_format::cd_rom_xa)
        throw Failure{r.at("session_format") + ": expected 0 (CD-DA or CD-ROM), 16 (CD-I) or 32 (CD-ROM XA)"};
    if (t.run_out > t.recorded) throw Failure{r.at("run_out") + ": more run-out blocks than the track has recorded"};
    if (t.track_mode > 0xF) throw Failure{r.at("track_mode") + ": expected 0 to 15 (a 4-bit field)"};
    if (t.data_mode > 0xF) throw Failure{r.at("data_mode") + ": expected 0 to 15 (a 4-bit field)"};
    if (r.has("index_marks")) t.index_marks = index_marks(r);
    if (r.has("isrc")) {
        t.isrc = r.text("isrc");
        if (!cd::valid_isrc(t.isrc))
            throw Failure{r.at("isrc") + ": \"" + t.isrc +
                          "\" is no ISRC: expected 5 letters or digits, then 7 digits"};
    }
    return t;
}

} // namespace

std::string disc_to_json(const Disc& d) {
    json tracks = json::array();
    for (const auto& t : d.tracks) tracks.push_back(track_to_json(t));
    const json j{{"format", disc_metadata_format},
                 {"version", disc_metadata_version},
                 {"kind", d.type().name},
                 {"capacity_blocks", d.capacity_blocks},
                 {"status", name_of(disc_status_names, d.status)},
                 {"last_session", name_of(session_state_names, d.last_session)},
                 {"background_format", name_of(background_format_names, d.background_format)},
                 {"formatted", d.formatted},
                 {"quick_blanked", d.quick_blanked},
                 {"disc_id", d.disc_id},
                 {"atip_lead_in_start", d.atip_lead_in_start},
                 {"layer0_capacity", d.layer0_capacity},
                 {"tracks", tracks}};
    json out = j;
    // Absent when none, so that a disc without them reads as before in any version.
    if (!d.mcn.empty()) out["mcn"] = d.mcn;
    if (!d.cd_text.empty()) out["cd_text"] = hex_digits(d.cd_text); // CD-Text packs as hex digits
    return out.dump(2) + "\n";
}

std::expected<Disc, std::string> disc_from_json(std::string_view text) {
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) return std::unexpected(std::string("not valid JSON (truncated or corrupt)"));
    try {
        const Reader r(j, "");
        if (r.text("format") != disc_metadata_format)
            return std::unexpected("format: expected \"" + std::string(disc_metadata_format) + "\"");
        const auto version = r.integer<std::uint32_t>("version");
        if (version != disc_metadata_version)
            return std::unexpected("version " + std::to_string(version) + " is not supported: expected " +
                                   std::to_string(disc_metadata_version));
        Disc d;
        const std::string kind = r.text("kind");
        const auto k = media_kind_by_name(kind);
        if (!k) return std::unexpected("kind: unknown media kind \"" + kind + "\"");
        d.kind = *k;
        d.capacity_blocks = r.integer<std::uint32_t>("capacity_blocks");
        d.status = r.choice<DiscStatus>("status", disc_status_names);
        d.last_session = r.choice<SessionState>("last_session", session_state_names);
        d.background_format = r.choice<BackgroundFormat>("background_format", background_format_names);
        d.formatted = r.boolean("formatted");
        d.quick_blanked = r.boolean("quick_blanked");
        d.disc_id = r.integer<std::uint64_t>("disc_id");
        d.atip_lead_in_start = r.integer<std::int32_t>("atip_lead_in_start");
        // Absent from metadata written before layer breaks could be set: the default.
        if (j.contains("layer0_capacity")) d.layer0_capacity = r.integer<std::uint32_t>("layer0_capacity");
        if (r.has("mcn")) {
            d.mcn = r.text("mcn");
            if (!cd::valid_mcn(d.mcn))
                return std::unexpected("mcn: \"" + d.mcn + "\" is no catalogue number: expected 13 digits");
        }
        if (r.has("cd_text")) {
            auto packs = bytes_from_hex_digits(r.text("cd_text"));
            if (!packs || !cd::valid_text_packs(*packs))
                return std::unexpected(std::string(
                    "cd_text: expected CD-Text packs in hexadecimal: 18 bytes each, types 80h-8Fh with good CRCs"));
            d.cd_text = std::move(*packs);
        }
        const json& tracks = r.get("tracks");
        if (!tracks.is_array()) return std::unexpected(std::string("tracks: expected a list of tracks"));
        for (std::size_t i = 0; i < tracks.size(); ++i)
            d.tracks.push_back(track_from_json(Reader(tracks[i], "tracks[" + std::to_string(i) + "]")));
        if (auto ok = validate_disc(d); !ok) return std::unexpected(ok.error());
        return d;
    } catch (const Failure& f) {
        return std::unexpected(f.message);
    }
}

std::uint32_t max_capacity_blocks(MediaKind kind) {
    switch (media_type(kind).family) {
    case MediaFamily::Cd: return 100 * 60 * 75 - 150;   // LBA of MSF 99:59:74, plus one
    case MediaFamily::Dvd: return (1u << 24) - 0x30000; // PSN 30000h to FFFFFFh
    case MediaFamily::Bd: return 62'500'864;            // BDXL, 4 layers: 128 001 769 472 bytes
    }
    return 0;
}

std::expected<void, std::string> validate_disc(const Disc& d) {
    auto fail = [](std::size_t i, const std::string& what) {
        return std::unexpected("tracks[" + std::to_string(i) + "]: " + what);
    };
    if (d.capacity_blocks == 0) return std::unexpected(std::string("capacity_blocks: a disc holds at least one block"));
    if (d.capacity_blocks > max_capacity_blocks(d.kind))
        return std::unexpected("capacity_blocks: " + std::to_string(d.capacity_blocks) + " is more than a " +
                               std::string(d.type().name) + " holds (" + std::to_string(max_capacity_blocks(d.kind)) +
                               " blocks at most)");
    if (d.layer0_capacity != 0) {
        // As SEND DISC STRUCTURE 20h sets it (drive/commands/disc_structure.cpp).
        const bool dual = d.kind == MediaKind::DvdPlusRDl || d.kind == MediaKind::DvdMinusRDl;
        if (!dual) return std::unexpected("layer0_capacity: a " + std::string(d.type().name) + " has no layer break");
        if (d.layer0_capacity > d.capacity_blocks / 2 || d.layer0_capacity % 16 != 0)
            return std::unexpected("layer0_capacity: " + std::to_string(d.layer0_capacity) +
                                   ": expected whole ECC blocks of 16 up to half the capacity (" +
                                   std::to_string(d.capacity_blocks / 2) + ")");
    }
    if (d.tracks.empty()) return std::unexpected(std::string("tracks: a disc has at least one track"));
    std::uint64_t previous_end = 0;
    for (std::size_t i = 0; i < d.tracks.size(); ++i) {
        const Track& t = d.tracks[i];
        if (t.number != i + 1)
            return fail(i, "number " + std::to_string(t.number) + ": expected " + std::to_string(i + 1));
        const std::uint16_t previous_session = i == 0 ? 0 : d.tracks[i - 1].session;
        if (t.session != previous_session && t.session != previous_session + 1)
            return fail(i, "session " + std::to_string(t.session) + ": expected " + std::to_string(previous_session) +
                               (i == 0 ? "" : " or " + std::to_string(previous_session + 1)) +
                               " (sessions count from 1)");
        if (t.session == 0) return fail(i, "session 0: sessions count from 1");
        if (t.audio() && d.family() != MediaFamily::Cd)
            return fail(i, "track_mode " + std::to_string(t.track_mode) + ": audio (bit 2 clear) exists on CDs only");
        if (t.sectors != DataSectors::Mode1 && (t.audio() || d.family() != MediaFamily::Cd))
            return fail(i,
                        "sectors " + name_of(data_sectors_names, t.sectors) + ": Mode 2 exists on CD data tracks only");
        if (t.recorded_rw && d.family() != MediaFamily::Cd)
            return fail(i, "recorded_rw: R-W sub-channels exist on CDs only");
        if (t.recorded > t.size)
            return fail(i,
                        "recorded " + std::to_string(t.recorded) + " is more than its size " + std::to_string(t.size));
        if (t.start < previous_end)
            return fail(i, "start " + std::to_string(t.start) + " overlaps the previous track, which ends at " +
                               std::to_string(previous_end));
        const std::uint64_t end = std::uint64_t{t.start} + t.size;
        if (end > d.capacity_blocks)
            return fail(i, "ends at " + std::to_string(end) + ", past the capacity of " +
                               std::to_string(d.capacity_blocks) + " blocks");
        if (t.invisible && i + 1 != d.tracks.size()) return fail(i, "only the last track may be invisible");
        if (!t.index_marks.empty() && d.family() != MediaFamily::Cd)
            return fail(i, "index_marks: index marks exist on CDs only");
        if (auto fault = index_marks_fault(t, t.end())) return fail(i, *fault);
        previous_end = end;
    }
    return {};
}

std::expected<void, std::string> validate_disc_state(const Disc& d) {
    auto fail = [](std::string what) { return std::unexpected(std::move(what)); };
    auto track = [](std::size_t i) { return "tracks[" + std::to_string(i) + "]: "; };
    if (d.tracks.empty()) return fail("tracks: a disc has at least one track");
    const Track& last = d.tracks.back();
    bool open_track = false;
    bool any_data = false;
    for (std::size_t i = 0; i < d.tracks.size(); ++i) {
        const Track& t = d.tracks[i];
        if (t.closed && t.recorded != t.size)
            return fail(track(i) + "closed with " + std::to_string(t.recorded) + " of its " + std::to_string(t.size) +
                        " blocks recorded");
        if (t.invisible && (t.closed || t.reserved))
            return fail(track(i) + "an invisible track is open and unreserved");
        if (t.closed)
            if (auto fault = index_marks_fault(t, t.readable_end())) return fail(track(i) + *fault);
        if (!t.closed && t.session != last.session)
            return fail(track(i) + "open in session " + std::to_string(t.session) + ", which a later one follows");
        open_track = open_track || !t.closed;
        any_data = any_data || !t.blank() || t.reserved;
    }
    if (d.random_access()) {
        if (d.tracks.size() != 1 || !last.closed || last.size != d.capacity_blocks)
            return fail("tracks: a formatted " + std::string(d.type().name) + " is one closed track over its capacity");
        return {};
    }
    bool last_session_blank = true;
    for (const auto& t : d.tracks)
        if (t.session == last.session && (!t.blank() || t.reserved)) last_session_blank = false;
    switch (d.status) {
    case DiscStatus::Empty:
        if (any_data || d.tracks.size() != 1) return fail("status: empty, but the disc holds data or reserved tracks");
        if (d.last_session != SessionState::Empty) return fail("last_session: not empty on an empty disc");
        break;
    case DiscStatus::Incomplete:
        // With no track open the disc is full but not closed: its last session stays open until
        // CLOSE SESSION (a track closed or reserved up to the end of the disc).
        if (!open_track && d.last_session != SessionState::Incomplete)
            return fail("status: incomplete (appendable), but no track is open and the last session is closed");
        if (!any_data) return fail("status: incomplete, but nothing is recorded or reserved");
        break;
    case DiscStatus::Complete:
        if (open_track) return fail("status: complete, but a track is open");
        if (d.last_session != SessionState::Complete) return fail("last_session: not complete on a complete disc");
        break;
    case DiscStatus::Other: return fail("status: other: no disc a drive writes or presses is left so");
    }
    if (d.last_session == SessionState::Empty && !last_session_blank)
        return fail("last_session: empty, but session " + std::to_string(last.session) + " holds data");
    if (d.last_session == SessionState::Incomplete && last_session_blank)
        return fail("last_session: incomplete, but session " + std::to_string(last.session) + " holds nothing");
    if (d.last_session == SessionState::Complete && d.status != DiscStatus::Complete)
        return fail("last_session: complete on a disc whose status is not");
    return {};
}

std::uint64_t image_bytes_needed(const Disc& d) {
    if (d.random_access()) return std::uint64_t{d.capacity_blocks} * BlockStore::block_size;
    const auto last = d.last_recorded_lba();
    return last ? (std::uint64_t{*last} + 1) * BlockStore::block_size : 0;
}

} // namespace spindle
