// The sr device's reading ioctls against the default drive: TOC, multisession, sub-channel,
// MCN, DVD structures, sectors, last written block, and raw packets.
#include "sr_ioctls/sr_fixture.hpp"

#include "emulator/media/media_type.hpp"
#include "scsi/bytes.hpp"

#include <algorithm>
#include <cerrno>

using namespace spindle;
using namespace spindle::test;

namespace {

cdrom_tocentry entry(int track, int format) {
    cdrom_tocentry e{};
    e.cdte_track = static_cast<std::uint8_t>(track);
    e.cdte_format = static_cast<std::uint8_t>(format);
    return e;
}

} // namespace

TEST_CASE("CDROMREADTOCHDR and CDROMREADTOCENTRY of an audio CD: every track in LBA and MSF, the lead-out") {
    SrRig r;
    r.load(r.audio_cd({300, 451, 1000}));
    r.settle();
    sr::SrDevice sr(r.drive, r.options());
    const Disc disc = r.disc();
    REQUIRE(disc.tracks.size() == 3);

    const auto header = sr.read_toc_header();
    REQUIRE(header.has_value());
    CHECK(header->cdth_trk0 == disc.tracks.front().number);
    CHECK(header->cdth_trk1 == disc.tracks.back().number);

    for (const Track& t : disc.tracks) {
        CAPTURE(t.number);
        const auto lba = sr.read_toc_entry(entry(t.number, CDROM_LBA));
        REQUIRE(lba.has_value());
        CHECK(lba->cdte_track == t.number);
        CHECK(lba->cdte_format == CDROM_LBA);
        CHECK(lba->cdte_addr.lba == static_cast<int>(t.start));
        CHECK(lba->cdte_adr == 1);
        CHECK(lba->cdte_ctrl == (t.track_mode & 0x0F));
        CHECK((lba->cdte_ctrl & CDROM_DATA_TRACK) == 0);
        CHECK(lba->cdte_datamode == 0);

        const auto msf = sr.read_toc_entry(entry(t.number, CDROM_MSF));
        REQUIRE(msf.has_value());
        CHECK(msf->cdte_format == CDROM_MSF);
        const auto want = msf_of(t.start);
        CHECK(msf->cdte_addr.msf.minute == want.minute);
        CHECK(msf->cdte_addr.msf.second == want.second);
        CHECK(msf->cdte_addr.msf.frame == want.frame);
    }

    const auto lead_out = sr.read_toc_entry(entry(CDROM_LEADOUT, CDROM_LBA));
    REQUIRE(lead_out.has_value());
    CHECK(lead_out->cdte_addr.lba == static_cast<int>(disc.lead_out_start()));
    CHECK(lead_out->cdte_addr.lba == static_cast<int>(disc.tracks.back().end()));
    const auto lead_out_msf = sr.read_toc_entry(entry(CDROM_LEADOUT, CDROM_MSF));
    REQUIRE(lead_out_msf.has_value());
    CHECK(lead_out_msf->cdte_addr.msf.minute == msf_of(disc.lead_out_start()).minute);
    CHECK(lead_out_msf->cdte_addr.msf.second == msf_of(disc.lead_out_start()).second);
    CHECK(lead_out_msf->cdte_addr.msf.frame == msf_of(disc.lead_out_start()).frame);

    CHECK(sr.read_toc_entry(entry(1, 0x07)) == std::unexpected(EINVAL));   // neither LBA nor MSF
    CHECK(sr.read_toc_entry(entry(9, CDROM_LBA)) == std::unexpected(EIO)); // no such track: 5/24/00
}

TEST_CASE("CDROMREADTOCHDR with no disc is ENOMEDIUM") {
    SrRig r;
    sr::SrDevice sr(r.drive, r.options());
    CHECK(sr.read_toc_header() == std::unexpected(ENOMEDIUM));
}

TEST_CASE("CDROMMULTISESSION of a single-session CD: offset 0, no XA flag, in LBA and MSF") {
    SrRig r;
    r.load(r.rom(64));
    r.settle();
    sr::SrDevice sr(r.drive, r.options());
    cdrom_multisession in{};
    in.addr_format = CDROM_LBA;
    const auto lba = sr.multisession(in);
    REQUIRE(lba.has_value());
    CHECK(lba->addr_format == CDROM_LBA);
    CHECK(lba->addr.lba == 0);
    CHECK(lba->xa_flag == 0);
    in.addr_format = CDROM_MSF;
    const auto msf = sr.multisession(in);
    REQUIRE(msf.has_value());
    CHECK(msf->addr.msf.minute == 0);
    CHECK(msf->addr.msf.second == 2);
    CHECK(msf->addr.msf.frame == 0);
    in.addr_format = 0;
    CHECK(sr.multisession(in) == std::unexpected(EINVAL));
    CHECK((sr.capability() & CDC_MULTI_SESSION) != 0); // the drive answered session information
}

TEST_CASE("CDROMSUBCHNL: the drive's current position after a read, in LBA and MSF; CDROM_GET_MCN: none") {
    SrRig r;
    r.load(r.rom(64));
    r.settle();
    sr::SrDevice sr(r.drive, r.options());
    REQUIRE(sr.read_mode1(start_msf(17)).has_value());
    // READ SUB-CHANNEL, LBA, SubQ, current position, as the drive answers it (MMC-6 table 417).
    const auto raw = r.run(as_vector(scsi::cdb::read_subchannel(0x01, 16)), 16);
    REQUIRE(raw.size() == 16);

    cdrom_subchnl in{};
    in.cdsc_format = CDROM_LBA;
    const auto q = sr.subchannel(in);
    REQUIRE(q.has_value());
    CHECK(q->cdsc_format == CDROM_LBA);
    CHECK(q->cdsc_audiostatus == raw[1]);
    CHECK(q->cdsc_ctrl == (raw[5] & 0x0F));
    CHECK(q->cdsc_trk == raw[6]);
    CHECK(q->cdsc_ind == raw[7]);
    CHECK(q->cdsc_absaddr.lba == static_cast<int>(scsi::get_be32(raw, 8)));
    CHECK(q->cdsc_reladdr.lba == static_cast<int>(scsi::get_be32(raw, 12)));
    CHECK(q->cdsc_absaddr.lba >= 17);
    CHECK(q->cdsc_ctrl == 0x04); // a data track

    in.cdsc_format = CDROM_MSF;
    const auto m = sr.subchannel(in);
    REQUIRE(m.has_value());
    const auto want = msf_of(q->cdsc_absaddr.lba);
    CHECK(m->cdsc_absaddr.msf.minute == want.minute);
    CHECK(m->cdsc_absaddr.msf.second == want.second);
    CHECK(m->cdsc_absaddr.msf.frame == want.frame);
    in.cdsc_format = 3;
    CHECK(sr.subchannel(in) == std::unexpected(EINVAL));

    const auto mcn = sr.get_mcn();
    REQUIRE(mcn.has_value());
    CHECK(mcn->medium_catalog_number[0] == 0); // MCVAL 0: the drive reports no catalogue number
}

TEST_CASE("DVD_READ_STRUCT physical: layer 0 as the drive's READ DISC STRUCTURE describes it") {
    SrRig r;
    r.load("closed dvd+r");
    r.settle();
    sr::SrDevice sr(r.drive, r.options());
    // READ DISC STRUCTURE format 00h as the drive answers it (MMC-6 table 463).
    const auto raw = r.run(as_vector(scsi::cdb::read_disc_structure(0x00, 0x804)), 2052);
    REQUIRE(raw.size() >= 21);
    const auto body = std::span(raw).subspan(4);

    dvd_struct in{};
    in.type = DVD_STRUCT_PHYSICAL;
    const auto s = sr.dvd_read_struct(in);
    REQUIRE(s.has_value());
    const dvd_layer& l = s->physical.layer[0];
    CHECK(l.book_type == body[0] >> 4);
    CHECK(l.book_version == (body[0] & 0x0F));
    CHECK(l.book_type == 0xA); // DVD+R
    CHECK(l.disc_size == body[1] >> 4);
    CHECK(l.min_rate == (body[1] & 0x0F));
    CHECK(l.layer_type == (body[2] & 0x0F));
    CHECK(l.nlayers == ((body[2] >> 5) & 3));
    CHECK(l.linear_density == body[3] >> 4);
    CHECK(l.track_density == (body[3] & 0x0F));
    CHECK(l.start_sector == 0x030000);
    CHECK(l.end_sector == 0x030000 + media_type(MediaKind::DvdPlusR).capacity_blocks - 1);
    CHECK(l.end_sector_l0 == scsi::get_be24(body, 13));
    CHECK(l.bca == 0);

    in.physical.layer_num = 1; // a single-layer disc: 5/24/00
    CHECK(sr.dvd_read_struct(in) == std::unexpected(EIO));
    in.physical.layer_num = DVD_LAYERS;
    CHECK(sr.dvd_read_struct(in) == std::unexpected(EINVAL));

    dvd_struct copyright{};
    copyright.type = DVD_STRUCT_COPYRIGHT;
    const auto c = sr.dvd_read_struct(copyright);
    REQUIRE(c.has_value());
    CHECK(c->copyright.cpst == 0);
    dvd_struct bca{};
    bca.type = DVD_STRUCT_BCA;
    CHECK(sr.dvd_read_struct(bca) == std::unexpected(EIO)); // no BCA recorded
    dvd_struct other{};
    other.type = 9;
    CHECK(sr.dvd_read_struct(other) == std::unexpected(EINVAL));
}

TEST_CASE("CDROMREADMODE1 returns the block at that address, CDROMREADRAW its whole sector") {
    SrRig r;
    r.load(r.rom(40));
    r.settle();
    sr::SrDevice sr(r.drive, r.options());
    const auto image = pattern_blocks(40, 2048, 5);
    for (std::int64_t lba : {0, 17, 39}) {
        CAPTURE(lba);
        const auto block = sr.read_mode1(start_msf(lba));
        REQUIRE(block.has_value());
        REQUIRE(block->size() == 2048);
        CHECK(std::equal(block->begin(), block->end(), image.begin() + lba * 2048));
    }
    const auto raw = sr.read_raw(start_msf(17));
    REQUIRE(raw.has_value());
    REQUIRE(raw->size() == 2352);
    const std::array<std::uint8_t, 12> sync{0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0};
    CHECK(std::equal(sync.begin(), sync.end(), raw->begin()));
    const auto header = msf_of(17); // the header's address is BCD
    CHECK((*raw)[12] == ((header.minute / 10) << 4 | header.minute % 10));
    CHECK((*raw)[13] == ((header.second / 10) << 4 | header.second % 10));
    CHECK((*raw)[14] == ((header.frame / 10) << 4 | header.frame % 10));
    CHECK((*raw)[15] == 1); // Mode 1
    CHECK(std::equal(raw->begin() + 16, raw->begin() + 16 + 2048, image.begin() + 17 * 2048));

    cdrom_msf before{};
    before.cdmsf_sec0 = 1; // 00:01:00 is before LBA 0
    CHECK(sr.read_mode1(before) == std::unexpected(EINVAL));
    CHECK(sr.read_mode1(start_msf(40)) == std::unexpected(EIO)); // past the end
}

TEST_CASE("CDROMREADMODE1 of an audio track is EIO: the drive says ILLEGAL MODE FOR THIS TRACK") {
    SrRig r;
    r.load(r.audio_cd({50}));
    r.settle();
    sr::SrDevice sr(r.drive, r.options());
    CHECK(sr.read_mode1(start_msf(3)) == std::unexpected(EIO));
    const auto raw = sr.read_raw(start_msf(3)); // any sector type: the audio samples
    REQUIRE(raw.has_value());
    const auto samples = pattern_blocks(50, 2352, 1);
    CHECK(std::equal(raw->begin(), raw->end(), samples.begin() + 3 * 2352));
}

TEST_CASE("CDROM_LAST_WRITTEN and CDROM_NEXT_WRITABLE of a closed disc: its last recorded block") {
    SrRig r;
    r.load("closed dvd+r used=4096");
    r.settle();
    sr::SrDevice sr(r.drive, r.options());
    const Disc disc = r.disc();
    const Track& last = disc.tracks.back();
    const auto written = sr.last_written();
    REQUIRE(written.has_value());
    // READ TRACK INFORMATION of the last track as the drive answers it (MMC-6 table 530).
    const auto ti = r.run({0x52, 1, 0, 0, 0, static_cast<std::uint8_t>(last.number), 0, 0, 32, 0}, 32);
    REQUIRE(ti.size() >= 32);
    if ((ti[7] & 0x02) != 0)
        CHECK(*written == static_cast<long>(scsi::get_be32(ti, 28)));
    else
        CHECK(*written == static_cast<long>(scsi::get_be32(ti, 8) + scsi::get_be32(ti, 24)) -
                              (scsi::get_be32(ti, 16) != 0 ? scsi::get_be32(ti, 16) + 7 : 0));
    CHECK(*written >= static_cast<long>(last.start + last.recorded - 1));
    // A closed disc has no valid NWA: cdrom.c makes one up, 7 past the last written block.
    const auto next = sr.next_writable();
    REQUIRE(next.has_value());
    CHECK(*next == *written + 7);
}

TEST_CASE("CDROM_SEND_PACKET INQUIRY: the drive's answer in the buffer, the residual written back") {
    SrRig r;
    sr::SrDevice sr(r.drive, r.options());
    const std::array<std::uint8_t, 12> cdb{0x12, 0, 0, 0, 96, 0, 0, 0, 0, 0, 0, 0};
    const auto direct = r.run(as_vector(scsi::cdb::inquiry(96)), 96);
    REQUIRE(direct.size() >= 36);
    const auto res = sr.send_packet(cdb, CGC_DATA_READ, {}, 200);
    CHECK(res.error == 0);
    CHECK(res.stat == 0);
    CHECK(res.data_in == direct);
    CHECK(res.residual == 200 - direct.size());
    CHECK(res.sense.empty());
}

TEST_CASE("CDROM_SEND_PACKET of a failing command: EIO, and the sense in the caller's request_sense") {
    SrRig r;
    sr::SrDevice sr(r.drive, r.options());
    // READ(10) of one block with no disc in the drive: NOT READY, MEDIUM NOT PRESENT.
    const std::array<std::uint8_t, 12> read10{0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};
    const auto res = sr.send_packet(read10, CGC_DATA_READ, {}, 2048);
    CHECK(res.error == EIO);
    REQUIRE(res.sense.size() >= 14);
    CHECK((res.sense[0] & 0x7F) == 0x70);
    CHECK((res.sense[2] & 0x0F) == 0x02);
    CHECK(res.sense[12] == 0x3A);
    CHECK(res.data_in.empty());
}

TEST_CASE("CDROM_SEND_PACKET refusals: EPERM for a writing command on a read-only open, EINVAL without a direction") {
    SrRig r;
    sr::SrDevice user(r.drive, r.options());
    const std::array<std::uint8_t, 12> mode_select{0x55, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    CHECK(user.send_packet(mode_select, CGC_DATA_WRITE, {}, 0).error == EPERM);
    const std::array<std::uint8_t, 12> tur{};
    CHECK(user.send_packet(tur, CGC_DATA_NONE, {}, 8).error == EINVAL);
    CHECK(user.send_packet(tur, CGC_DATA_UNKNOWN, {}, 8).error == EINVAL);
    CHECK(user.send_packet(tur, 7, {}, 0).error == EINVAL);

    auto options = r.options();
    options.opened_for_write = true;
    sr::SrDevice writer(r.drive, options);
    // MODE SELECT(10) with an empty list reaches the drive now: it is the drive's answer that counts.
    CHECK(writer.send_packet(mode_select, CGC_DATA_WRITE, {}, 0).error != EPERM);
    CHECK(sr::SrDevice::command_allowed(0x43, false));
    CHECK_FALSE(sr::SrDevice::command_allowed(0xA1, false));
    CHECK(sr::SrDevice::command_allowed(0xA1, true));
    CHECK_FALSE(sr::SrDevice::command_allowed(0xFF, true)); // vendor specific: CAP_SYS_RAWIO only
}
