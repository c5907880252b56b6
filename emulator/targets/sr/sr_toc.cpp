// The table of contents and what cdrom.c derives from it: TOC header and entries, disc
// status, the multisession offset, the media catalogue number, the Q sub-channel, and the
// last written and next writable blocks.
#include "emulator/targets/sr/sr_device.hpp"

#include "scsi/bytes.hpp"
#include "scsi/cdb_read.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace spindle::sr {

namespace {

// cdrom.c sanitize_format: between LBA and MSF, the 2-second (150-block) offset included.
void sanitize_format(cdrom_addr& addr, std::uint8_t& current, std::uint8_t requested) {
    if (current == requested) return;
    if (requested == CDROM_LBA) {
        addr.lba = int{addr.msf.frame} + 75 * (int{addr.msf.second} - 2 + 60 * int{addr.msf.minute});
    } else {
        int lba = addr.lba;
        addr.msf.frame = static_cast<std::uint8_t>(lba % 75);
        lba /= 75;
        lba += 2;
        addr.msf.second = static_cast<std::uint8_t>(lba % 60);
        addr.msf.minute = static_cast<std::uint8_t>(lba / 60);
    }
    current = requested;
}

bool valid_format(std::uint8_t f) { return f == CDROM_MSF || f == CDROM_LBA; }

int be32_int(std::span<const std::uint8_t> b, std::size_t at) { return static_cast<int>(scsi::get_be32(b, at)); }

// Offsets in <linux/cdrom.h> disc_information and track_information (MMC-6 tables 508, 530).
constexpr int di_last_track_lsb = 6, di_last_track_msb = 11;
constexpr int ti_track_start = 8, ti_next_writable = 12, ti_free_blocks = 16, ti_track_size = 24, ti_last_recorded = 28;

} // namespace

std::expected<cdrom_tochdr, int> SrDevice::read_toc_header() {
    // sr_read_tochdr: READ TOC/PMA/ATIP format 0, 12 bytes (MMC-6 table 478: header, first entry).
    const Cdb cdb = packet(scsi::cdb::read_toc(scsi::cdb::toc_format::toc, 0, 12));
    Exec e;
    if (const int err = do_ioctl(cdb, 12, e); err != 0) return std::unexpected(err);
    cdrom_tochdr h{};
    h.cdth_trk0 = e.data[2];
    h.cdth_trk1 = e.data[3];
    return h;
}

std::expected<cdrom_tocentry, int> SrDevice::tocentry(std::uint8_t track, std::uint8_t format) {
    // sr_read_tocentry: the first descriptor of READ TOC format 0 from `track` (MMC-6 table 479).
    const Cdb cdb = packet(scsi::cdb::read_toc(scsi::cdb::toc_format::toc, track, 12, format == CDROM_MSF));
    Exec e;
    if (const int err = do_ioctl(cdb, 12, e); err != 0) return std::unexpected(err);
    cdrom_tocentry t{};
    t.cdte_track = track;
    t.cdte_format = format;
    t.cdte_ctrl = e.data[5] & 0x0F;
    t.cdte_adr = (e.data[5] >> 4) & 0x0F;
    t.cdte_datamode = (t.cdte_ctrl & 0x04) != 0 ? 1 : 0;
    if (format == CDROM_MSF) {
        t.cdte_addr.msf.minute = e.data[9];
        t.cdte_addr.msf.second = e.data[10];
        t.cdte_addr.msf.frame = e.data[11];
    } else {
        t.cdte_addr.lba = be32_int(e.data, 8);
    }
    return t;
}

std::expected<cdrom_tocentry, int> SrDevice::read_toc_entry(cdrom_tocentry in) {
    // cdrom_read_tocentry: the low-level driver is always asked for MSF.
    const std::uint8_t requested = in.cdte_format;
    if (!valid_format(requested)) return std::unexpected(EINVAL);
    auto t = tocentry(in.cdte_track, CDROM_MSF);
    if (!t) return t;
    sanitize_format(t->cdte_addr, t->cdte_format, requested);
    return t;
}

int SrDevice::disc_status() {
    // cdrom_count_tracks, then cdrom_ioctl_disc_status's policy. The entries are read in MSF and
    // sr leaves cdte_format so, hence a data track never counts as CD-i or XA.
    if (!can(CDC_PLAY_AUDIO)) return CDS_NO_INFO;
    const auto header = read_toc_header();
    if (!header) return header.error() == ENOMEDIUM ? CDS_NO_DISC : CDS_NO_INFO;
    int audio = 0, data = 0;
    for (int i = header->cdth_trk0; i <= header->cdth_trk1; ++i) {
        const auto t = tocentry(static_cast<std::uint8_t>(i), CDROM_MSF);
        if (!t) return CDS_NO_INFO;
        if (t->cdte_ctrl & CDROM_DATA_TRACK)
            ++data;
        else
            ++audio;
    }
    if (audio > 0) return data == 0 ? CDS_AUDIO : CDS_MIXED;
    if (data > 0) return CDS_DATA_1;
    return CDS_NO_INFO;
}

void SrDevice::refresh_multisession() {
    // sr_revalidate_disk: nothing more while the unit is not ready; then sr_cd_check.
    if (!test_unit_ready().good()) return;
    if (mask_ & CDC_MULTI_SESSION) return;
    // VENDOR_SCSI3: READ TOC, format 1 in the control byte (SFF-8020), 12 bytes (MMC-6 table 480).
    Cdb cdb = packet(scsi::cdb::read_toc(scsi::cdb::toc_format::toc, 0, 12));
    scsi::put_bits(cdb, 9, 6, 2, scsi::cdb::toc_format::session_info); // ReadTocCdb::legacy_format
    Exec e;
    long sector = 0;
    if (do_ioctl(cdb, 12, e) == 0) {
        if (scsi::get_be16(e.data, 0) < 0x0a) {
            mask_ |= CDC_MULTI_SESSION; // "seems the drive doesn't support multisession CD's"
        } else {
            sector = static_cast<long>(scsi::get_be32(e.data, 8));
            if (e.data[6] <= 1) sector = 0; // ignore the offset of the first track
        }
    }
    ms_offset_ = sector;
}

std::expected<cdrom_multisession, int> SrDevice::multisession(cdrom_multisession in) {
    const std::uint8_t requested = in.addr_format;
    if (!valid_format(requested)) return std::unexpected(EINVAL);
    refresh_multisession();
    // sr_get_last_session; xa_flag also needs sr_is_xa, which is off (xa_test 0).
    cdrom_multisession out = in;
    out.addr_format = CDROM_LBA;
    out.addr.lba = static_cast<int>(ms_offset_);
    out.xa_flag = ms_offset_ > 0 ? 1 : 0;
    sanitize_format(out.addr, out.addr_format, requested);
    return out;
}

std::expected<cdrom_mcn, int> SrDevice::get_mcn() {
    // sr_get_mcn: READ SUB-CHANNEL, SubQ, format 02h, 24 bytes (MMC-6 table 419: MCN at byte 9).
    const Cdb cdb = packet(scsi::cdb::read_subchannel(0x02, 24));
    Exec e;
    if (const int err = do_ioctl(cdb, 24, e); err != 0) return std::unexpected(err);
    cdrom_mcn mcn{};
    std::copy_n(e.data.begin() + 9, 13, mcn.medium_catalog_number);
    mcn.medium_catalog_number[13] = 0;
    return mcn;
}

std::expected<cdrom_subchnl, int> SrDevice::subchannel(cdrom_subchnl in) {
    // mmc_ioctl_cdrom_subchannel over cdrom_read_subchannel: byte 1 is cdsc_format as given
    // (CDROM_MSF is the MSF bit), SubQ, format 01h, 16 bytes (MMC-6 table 417).
    const std::uint8_t requested = in.cdsc_format;
    if (!valid_format(requested)) return std::unexpected(EINVAL);
    Cdb cdb = packet(scsi::cdb::read_subchannel(0x01, 16));
    cdb[1] = requested;
    Exec e;
    if (const int err = do_ioctl(cdb, 16, e); err != 0) return std::unexpected(err);
    cdrom_subchnl q = in;
    q.cdsc_audiostatus = e.data[1];
    q.cdsc_ctrl = e.data[5] & 0x0F;
    q.cdsc_trk = e.data[6];
    q.cdsc_ind = e.data[7];
    if (requested == CDROM_LBA) {
        q.cdsc_absaddr.lba = be32_int(e.data, 8);
        q.cdsc_reladdr.lba = be32_int(e.data, 12);
    } else {
        q.cdsc_reladdr.msf = {e.data[13], e.data[14], e.data[15]};
        q.cdsc_absaddr.msf = {e.data[9], e.data[10], e.data[11]};
    }
    return q;
}

int SrDevice::disc_info(std::vector<std::uint8_t>& di) {
    // cdrom_get_disc_info: READ DISC INFORMATION for 2 bytes, then for the length the drive has
    // (at most the struct). Returns the size filled, or -errno.
    di.assign(sizeof(disc_information), 0);
    Cdb cdb = packet(scsi::cdb::read_disc_information(2));
    Exec e;
    if (const int err = do_ioctl(cdb, 2, e); err != 0) return -err;
    std::copy(e.data.begin(), e.data.end(), di.begin());
    const std::size_t length = std::min<std::size_t>(scsi::get_be16(di, 0) + 2u, sizeof(disc_information));
    cdb = packet(scsi::cdb::read_disc_information(static_cast<std::uint16_t>(length)));
    if (const int err = do_ioctl(cdb, length, e); err != 0) return -err;
    std::copy(e.data.begin(), e.data.end(), di.begin());
    return static_cast<int>(length);
}

int SrDevice::track_info(std::uint16_t track, std::vector<std::uint8_t>& ti) {
    // cdrom_get_track_info: READ TRACK INFORMATION by track number, 8 bytes, then the length
    // the drive has (at most the struct). Returns the size filled, or -errno.
    ti.resize(sizeof(track_information));
    std::fill_n(ti.begin(), 8, std::uint8_t{0});
    Cdb cdb = packet(scsi::cdb::read_track_information(scsi::cdb::track_address::track, track, 8));
    Exec e;
    if (const int err = do_ioctl(cdb, 8, e); err != 0) return -err;
    std::copy(e.data.begin(), e.data.end(), ti.begin());
    const std::size_t length = std::min<std::size_t>(scsi::get_be16(ti, 0) + 2u, sizeof(track_information));
    cdb = packet(
        scsi::cdb::read_track_information(scsi::cdb::track_address::track, track, static_cast<std::uint16_t>(length)));
    if (const int err = do_ioctl(cdb, length, e); err != 0) return -err;
    std::copy(e.data.begin(), e.data.end(), ti.begin());
    return static_cast<int>(length);
}

std::expected<long, int> SrDevice::last_written() {
    // cdrom_get_last_written: the last track's last recorded address, or its end made up from
    // start, size and free blocks; failing that, the lead-out from the TOC.
    std::vector<std::uint8_t> di, ti;
    if (disc_info(di) >= di_last_track_lsb + 1) {
        auto last_track = static_cast<std::uint16_t>(di[di_last_track_msb] << 8 | di[di_last_track_lsb]);
        int ti_size = track_info(last_track, ti);
        bool usable = ti_size >= ti_track_start;
        if (usable && (ti[6] & 0x40) != 0) { // blank: try the previous track
            usable = last_track != 1;
            if (usable) ti_size = track_info(--last_track, ti);
        }
        if (usable && ti_size >= ti_track_size + 4) {
            if ((ti[7] & 0x02) != 0 && ti_size >= ti_last_recorded + 4) return be32_int(ti, ti_last_recorded);
            long last = long{be32_int(ti, ti_track_start)} + be32_int(ti, ti_track_size);
            if (const long free = be32_int(ti, ti_free_blocks); free != 0) last -= free + 7;
            return last;
        }
    }
    if (!can(CDC_PLAY_AUDIO)) return std::unexpected(ENOSYS);
    auto t = tocentry(CDROM_LEADOUT, CDROM_MSF);
    if (!t) return std::unexpected(t.error());
    sanitize_format(t->cdte_addr, t->cdte_format, CDROM_LBA);
    return t->cdte_addr.lba;
}

std::expected<long, int> SrDevice::next_writable() {
    // cdrom_get_next_writable: the last (or, when blank, the previous) track's NWA when valid,
    // else the last written block + 7.
    std::vector<std::uint8_t> di, ti;
    if (disc_info(di) >= di_last_track_lsb + 1) {
        auto last_track = static_cast<std::uint16_t>(di[di_last_track_msb] << 8 | di[di_last_track_lsb]);
        int ti_size = track_info(last_track, ti);
        bool usable = ti_size >= ti_track_start;
        if (usable && (ti[6] & 0x40) != 0) {
            usable = last_track != 1;
            if (usable) ti_size = track_info(--last_track, ti);
            usable = usable && ti_size >= 0;
        }
        if (usable && (ti[7] & 0x01) != 0 && ti_size >= ti_next_writable + 4) return be32_int(ti, ti_next_writable);
    }
    const auto last = last_written();
    if (!last) return last;
    return *last + 7;
}

} // namespace spindle::sr
