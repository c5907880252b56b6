#pragma once
// The Linux sr/cdrom driver's ioctls, answered by a served drive without a kernel: each ioctl
// becomes the MMC commands Linux 6.1 sends for it (drivers/scsi/sr.c, sr_ioctl.c, sr_vendor.c,
// drivers/cdrom/cdrom.c, drivers/scsi/scsi_ioctl.c) and its answer is shaped as the kernel
// shapes it: the ioctl's return value or errno, the <linux/cdrom.h> struct filled. Pure: no
// device node and no threads; mmc-emu exec's ioctl handler calls it.
//
// Routing facts of 6.1 the API keeps: sr_block_ioctl hands CDROMEJECT and CDROMCLOSETRAY to
// scsi_ioctl (a bare START STOP UNIT), never to cdrom.c, so a locked door does not make them
// EBUSY: the drive refuses and the ioctl returns the SCSI status (2), not an error.
// CDROM_SEND_PACKET also reaches scsi_ioctl (scsi_cdrom_send_packet). The rest is cdrom.c.
//
// Not modelled: open and release (cdrom_open's tray closing, door locking and track counting;
// one opener is assumed, so CDROM_LOCKDOOR never answers EBUSY), changers (slot arguments are
// ignored, as for any drive with one slot), the SCSI error handler (a command the drive never
// answers ends the ioctl with EIO, a vanished device with ENODEV), sr_disk_status's reads in
// sr_cd_check (they only matter with the xa_test module parameter, off by default).
#include "emulator/targets/served_drive.hpp"
#include "scsi/cdb.hpp"
#include "scsi/sense.hpp"

#include <linux/cdrom.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <functional>
#include <span>
#include <vector>

namespace spindle::sr {

// An ioctl's outcome: its non-negative return value, or the errno it fails with.
using IoctlResult = std::expected<int, int>;

struct SrOptions {
    // sr_do_ioctl sleeps 2 s before each retry of a drive becoming ready (ten at most): how
    // that time passes (a test advances its VirtualClock, a real-time target sleeps). Empty:
    // the retries follow at once.
    std::function<void(Duration)> wait;
    // scsi_cmd_allowed, for CDROM_SEND_PACKET: with CAP_SYS_RAWIO every command passes;
    // without it the read-safe ones do, and the writing ones only on a descriptor opened for
    // writing. The default is an ordinary user's O_RDONLY open.
    bool cap_sys_rawio = false;
    bool opened_for_write = false;
};

// One sr device's state as the kernel keeps it between ioctls: the capability mask read at
// probe, the media-changed latch (sr_check_events), the door lock, the multisession offset.
class SrDevice {
public:
    // Probes as sr_probe does: INQUIRY (removable), then get_capabilities (TEST UNIT READY to
    // eat unit attentions, MODE SENSE(6) page 2Ah). The first CDROM_MEDIA_CHANGED reports 1.
    explicit SrDevice(ServedDrive& drive, SrOptions options = {});

    // CDROM_GET_CAPABILITY: the CDC_* mask (cdrom_ioctl_get_capability).
    int capability() const;
    // CDROM_DRIVE_STATUS: CDS_DISC_OK, CDS_DRIVE_NOT_READY, CDS_TRAY_OPEN or CDS_NO_DISC
    // (sr_drive_status; `slot` is ignored on a drive with one slot).
    int drive_status(int slot = CDSL_CURRENT);
    // CDROM_DISC_STATUS: CDS_AUDIO, CDS_DATA_1, CDS_MIXED, CDS_NO_DISC or CDS_NO_INFO; never
    // an errno (cdrom_ioctl_disc_status over cdrom_count_tracks).
    int disc_status();
    // CDROM_MEDIA_CHANGED: 1 once after a change, then 0 (media_changed over sr_check_events).
    // Each call takes one event from the drive's queue (a tray opened and closed on a new disc
    // queues two) unless poll_events has gathered them.
    int media_changed(long arg = CDSL_CURRENT);
    // The block layer's event poll (disk_check_events; Debian's udev sets events_dfl_poll_msecs
    // to 2000 ms): sr_check_events without clearing, its events kept for CDROM_MEDIA_CHANGED.
    void poll_events();
    // CDROMREADTOCHDR (sr_read_tochdr).
    std::expected<cdrom_tochdr, int> read_toc_header();
    // CDROMREADTOCENTRY: cdte_track (CDROM_LEADOUT too) and cdte_format (CDROM_LBA or
    // CDROM_MSF; else EINVAL) in (cdrom_read_tocentry over sr_read_tocentry).
    std::expected<cdrom_tocentry, int> read_toc_entry(cdrom_tocentry in);
    // CDROMMULTISESSION: addr_format in (cdrom_multisession over sr_get_last_session, the
    // offset refreshed as sr_revalidate_disk does: TEST UNIT READY, then sr_cd_check).
    std::expected<cdrom_multisession, int> multisession(cdrom_multisession in);
    // CDROM_GET_MCN (sr_get_mcn).
    std::expected<cdrom_mcn, int> get_mcn();
    // CDROMSUBCHNL: cdsc_format in (mmc_ioctl_cdrom_subchannel).
    std::expected<cdrom_subchnl, int> subchannel(cdrom_subchnl in);
    // CDROMEJECT and CDROMCLOSETRAY (scsi_send_start_stop): 0, or the SCSI status byte of a
    // drive's refusal (ioctl_internal_command), e.g. 2 while removal is prevented.
    IoctlResult eject();
    IoctlResult close_tray();
    // CDROM_LOCKDOOR (cdrom_ioctl_lock_door, scsi_set_medium_removal): 0 or a SCSI status.
    IoctlResult lock_door(bool lock);
    // CDROMSTART / CDROMSTOP (mmc_ioctl_cdrom_start_stop).
    std::expected<void, int> start_stop(bool start);
    // CDROMPLAYMSF (PLAY AUDIO MSF), CDROMPLAYBLK (PLAY AUDIO(10)) and CDROMPAUSE / CDROMRESUME
    // (PAUSE/RESUME): sr_audio_ioctl and mmc_ioctl_cdrom_play_msf / _play_blk / _pause_resume.
    std::expected<void, int> play_msf(const cdrom_msf& msf);
    std::expected<void, int> play_blk(const cdrom_blk& blk);
    std::expected<void, int> pause_resume(bool resume);
    // DVD_READ_STRUCT: DVD_STRUCT_PHYSICAL, _COPYRIGHT, _DISCKEY, _BCA, _MANUFACT (dvd_read_struct).
    std::expected<dvd_struct, int> dvd_read_struct(const dvd_struct& in);
    // CDROMREADMODE1 (2048 bytes, READ CD of a Mode 1 sector) and CDROMREADRAW (2352 bytes)
    // at the MSF start address (mmc_ioctl_cdrom_read_data).
    std::expected<std::vector<std::uint8_t>, int> read_mode1(cdrom_msf msf);
    std::expected<std::vector<std::uint8_t>, int> read_raw(cdrom_msf msf);
    // CDROM_LAST_WRITTEN and CDROM_NEXT_WRITABLE (cdrom_get_last_written, cdrom_get_next_writable).
    std::expected<long, int> last_written();
    std::expected<long, int> next_writable();

    // CDROM_SEND_PACKET (scsi_cdrom_send_packet over sg_io): `cdb` runs as given, 12 bytes;
    // data_direction is a CGC_DATA_* value, `buflen` the caller's buffer (data_out is sent for
    // CGC_DATA_WRITE, zero-padded to buflen). sg_io's limit on the transfer length (the
    // queue's max_hw_sectors) is not checked.
    struct PacketResult {
        int error = 0;                     // 0, or the errno: EIO for any status but GOOD, EINVAL, EPERM
        int stat = 0;                      // cdrom_generic_command.stat as written back (only when error is 0)
        std::size_t residual = 0;          // cdrom_generic_command.buflen as written back: sg_io's resid
        std::vector<std::uint8_t> sense;   // the caller's struct request_sense, when it gave one
        std::vector<std::uint8_t> data_in; // what reached the caller's buffer
    };
    PacketResult send_packet(std::span<const std::uint8_t, CDROM_PACKET_SIZE> cdb, int data_direction,
                             std::span<const std::uint8_t> data_out, std::size_t buflen);

    // What scsi_cmd_allowed lets through without CAP_SYS_RAWIO.
    static bool command_allowed(std::uint8_t opcode, bool opened_for_write);

private:
    using Cdb = std::array<std::uint8_t, CDROM_PACKET_SIZE>;
    // A scsi::cdb builder's CDB in the packet cdrom.c passes around.
    template <std::size_t N>
    static Cdb packet(const scsi::CdbBytes<N>& cdb) {
        static_assert(N <= CDROM_PACKET_SIZE);
        Cdb p{};
        std::copy(cdb.begin(), cdb.end(), p.begin());
        return p;
    }

    // One command as scsi_execute returns it: the status (or a delivery failure), the sense,
    // the data-in buffer as long as asked (zero-filled, the drive's bytes over it).
    struct Exec {
        int error = 0;           // ENODEV, EIO: no SCSI status came back
        std::uint8_t status = 0; // SAM status byte
        scsi::SenseData sense;   // meaningful when check()
        std::size_t received = 0;
        std::vector<std::uint8_t> data;
        bool good() const { return error == 0 && status == 0; }
        bool check() const { return error == 0 && status == 0x02; }
        bool sense_is(scsi::SenseKey key, std::uint8_t asc, std::uint8_t ascq) const {
            return check() && sense.key() == key && sense.asc() == asc && sense.ascq() == ascq;
        }
    };

    Exec execute(std::span<const std::uint8_t> cdb, std::size_t in_length, std::span<const std::uint8_t> out = {});
    // sr_do_ioctl: 0 or an errno; `last` keeps the last attempt (buffer, sense).
    int do_ioctl(const Cdb& cdb, std::size_t in_length, Exec& last, std::span<const std::uint8_t> out = {});
    // ioctl_internal_command: the SCSI status, 0 for a unit attention (sdev->changed set).
    IoctlResult internal_command(const Cdb& cdb);
    // scsi_test_unit_ready: up to three tries while the drive reports unit attentions.
    Exec test_unit_ready();
    unsigned check_events(unsigned clearing);                                             // sr_check_events
    unsigned get_events();                                                                // sr_get_events
    void refresh_multisession();                                                          // sr_cd_check, VENDOR_SCSI3
    std::expected<cdrom_tocentry, int> tocentry(std::uint8_t track, std::uint8_t format); // sr_read_tocentry
    int disc_info(std::vector<std::uint8_t>& di);                                         // cdrom_get_disc_info
    int track_info(std::uint16_t track, std::vector<std::uint8_t>& ti);                   // cdrom_get_track_info
    std::expected<std::vector<std::uint8_t>, int> read_data(cdrom_msf msf, int blocksize, int format);
    bool can(int cdc) const { return (capability() & cdc) != 0; }

    ServedDrive& drive_;
    SrOptions options_;
    int mask_ = 0;          // cdi->mask: capabilities sr took away at probe (or sr_cd_check)
    bool removable_ = true; // sdev->removable (INQUIRY RMB)
    bool lockable_ = true;  // sdev->lockable: cleared when PREVENT ALLOW is refused
    bool locked_ = false;   // sdev->locked
    bool keeplocked_ = false;
    bool changed_ = true; // sdev->changed: sr_probe sets it to force a recheck
    bool media_present_ = true;
    unsigned ioctl_events_ = 0; // cdi->ioctl_events
    bool tur_changed_ = false, get_event_changed_ = false, ignore_get_event_ = false;
    int tur_mismatch_ = 0;
    long ms_offset_ = 0; // cd->ms_offset
};

} // namespace spindle::sr
