// IDiscRecorder2 end to end against the emulated drive.
#include "rig.hpp"

using namespace spindle::test;

namespace {
// Media events the drive holds for the host: a GESN poll would consume one.
std::size_t pending_media_events(Rig& rig) { return rig.device->drive().state().events.media.size(); }
} // namespace

TEST_CASE("InitializeDiscRecorder reads vendor, product and revision from INQUIRY") {
    Rig rig;
    CHECK(rig.recorder->vendor_id() == rig.profile().identity.vendor);
    CHECK(rig.recorder->product_id() == rig.profile().identity.product);
    CHECK(rig.recorder->product_revision() == rig.profile().identity.revision);
    CHECK(rig.recorder->active_disc_recorder() == "emu:");
}

TEST_CASE("an emulated drive has no volume, no mount points and no legacy device number") {
    Rig rig;
    CHECK(rig.recorder->volume_name().empty());
    CHECK(rig.recorder->volume_path_names().empty());
    CHECK(rig.recorder->legacy_device_number() == -1);
}

TEST_CASE("DeviceCanLoadMedia follows feature 0003h's Load bit") {
    Rig tray;
    CHECK(*tray.recorder->device_can_load_media());
    auto slim = yaml_profile(R"(
identity: {vendor: SLIM, product: Slot, revision: "1"}
mechanism: {loading: tray, eject: true, load: false, lock: true}
profiles: [dvd+r]
features:
  - {code: 0x0003, version: 2, persistent: true, data: "29 00 00 00"}
)");
    Rig slot("blank dvd+r", slim);
    CHECK_FALSE(*slot.recorder->device_can_load_media());
}

TEST_CASE("supported and current features, profiles and mode pages agree with IDiscRecorder2Ex") {
    Rig rig;
    CHECK(*rig.recorder->supported_profiles() == rig.profile().profiles);
    CHECK(*rig.recorder->current_profiles() == std::vector<ProfileType>{0x001B});
    CHECK(*rig.recorder->supported_feature_pages() == *rig.ex().get_supported_feature_pages(false));
    CHECK(*rig.recorder->current_feature_pages() == *rig.ex().get_supported_feature_pages(true));
    CHECK(*rig.recorder->supported_mode_pages() == *rig.ex().get_supported_mode_pages(ModePageRequestType::Current));
}

TEST_CASE("exclusive access locks out other openers and names its owner; it is reference counted") {
    Rig rig;
    REQUIRE(rig.recorder->acquire_exclusive_access(false, "spindle-test"));
    CHECK(rig.recorder->exclusive_access_owner() == "spindle-test");
    auto other = EmulatedTransport::open(rig.device);
    REQUIRE_FALSE(other);
    CHECK(other.error().hresult() == 0xC0AA0210u);

    REQUIRE(rig.recorder->acquire_exclusive_access(false, "spindle-test"));
    CHECK(rig.recorder->exclusive_access_count() == 2);
    REQUIRE(rig.recorder->release_exclusive_access());
    CHECK_FALSE(EmulatedTransport::open(rig.device)); // still held once
    REQUIRE(rig.recorder->release_exclusive_access());
    CHECK(rig.recorder->exclusive_access_owner().empty());
    CHECK(EmulatedTransport::open(rig.device));
    CHECK(rig.recorder->release_exclusive_access()); // releasing what is not held is harmless
}

TEST_CASE("exclusive access is refused while another program has the drive open") {
    Rig rig;
    auto other = EmulatedTransport::open(rig.device);
    REQUIRE(other);
    auto r = rig.recorder->acquire_exclusive_access(true, "burner");
    REQUIRE_FALSE(r);
    CHECK(r.error().hresult() == hr::recorder_locked);
    CHECK(rig.recorder->exclusive_access_count() == 0);
}

TEST_CASE("an empty or unprintable client name is E_IMAPI_RECORDER_CLIENT_NAME_IS_NOT_VALID") {
    Rig rig;
    CHECK(rig.recorder->acquire_exclusive_access(false, "").error().hresult() == 0xC0AA0211u);
    CHECK(rig.recorder->acquire_exclusive_access(false, "bad\nname").error().hresult() == 0xC0AA0211u);
    CHECK(rig.recorder->exclusive_access_count() == 0);
}

TEST_CASE("EjectMedia opens the tray even when removal was prevented; CloseTray loads the disc again") {
    Rig rig;
    rig.settle();
    auto prevent = rig.ex().send_command_no_data(spindle::scsi::cdb::prevent_allow_medium_removal(true), 10);
    REQUIRE(prevent);
    REQUIRE(rig.recorder->eject_media());
    CHECK(rig.device->drive().state().tray_open);
    REQUIRE(rig.recorder->close_tray());
    CHECK_FALSE(rig.device->drive().state().tray_open);
    CHECK(rig.device->drive().state().medium_present());
}

TEST_CASE("with MCN enabled the recorder sees a new disc; with MCN disabled it does not ask") {
    Rig rig;
    REQUIRE(rig.recorder->eject_media());
    REQUIRE(rig.recorder->close_tray());
    rig.device->virtual_clock()->advance(rig.profile().timings.becoming_ready); // the disc spins up
    rig.recorder->disable_mcn();
    const auto queued = pending_media_events(rig);
    auto none = rig.recorder->poll_media_change();
    REQUIRE(none);
    CHECK_FALSE(none->has_value());
    CHECK(pending_media_events(rig) == queued); // the event is still waiting in the drive
    rig.recorder->enable_mcn();
    bool saw_new_media = false;
    for (int i = 0; i < 4 && !saw_new_media; ++i) {
        auto ev = rig.recorder->poll_media_change();
        REQUIRE(ev);
        REQUIRE(ev->has_value());
        saw_new_media = (*ev)->event_code == 2 && (*ev)->media_present;
    }
    CHECK(saw_new_media);
}

TEST_CASE("device names: emu: with a preset, media=none, and a malformed option") {
    auto spec = parse_emulator_name("emu:?media=appendable%20cd-r used=300");
    REQUIRE(spec);
    CHECK(spec->profile_path.empty());
    CHECK(spec->media == "appendable cd-r used=300");
    CHECK(parse_emulator_name("emu:?media=blank dvd+r")->media == "blank dvd+r");
    CHECK(parse_emulator_name("emu:my.yaml")->profile_path == "my.yaml");
    CHECK(parse_emulator_name("emu:?colour=red").error().hresult() == hr::e_invalidarg);
    auto none = DiscRecorder::open("emu:?media=none", OpenOptions{false, ClockKind::Virtual});
    REQUIRE(none);
    CHECK((*none)->ex().get_disc_information().error().hresult() == hr::media_no_media);
    auto bad = DiscRecorder::open("emu:?media=purple disc", OpenOptions{false, ClockKind::Virtual});
    CHECK(bad.error().hresult() == hr::e_invalidarg);
    auto missing = DiscRecorder::open("emu:/nonexistent/profile.yaml", OpenOptions{false, ClockKind::Virtual});
    CHECK(missing.error().hresult() == hr::file_not_found);
}

TEST_CASE("the emulated transport turns a busy_until beyond the timeout into a transport timeout") {
    Rig rig;
    rig.settle();
    const auto eject = spindle::scsi::cdb::eject(); // tray motion: 800 ms
    ScsiRequest req{eject};
    req.timeout = std::chrono::milliseconds(100);
    const auto before = rig.device->clock().now();
    auto r = rig.transport->execute(req);
    REQUIRE(r);
    CHECK(r->transport == TransportStatus::Timeout);
    CHECK(rig.device->clock().now() - before == std::chrono::milliseconds(100));
}

TEST_CASE("a disc the drive holds but cannot read (2/3A with media present) is E_IMAPI_RECORDER_MEDIA_UPSIDE_DOWN") {
    Rig rig;
    rig.device->drive().set_condition(spindle::MediumCondition::UpsideDown);
    auto di = rig.ex().get_disc_information();
    REQUIRE_FALSE(di);
    CHECK(di.error().hresult() == 0xC0AA0204u);
    Rig empty("none");
    CHECK(empty.ex().get_disc_information().error().hresult() == 0xC0AA0202u);
}
