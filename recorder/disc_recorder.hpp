#pragma once
// IDiscRecorder2: one optical drive — identity, volumes, capabilities, exclusive access,
// media change notification, eject and close tray. Owns the transport; ex() is the
// IDiscRecorder2Ex of the same drive (IMAPI2's QueryInterface).
#include "recorder/disc_recorder_ex.hpp"
#include "recorder/transport/device_name.hpp"
#include "recorder/transport/scsi_transport.hpp"
#include "recorder/transport/syscalls.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace spindle::recorder {

// Where a device's system facts come from; without syscalls (emu:) there are none.
struct DeviceContext {
    Syscalls* syscalls = nullptr;
    std::string sysfs_root = "/sys";
    std::string mountinfo = "/proc/self/mountinfo";
};

// GET EVENT STATUS NOTIFICATION, media class (MMC-6 table 151).
struct MediaStatus {
    std::uint8_t event_code = 0; // 0 no change, 1 eject request, 2 new media, 3 removal ...
    bool media_present = false;
    bool tray_open = false;
};

class DiscRecorder {
public:
    // InitializeDiscRecorder: `name` is a device name (device_name.hpp). Reads INQUIRY.
    static Result<std::unique_ptr<DiscRecorder>> open(std::string_view name, const OpenOptions& options = {});
    static Result<std::unique_ptr<DiscRecorder>> attach(std::unique_ptr<ScsiTransport> transport,
                                                        DeviceContext context = {});

    DiscRecorderEx& ex() { return ex_; }
    ScsiTransport& transport() { return *transport_; }

    // get_ActiveDiscRecorder: the unique id it was initialised with.
    std::string active_disc_recorder() const { return transport_->device_name(); }
    const std::string& vendor_id() const { return descriptor_.vendor_id; }
    const std::string& product_id() const { return descriptor_.product_id; }
    const std::string& product_revision() const { return descriptor_.product_revision; }
    const DeviceDescriptor& device_descriptor() const { return descriptor_; }
    // get_VolumeName: the block device node ("/dev/sr0"); empty when there is none.
    std::string volume_name() const;
    // get_VolumePathNames: where the disc is mounted (/proc/self/mountinfo).
    std::vector<std::string> volume_path_names() const;
    // get_LegacyDeviceNumber: N of /dev/srN, -1 when unknown.
    int legacy_device_number() const;
    // get_DeviceCanLoadMedia: feature 0003h Load bit, else page 2Ah's loading mechanism.
    Result<bool> device_can_load_media();

    Result<std::vector<FeaturePageType>> supported_feature_pages() { return ex_.get_supported_feature_pages(false); }
    Result<std::vector<FeaturePageType>> current_feature_pages() { return ex_.get_supported_feature_pages(true); }
    Result<std::vector<ProfileType>> supported_profiles() { return ex_.get_supported_profiles(false); }
    Result<std::vector<ProfileType>> current_profiles() { return ex_.get_supported_profiles(true); }
    Result<std::vector<ModePageType>> supported_mode_pages() {
        return ex_.get_supported_mode_pages(ModePageRequestType::Current);
    }

    // Reference-counted, as IMAPI2's: the first acquire reopens the device with O_EXCL, the
    // last release reopens it shared. `client_name` must be printable ASCII, 1..255 chars
    // (E_IMAPI_RECORDER_CLIENT_NAME_IS_NOT_VALID). The first acquire unmounts the disc's file
    // systems (volume_path_names); one that stays mounted (busy) is E_IMAPI_RECORDER_LOCKED
    // unless `force`, which goes on regardless (and may still find an sr node busy).
    Result<void> acquire_exclusive_access(bool force, std::string_view client_name);
    Result<void> release_exclusive_access();
    int exclusive_access_count() const { return exclusive_count_; }
    // get_ExclusiveAccessOwner: our client name while we hold it; otherwise the other
    // processes that have the device open, as far as /proc tells.
    std::string exclusive_access_owner() { return transport_->exclusive_access_owner(); }

    // Media change notification: while enabled, poll_media_change() asks the drive (GESN,
    // polled, media class); while disabled it sends nothing and reports nullopt. This is the
    // recorder's own polling: the kernel's polling (events_poll_msecs) is left alone.
    void disable_mcn() { mcn_enabled_ = false; }
    void enable_mcn() { mcn_enabled_ = true; }
    bool mcn_enabled() const { return mcn_enabled_; }
    Result<std::optional<MediaStatus>> poll_media_change();

    // START STOP UNIT (MMC-6 table 499) with LoEj: after allowing removal (PREVENT ALLOW
    // MEDIUM REMOVAL, Prevent=0), as the eject button would.
    Result<void> eject_media();
    Result<void> close_tray();

private:
    DiscRecorder(std::unique_ptr<ScsiTransport> transport, DeviceContext context);
    // The block device behind this recorder ("sr0"), through sysfs for an sg node.
    std::optional<std::string> block_name() const;
    Result<void> dismount_volumes(bool force);

    std::unique_ptr<ScsiTransport> transport_;
    DeviceContext context_;
    DiscRecorderEx ex_;
    DeviceDescriptor descriptor_;
    int exclusive_count_ = 0;
    bool mcn_enabled_ = true;
};

} // namespace spindle::recorder
