// The sr device's probe, its command plumbing (scsi_execute, sr_do_ioctl,
// ioctl_internal_command, scsi_test_unit_ready) and the mechanism ioctls: drive status, media
// changed, tray, door lock, start and stop.
#include "emulator/targets/sr/sr_device.hpp"

#include "scsi/bytes.hpp"
#include "scsi/cdb_audio.hpp"
#include "scsi/cdb_configuration.hpp"
#include "scsi/cdb_mechanism.hpp"
#include "scsi/cdb_mode.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>

namespace spindle::sr {

namespace {

using scsi::SenseKey;

// drivers/scsi/sr.c, SR_CAPABILITIES: what sr offers before get_capabilities masks bits off.
constexpr int sr_capabilities = CDC_CLOSE_TRAY | CDC_OPEN_TRAY | CDC_LOCK | CDC_SELECT_SPEED | CDC_SELECT_DISC |
                                CDC_MULTI_SESSION | CDC_MCN | CDC_MEDIA_CHANGED | CDC_PLAY_AUDIO | CDC_RESET |
                                CDC_DRIVE_STATUS | CDC_CD_R | CDC_CD_RW | CDC_DVD | CDC_DVD_R | CDC_DVD_RAM |
                                CDC_GENERIC_PACKET | CDC_MRW | CDC_MRW_W | CDC_RAM;

// include/linux/blkdev.h, the disk events sr_check_events reports.
constexpr unsigned disk_event_media_change = 1u << 0;
constexpr unsigned disk_event_eject_request = 1u << 1;

// COMMAND_SIZE (include/scsi/scsi_common.h): the CDB length scsi_execute sends, by group.
std::size_t command_size(std::uint8_t opcode) { return scsi::linux_command_size(opcode); }

constexpr std::uint8_t check_condition = 0x02;

} // namespace

SrDevice::SrDevice(ServedDrive& drive, SrOptions options) : drive_(drive), options_(std::move(options)) {
    // scsi_scan's INQUIRY: byte 1 bit 7, RMB, is sdev->removable (and lockable with it).
    const Exec id = execute(scsi::cdb::inquiry(36), 36);
    if (id.good() && id.received >= 2) removable_ = lockable_ = (id.data[1] & 0x80) != 0;

    // get_capabilities: eat unit attentions, then scsi_mode_sense(dbd 0, page 2Ah, 128 bytes)
    // as MODE SENSE(6) (sr behind tcm_loop has no use_10_for_ms), retrying unit attentions.
    test_unit_ready();
    const auto mode_sense = scsi::cdb::mode_sense6(0x2A, scsi::cdb::PageControl::Current, 128, false);
    Exec ms;
    for (int retry_count = 3;;) {
        ms = execute(mode_sense, 128);
        if (ms.check() && ms.sense.key() == SenseKey::UnitAttention && retry_count-- > 0) continue;
        break;
    }
    ms.data.resize(512); // sr's transfer buffer; the page is read from it
    // SPC-4 table 453, the mode parameter header(6): mode data length, block descriptor length.
    const std::size_t length = std::size_t{ms.data[0]} + 1, header = 4 + std::size_t{ms.data[3]};
    if (!ms.good() || length > 128 || header > length) {
        // "scsi-1 drive": no capabilities page.
        mask_ |= CDC_CD_R | CDC_CD_RW | CDC_DVD_R | CDC_DVD | CDC_DVD_RAM | CDC_SELECT_DISC | CDC_SELECT_SPEED |
                 CDC_MRW | CDC_MRW_W | CDC_RAM;
        return;
    }
    // MMC-6 table 606 (page 2Ah): byte 2 read bits, byte 3 write bits, byte 6 loading mechanism.
    const auto page = std::span(ms.data).subspan(header);
    if ((page[6] >> 5) == 0) mask_ |= CDC_CLOSE_TRAY;  // caddy
    if ((page[2] & 0x08) == 0) mask_ |= CDC_DVD;       // DVD-ROM read
    if ((page[3] & 0x20) == 0) mask_ |= CDC_DVD_RAM;   // DVD-RAM write
    if ((page[3] & 0x10) == 0) mask_ |= CDC_DVD_R;     // DVD-R write
    if ((page[3] & 0x02) == 0) mask_ |= CDC_CD_RW;     // CD-RW write
    if ((page[3] & 0x01) == 0) mask_ |= CDC_CD_R;      // CD-R write
    if ((page[6] & 0x08) == 0) mask_ |= CDC_OPEN_TRAY; // eject
    mask_ |= CDC_SELECT_DISC;                          // one slot (a changer's MECHANISM STATUS is not modelled)
}

int SrDevice::capability() const { return sr_capabilities & ~mask_; }

SrDevice::Exec SrDevice::execute(std::span<const std::uint8_t> cdb, std::size_t in_length,
                                 std::span<const std::uint8_t> out) {
    Exec e;
    e.data.assign(in_length, 0);
    const Completion c = drive_.execute(Command{cdb, out, e.data});
    if (c.delivery == Delivery::DeviceGone) {
        e.error = ENODEV;
    } else if (c.delivery == Delivery::Never) {
        e.error = EIO;
    } else {
        e.status = static_cast<std::uint8_t>(c.status);
        e.sense = c.sense;
        // Behind tcm_loop a command ending in CHECK CONDITION moves no data.
        if (e.status == check_condition)
            std::ranges::fill(e.data, std::uint8_t{0});
        else
            e.received = std::min(c.data_in_length, in_length);
    }
    return e;
}

int SrDevice::do_ioctl(const Cdb& cdb, std::size_t in_length, Exec& last, std::span<const std::uint8_t> out) {
    const auto sent = std::span(cdb).first(command_size(cdb[0]));
    for (int retries = 0;;) {
        last = execute(sent, in_length, out);
        if (last.error != 0) return last.error;
        // sr_do_ioctl looks at CHECK CONDITION only; another status passes as success.
        if (!last.check()) return 0;
        switch (last.sense.key()) {
        case SenseKey::UnitAttention:
            changed_ = true;
            if (retries++ < 10) continue;
            return ENOMEDIUM;
        case SenseKey::NotReady:
            if (last.sense.asc() == 0x04 && last.sense.ascq() == 0x01 && retries++ < 10) {
                if (options_.wait) options_.wait(std::chrono::seconds(2));
                continue;
            }
            return ENOMEDIUM;
        case SenseKey::IllegalRequest:
            return last.sense.asc() == 0x20 && last.sense.ascq() == 0x00 ? EDRIVE_CANT_DO_THIS : EIO;
        default: return EIO;
        }
    }
}

IoctlResult SrDevice::internal_command(const Cdb& cdb) {
    const Exec e = execute(std::span(cdb).first(6), 0);
    if (e.error != 0) return std::unexpected(e.error);
    int result = e.status;
    if (e.check()) {
        switch (e.sense.key()) {
        case SenseKey::IllegalRequest:
            if (cdb[0] == static_cast<std::uint8_t>(scsi::Opcode::PreventAllowMediumRemoval))
                lockable_ = false; // ALLOW_MEDIUM_REMOVAL refused: never again
            break;
        case SenseKey::NotReady:
            if (removable_) break;
            [[fallthrough]];
        case SenseKey::UnitAttention:
            if (removable_) {
                changed_ = true;
                result = 0; // "no longer considered an error"
            }
            break;
        default: break;
        }
    }
    return result;
}

SrDevice::Exec SrDevice::test_unit_ready() {
    const auto tur = scsi::cdb::test_unit_ready();
    Exec e;
    int retries = 3;
    do {
        e = execute(tur, 0);
        if (removable_ && e.check() && e.sense.key() == SenseKey::UnitAttention) changed_ = true;
    } while (e.check() && e.sense.key() == SenseKey::UnitAttention && --retries > 0);
    return e;
}

int SrDevice::drive_status(int /*slot*/) {
    // cdrom_ioctl_drive_status: without CDC_SELECT_DISC every slot argument means the current one.
    const Exec tur = test_unit_ready();
    if (tur.good()) return CDS_DISC_OK;
    if (tur.sense_is(SenseKey::NotReady, 0x04, 0x01)) return CDS_DRIVE_NOT_READY;

    // cdrom_get_media_event: GET EVENT STATUS NOTIFICATION, polled, media class, 8 bytes.
    // MMC-6 table 137 (event header) and 153 (media status descriptor).
    const Cdb gesn = packet(scsi::cdb::get_event_status_notification(scsi::cdb::event_class::media, 8));
    Exec ev;
    if (do_ioctl(gesn, 8, ev) == 0 && scsi::get_be16(ev.data, 0) >= 4 && (ev.data[2] & 0x80) == 0 &&
        (ev.data[2] & 0x07) == 4) {
        if (ev.data[5] & 0x02) return CDS_DISC_OK;   // media present
        if (ev.data[5] & 0x01) return CDS_TRAY_OPEN; // door open
        return CDS_NO_DISC;
    }
    if (tur.sense_is(SenseKey::NotReady, 0x04, 0x02)) return CDS_TRAY_OPEN; // initialization required
    if (tur.check() && tur.sense.key() == SenseKey::NotReady && tur.sense.asc() == 0x04) return CDS_DISC_OK;
    if (tur.check() && tur.sense.asc() == 0x3A) return CDS_NO_DISC;
    return CDS_TRAY_OPEN;
}

unsigned SrDevice::get_events() {
    const Exec e = execute(scsi::cdb::get_event_status_notification(scsi::cdb::event_class::media, 8), 8);
    if (e.check() && e.sense.key() == SenseKey::UnitAttention) return disk_event_media_change;
    if (!e.good() || scsi::get_be16(e.data, 0) < 4) return 0;
    if ((e.data[2] & 0x80) != 0 || (e.data[2] & 0x07) != 4) return 0;
    switch (e.data[4] & 0x0F) { // media event code, MMC-6 table 154
    case 1: return disk_event_eject_request;
    case 2:                                 // new media
    case 3: return disk_event_media_change; // media removal
    default: return 0;
    }
}

unsigned SrDevice::check_events(unsigned clearing) {
    unsigned events = get_events();
    get_event_changed_ = get_event_changed_ || (events & disk_event_media_change) != 0;
    if (ignore_get_event_) {
        events &= ~disk_event_media_change;
    } else {
        if (changed_) {
            events |= disk_event_media_change;
            changed_ = false;
            tur_changed_ = true;
        }
        if ((clearing & disk_event_media_change) == 0) return events;
    }
    // Clearing DISK_EVENT_MEDIA_CHANGE: TEST UNIT READY decides media presence.
    const bool last_present = media_present_;
    const Exec tur = test_unit_ready();
    media_present_ = tur.good() || (tur.check() && tur.sense.asc() != 0x3A);
    if (last_present != media_present_) changed_ = true;
    if (changed_) {
        events |= disk_event_media_change;
        changed_ = false;
        tur_changed_ = true;
    }
    if (ignore_get_event_) return events;
    // GET EVENT and TEST UNIT READY disagreeing again and again: trust TEST UNIT READY only.
    if (!tur_changed_) {
        if (get_event_changed_) {
            if (tur_mismatch_++ > 8) ignore_get_event_ = true;
        } else {
            tur_mismatch_ = 0;
        }
    }
    tur_changed_ = false;
    get_event_changed_ = false;
    return events;
}

int SrDevice::media_changed(long /*arg*/) {
    // cdrom_ioctl_media_changed -> media_changed(cdi, 1): cdrom_update_events buffers the events
    // for the ioctl path; the ioctl reports and clears them. (mc_flags: only CDROM_SELECT_DISC.)
    ioctl_events_ |= check_events(disk_event_media_change);
    const bool changed = (ioctl_events_ & disk_event_media_change) != 0;
    ioctl_events_ = 0;
    return changed ? 1 : 0;
}

void SrDevice::poll_events() { ioctl_events_ |= check_events(0); }

IoctlResult SrDevice::eject() { return internal_command(packet(scsi::cdb::eject())); }

IoctlResult SrDevice::close_tray() { return internal_command(packet(scsi::cdb::load())); }

IoctlResult SrDevice::lock_door(bool lock) {
    if (!can(CDC_LOCK)) return std::unexpected(EDRIVE_CANT_DO_THIS);
    keeplocked_ = lock;
    // scsi_set_medium_removal: nothing is sent for a drive that cannot lock.
    if (!removable_ || !lockable_) return 0;
    const IoctlResult r = internal_command(packet(scsi::cdb::prevent_allow_medium_removal(lock)));
    if (r && *r == 0) locked_ = lock;
    return r;
}

std::expected<void, int> SrDevice::start_stop(bool start) {
    const Cdb cdb = packet(scsi::cdb::start_stop_unit(false, start, true));
    Exec e;
    if (const int err = do_ioctl(cdb, 0, e); err != 0) return std::unexpected(err);
    return {};
}

std::expected<void, int> SrDevice::play_msf(const cdrom_msf& msf) {
    Exec e;
    if (const int err = do_ioctl(packet(scsi::cdb::play_audio_msf({msf.cdmsf_min0, msf.cdmsf_sec0, msf.cdmsf_frame0},
                                                                  {msf.cdmsf_min1, msf.cdmsf_sec1, msf.cdmsf_frame1})),
                                 0, e);
        err != 0)
        return std::unexpected(err);
    return {};
}

std::expected<void, int> SrDevice::play_blk(const cdrom_blk& blk) {
    Exec e;
    if (const int err = do_ioctl(packet(scsi::cdb::play_audio10(blk.from, blk.len)), 0, e); err != 0)
        return std::unexpected(err);
    return {};
}

std::expected<void, int> SrDevice::pause_resume(bool resume) {
    Exec e;
    if (const int err = do_ioctl(packet(scsi::cdb::pause_resume(resume)), 0, e); err != 0) return std::unexpected(err);
    return {};
}

} // namespace spindle::sr
