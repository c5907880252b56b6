// The probe a careful burner runs before writing (libburn doc/cookbook.txt and
// libburn/mmc.c): GET CONFIGURATION,
// READ DISC INFORMATION, READ TRACK INFORMATION, READ CAPACITY / READ FORMAT CAPACITIES.
#include "recorder/media_probe.hpp"

#include "recorder/format_types.hpp"
#include "recorder/page_buffer.hpp"

#include "scsi/bytes.hpp"
#include "scsi/cdb_configuration.hpp"
#include "scsi/cdb_read.hpp"
#include "scsi/mmc_profiles.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace spindle::recorder {
namespace {
using scsi::get_be16;
using scsi::get_be32;

struct TrackInfo {
    std::uint16_t number = 0;
    bool blank = false;
    std::uint32_t start = 0;
    std::optional<std::uint32_t> nwa;
    std::uint32_t free = 0;
    std::uint32_t size = 0;
};

// READ TRACK INFORMATION (MMC-6 table 551).
Result<TrackInfo> track_info(DiscRecorderEx& ex, std::uint32_t address, ReadTrackAddressType type) {
    auto ti = ex.get_track_information(address, type);
    if (!ti) return std::unexpected(ti.error());
    const auto& t = *ti;
    TrackInfo out;
    out.number = static_cast<std::uint16_t>(t[2] | (t.size() > 32 ? t[32] << 8 : 0));
    out.blank = (t[6] & 0x40) != 0;
    out.start = get_be32(t, 8);
    if ((t[7] & 0x01) != 0) out.nwa = get_be32(t, 12);
    out.free = get_be32(t, 16);
    out.size = get_be32(t, 24);
    return out;
}

Result<std::uint16_t> current_profile(DiscRecorderEx& ex) {
    // GET CONFIGURATION (MMC-6 table 275), RT 10b: the feature header; bytes 6-7 current profile.
    const auto cdb = scsi::cdb::get_configuration(scsi::cdb::rt::one, 0, 8);
    std::array<std::uint8_t, 8> h{};
    auto n = ex.run(cdb, DiscRecorderEx::Transfer{DataDirection::FromDevice, h, {}});
    if (!n) return std::unexpected(n.error());
    if (*n < 8) return fail(hr::invalid_response_from_device, "GET CONFIGURATION header shorter than 8 bytes");
    return get_be16(h, 6);
}

// READ CAPACITY (MMC-6 table 531): last LBA + 1.
Result<std::uint32_t> read_capacity(DiscRecorderEx& ex) {
    const auto cdb = scsi::cdb::read_capacity();
    std::array<std::uint8_t, 8> a{};
    auto n = ex.run(cdb, DiscRecorderEx::Transfer{DataDirection::FromDevice, a, {}});
    if (!n) return std::unexpected(n.error());
    if (*n < 8) return fail(hr::invalid_response_from_device, "READ CAPACITY shorter than 8 bytes");
    return get_be32(a, 0) + 1;
}

// READ FORMAT CAPACITIES (MMC-6 table 490/491): the current/maximum capacity descriptor;
// descriptor type 01b unformatted, 10b formatted.
Result<std::pair<std::uint32_t, bool>> current_capacity(DiscRecorderEx& ex) {
    const auto cdb = scsi::cdb::read_format_capacities(12);
    std::array<std::uint8_t, 12> a{};
    auto n = ex.run(cdb, DiscRecorderEx::Transfer{DataDirection::FromDevice, a, {}});
    if (!n) return std::unexpected(n.error());
    if (*n < 12) return fail(hr::invalid_response_from_device, "READ FORMAT CAPACITIES shorter than 12 bytes");
    return std::pair{get_be32(a, 4), (a[8] & 0x03) == 0x02};
}

} // namespace

MediumClass medium_class_for_profile(std::uint16_t profile) {
    namespace p = scsi::mmc_profile;
    switch (profile) {
    case p::cd_r:
    case p::cd_rw: return MediumClass::Cd;
    case p::dvd_minus_r:
    case p::dvd_minus_rw_sequential:
    case p::dvd_minus_r_dl_sequential: return MediumClass::DvdMinus;
    case p::dvd_plus_r:
    case p::dvd_plus_r_dl: return MediumClass::DvdPlus;
    case p::bd_r_srm: return MediumClass::BdR;
    case p::dvd_ram:
    case p::dvd_minus_rw_restricted:
    case p::dvd_plus_rw:
    case p::bd_re: return MediumClass::RandomAccess;
    default: return MediumClass::Unsupported;
    }
}

Result<MediaProbe> probe_media(DiscRecorderEx& ex) {
    MediaProbe p;
    // TEST UNIT READY first: no medium, becoming ready and the like are reported as such.
    if (auto r = ex.run(scsi::cdb::test_unit_ready(), {}); !r) return std::unexpected(r.error());
    auto profile = current_profile(ex);
    if (!profile) return std::unexpected(profile.error());
    p.profile = *profile;
    p.medium = medium_class_for_profile(p.profile);
    const auto* info = scsi::find_mmc_profile(p.profile);
    p.unit_blocks = info != nullptr ? info->unit_blocks : 1;
    p.rewritable = p.profile == scsi::mmc_profile::cd_rw || p.profile == scsi::mmc_profile::dvd_minus_rw_sequential ||
                   p.medium == MediumClass::RandomAccess;
    if (p.medium == MediumClass::Unsupported) {
        p.media_state = media_state::unsupported_media;
        return p;
    }
    auto di = ex.get_disc_information();
    if (!di) return std::unexpected(di.error());
    const auto& d = *di;
    p.disc_status = d[2] & 0x03;
    p.last_session_state = (d[2] >> 2) & 0x03;
    p.erasable = (d[2] & 0x10) != 0;
    p.sessions = static_cast<std::uint16_t>(d[4] | d[9] << 8);
    p.first_track_last_session = static_cast<std::uint16_t>(d[5] | d[10] << 8);
    p.last_track_last_session = static_cast<std::uint16_t>(d[6] | d[11] << 8);
    p.background_format = d[7] & 0x03;

    if (p.medium == MediumClass::RandomAccess) {
        auto cap = current_capacity(ex);
        if (!cap) return std::unexpected(cap.error());
        p.formatted = cap->second;
        if (p.profile == scsi::mmc_profile::dvd_plus_rw)
            p.formatted = p.background_format != 0; // DVD+RW: formatted once started
        p.total_blocks = cap->first;
        if (p.formatted) { // a formatted disc's size is READ CAPACITY's; a drive that cannot say fails the probe
            auto rc = read_capacity(ex);
            if (!rc) return std::unexpected(rc.error());
            p.total_blocks = *rc;
        }
        p.free_blocks = p.total_blocks;
        p.next_writable = 0;
        p.track = 1;
        p.media_state = media_state::overwrite_only | (p.formatted ? 0 : media_state::blank);
        return p;
    }

    if (p.disc_status == 2) {
        p.media_state = media_state::finalized | (p.rewritable ? media_state::erase_required : 0);
    } else {
        // The track the next write goes to: the last track of the last session (libburn
        // mmc_read_track_info; on CD and DVD+R that is the invisible track).
        auto t = track_info(ex, p.last_track_last_session, ReadTrackAddressType::Track);
        if (!t) return std::unexpected(t.error());
        p.track = t->number;
        p.track_blank = t->blank;
        p.track_start = t->start;
        p.next_writable = t->nwa;
        p.free_blocks = t->nwa ? t->free : 0;
        p.total_blocks = t->start + t->free;
        p.media_state = p.disc_status == 0 ? media_state::blank : media_state::appendable;
        if (p.disc_status == 1 && !t->blank) p.media_state |= media_state::non_empty_session;
    }
    // The previous (closed) session, for multisession append.
    const std::uint16_t closed =
        p.disc_status == 2 || p.last_session_state == 3 ? p.sessions : static_cast<std::uint16_t>(p.sessions - 1);
    if (closed >= 1 && p.disc_status != 0) {
        auto first = track_info(ex, closed, ReadTrackAddressType::Session);
        const std::uint16_t last_track =
            p.disc_status == 2 ? p.last_track_last_session : static_cast<std::uint16_t>(p.first_track_last_session - 1);
        auto last = track_info(ex, last_track, ReadTrackAddressType::Track);
        if (first && last && last->size > 0) {
            p.previous_session_start = first->start;
            p.previous_session_last = last->start + last->size - 1;
        }
    }
    if (p.disc_status == 2) p.total_blocks = p.previous_session_last.value_or(0) + 1;
    return p;
}

Result<bool> reads_as_zeros(DiscRecorderEx& ex, std::uint32_t blocks) {
    auto buf = PageBuffer::allocate(std::size_t{blocks} * 2048);
    if (!buf) return std::unexpected(buf.error());
    if (auto r = ex.read_blocks(0, buf->span()); !r) return std::unexpected(r.error());
    return std::ranges::all_of(buf->span(), [](std::uint8_t b) { return b == 0; });
}

std::string media_state_text(std::uint32_t flags) {
    static constexpr std::pair<std::uint32_t, const char*> names[] = {
        {media_state::overwrite_only, "overwrite-only"},
        {media_state::blank, "blank"},
        {media_state::appendable, "appendable"},
        {media_state::final_session, "final-session"},
        {media_state::damaged, "damaged"},
        {media_state::erase_required, "erase-required"},
        {media_state::non_empty_session, "non-empty-session"},
        {media_state::write_protected, "write-protected"},
        {media_state::finalized, "finalized"},
        {media_state::unsupported_media, "unsupported"}};
    std::string out;
    for (const auto& [bit, name] : names)
        if ((flags & bit) != 0) out += (out.empty() ? "" : " | ") + std::string(name);
    return out.empty() ? "unknown" : out;
}

std::string_view to_string(WriteAction a) {
    switch (a) {
    case WriteAction::ValidatingMedia: return "validating media";
    case WriteAction::FormattingMedia: return "formatting media";
    case WriteAction::InitializingHardware: return "initializing hardware";
    case WriteAction::CalibratingPower: return "calibrating power";
    case WriteAction::WritingData: return "writing";
    case WriteAction::Finalization: return "finalizing";
    case WriteAction::Completed: return "completed";
    case WriteAction::Verifying: return "verifying";
    }
    return "?";
}

} // namespace spindle::recorder
