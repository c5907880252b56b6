// IDiscRecorder2Ex: disc/track information, DVD structures, feature pages, mode pages.
#include "rig.hpp"

#include "scsi/bytes.hpp"

#include <algorithm>

using namespace spindle::test;

TEST_CASE("GetDiscInformation returns exactly what READ DISC INFORMATION answers: a blank DVD+R is empty") {
    Rig rig;
    auto di = rig.ex().get_disc_information();
    REQUIRE(di);
    CHECK(di->size() == std::size_t{spindle::scsi::get_be16(*di, 0)} + 2);
    CHECK(di->size() >= 34);
    CHECK(((*di)[2] & 0x03) == 0); // disc status: empty
    rig.settle();
    CHECK(*di == raw_in(rig, spindle::scsi::cdb::read_disc_information(0xFFFF), 0xFFFF));
}

TEST_CASE("GetDiscInformation without a disc is E_IMAPI_RECORDER_MEDIA_NO_MEDIA with the sense attached") {
    Rig rig("none");
    auto di = rig.ex().get_disc_information();
    REQUIRE_FALSE(di);
    CHECK(di.error().hresult() == 0xC0AA0202u);
    CHECK(di.error().sense().size() == 18);
    CHECK(di.error().cdb().at(0) == 0x51);
}

TEST_CASE("GetTrackInformation addresses by track, session and LBA; all name the blank disc's one track") {
    Rig rig;
    auto by_track = rig.ex().get_track_information(1, ReadTrackAddressType::Track);
    auto by_session = rig.ex().get_track_information(1, ReadTrackAddressType::Session);
    auto by_lba = rig.ex().get_track_information(0, ReadTrackAddressType::Lba);
    REQUIRE(by_track);
    REQUIRE(by_session);
    REQUIRE(by_lba);
    CHECK(by_track->size() == std::size_t{spindle::scsi::get_be16(*by_track, 0)} + 2);
    CHECK((*by_track)[2] == 1); // track number (LSB)
    CHECK(*by_lba == *by_track);
    CHECK(spindle::scsi::get_be32(*by_track, 8) == 0); // track start
    rig.settle();
    CHECK(*by_track ==
          raw_in(rig, spindle::scsi::cdb::read_track_information(spindle::scsi::cdb::track_address::track, 1, 0xFFFF),
                 0xFFFF));
}

TEST_CASE("GetTrackInformation refuses a track number above FFh and an unknown address type") {
    Rig rig;
    CHECK(rig.ex().get_track_information(0x100, ReadTrackAddressType::Track).error().hresult() == hr::e_invalidarg);
    CHECK(rig.ex().get_track_information(0, static_cast<ReadTrackAddressType>(3)).error().hresult() ==
          hr::e_invalidarg);
}

TEST_CASE("ReadDvdStructure strips the 4-byte header: physical format of a DVD+R is 2048 bytes, book type A1h") {
    Rig rig;
    auto pf = rig.ex().read_dvd_structure(0x00, 0, 0, 0);
    REQUIRE(pf);
    CHECK(pf->size() == 2048);
    CHECK((*pf)[0] == 0xA1);
    rig.settle();
    const auto raw = raw_in(rig, spindle::scsi::cdb::read_disc_structure(0x00, 2052), 2052);
    CHECK(std::vector<std::uint8_t>(raw.begin() + 4, raw.end()) == *pf);
}

TEST_CASE("ReadDvdStructure: a structure the medium lacks is E_IMAPI_RECORDER_DVD_STRUCTURE_NOT_PRESENT") {
    Rig dvd;
    CHECK(dvd.ex().read_dvd_structure(0x05, 0, 0, 0).error().hresult() == 0xC0AA020Eu); // 5/24/00
    Rig cd("blank cd-r");
    CHECK(cd.ex().read_dvd_structure(0x00, 0, 0, 0).error().hresult() == 0xC0AA020Eu); // 5/30/02
}

TEST_CASE("ReadDvdStructure refuses out-of-range format, layer and AGID") {
    Rig rig;
    CHECK(rig.ex().read_dvd_structure(0x100, 0, 0, 0).error().hresult() == hr::e_invalidarg);
    CHECK(rig.ex().read_dvd_structure(0, 0, 0x100, 0).error().hresult() == hr::e_invalidarg);
    CHECK(rig.ex().read_dvd_structure(0, 0, 0, 4).error().hresult() == hr::e_invalidarg);
}

TEST_CASE("SendDvdStructure adds the 4-byte header: a DVD+R DL's layer boundary set and read back") {
    Rig rig("blank dvd+r-dl");
    const std::vector<std::uint8_t> data{0, 0, 0, 0, 0x00, 0x1E, 0x84, 0x80}; // 2000000 blocks in layer 0
    auto r = rig.ex().send_dvd_structure(0x20, data);
    REQUIRE_MESSAGE(r, (r ? std::string() : r.error().to_string()));
    auto back = rig.ex().read_dvd_structure(0x20, 0, 0, 0);
    REQUIRE(back);
    REQUIRE(back->size() == 8);
    CHECK(std::vector<std::uint8_t>(back->begin() + 4, back->end()) ==
          std::vector<std::uint8_t>{0x00, 0x1E, 0x84, 0x80});
    CHECK(rig.ex().send_dvd_structure(0x20, std::span<const std::uint8_t>{}).error().hresult() == hr::e_invalidarg);
}

TEST_CASE("SendDvdStructure: a structure the drive does not take fails with the CDB IMAPI2 builds") {
    Rig rig;
    const std::vector<std::uint8_t> data{1, 2, 3, 4, 5, 6};
    auto r = rig.ex().send_dvd_structure(0x30, data);
    REQUIRE_FALSE(r);
    const std::vector<std::uint8_t> cdb{0xBF, 0, 0, 0, 0, 0, 0, 0x30, 0x00, 10, 0, 0};
    CHECK(r.error().cdb() == cdb);
    CHECK(r.error().sense()[12] == 0x24); // INVALID FIELD IN CDB
}

TEST_CASE("GetFeaturePage returns the profile's descriptor: 0003h Removable Medium of the default drive") {
    Rig rig;
    auto f = rig.ex().get_feature_page(0x0003, true);
    REQUIRE(f);
    const spindle::FeatureDescriptor* want = nullptr;
    for (const auto& d : rig.profile().features)
        if (d.code == 0x0003) want = &d;
    REQUIRE(want);
    std::vector<std::uint8_t> expected{0x00, 0x03,
                                       static_cast<std::uint8_t>(want->version << 2 | (want->persistent ? 2 : 0) | 1),
                                       static_cast<std::uint8_t>(want->data.size())};
    expected.insert(expected.end(), want->data.begin(), want->data.end());
    CHECK(*f == expected);
}

TEST_CASE("GetFeaturePage: an absent feature is NO_SUCH_FEATURE; a non-current one with currentOnly is NOT_CURRENT") {
    Rig rig; // DVD+R loaded: BD-R writing (0041h) is supported but not current
    CHECK(rig.ex().get_feature_page(0xFFF0, false).error().hresult() == 0xC0AA020Au);
    REQUIRE(rig.ex().get_feature_page(0x0041, false));
    CHECK(rig.ex().get_feature_page(0x0041, true).error().hresult() == 0xC0AA020Bu);
}

TEST_CASE("GetSupportedFeaturePages lists 0000h and every profile feature; currentOnly a subset with 0000h") {
    Rig rig;
    auto all = rig.ex().get_supported_feature_pages(false);
    auto current = rig.ex().get_supported_feature_pages(true);
    REQUIRE(all);
    REQUIRE(current);
    std::vector<FeaturePageType> expected{0x0000};
    for (const auto& d : rig.profile().features) expected.push_back(d.code);
    CHECK(*all == expected);
    CHECK(current->size() < all->size());
    CHECK(current->front() == 0x0000);
    for (auto c : *current) CHECK(std::ranges::find(*all, c) != all->end());
}

TEST_CASE("GetSupportedProfiles lists the profile's MMC profiles; currentOnly is the loaded DVD+R") {
    Rig rig;
    auto all = rig.ex().get_supported_profiles(false);
    REQUIRE(all);
    CHECK(*all == rig.profile().profiles);
    auto current = rig.ex().get_supported_profiles(true);
    REQUIRE(current);
    CHECK(*current == std::vector<ProfileType>{0x001B});
}

TEST_CASE("GetModePage(2Ah, current) equals the profile's page 2Ah current bytes") {
    Rig rig;
    auto p = rig.ex().get_mode_page(0x2A, ModePageRequestType::Current);
    REQUIRE(p);
    CHECK(*p == rig.profile().mode_pages.at(0x2A).current);
}

TEST_CASE("GetModePage returns changeable and default values of the profile, PS bit as the drive sent it") {
    Rig rig;
    auto ch = rig.ex().get_mode_page(0x01, ModePageRequestType::Changeable);
    auto def = rig.ex().get_mode_page(0x01, ModePageRequestType::Default);
    REQUIRE(ch);
    REQUIRE(def);
    CHECK(((*ch)[0] & 0x80) != 0); // page 01h is savable: only the header is stripped, not the PS bit
    auto without_ps = [](std::vector<std::uint8_t> page) {
        page[0] &= 0x7F;
        return page;
    };
    CHECK(without_ps(*ch) == rig.profile().mode_pages.at(0x01).changeable);
    CHECK(without_ps(*def) == rig.profile().mode_pages.at(0x01).default_values);
}

TEST_CASE("GetModePage: a page the drive lacks is E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE; bad arguments E_INVALIDARG") {
    Rig rig;
    CHECK(rig.ex().get_mode_page(0x3E, ModePageRequestType::Current).error().hresult() == 0xC0AA0201u);
    CHECK(rig.ex().get_mode_page(0x3F, ModePageRequestType::Current).error().hresult() == hr::e_invalidarg);
    CHECK(rig.ex().get_mode_page(0x2A, static_cast<ModePageRequestType>(4)).error().hresult() == hr::e_invalidarg);
}

TEST_CASE("SetModePage writes current values that GetModePage then reads back") {
    Rig rig;
    auto page = rig.ex().get_mode_page(0x08, ModePageRequestType::Current);
    REQUIRE(page);
    auto changed = *page;
    changed[2] ^= 0x04; // WCE
    REQUIRE(rig.ex().set_mode_page(ModePageRequestType::Current, changed));
    auto back = rig.ex().get_mode_page(0x08, ModePageRequestType::Current);
    REQUIRE(back);
    CHECK(*back == changed);
}

TEST_CASE("SetModePage: an unchangeable field is E_IMAPI_RECORDER_INVALID_MODE_PARAMETERS") {
    Rig rig;
    auto page = rig.ex().get_mode_page(0x2A, ModePageRequestType::Current);
    REQUIRE(page);
    auto changed = *page;
    changed[2] ^= 0x01; // page 2Ah is read-only
    CHECK(rig.ex().set_mode_page(ModePageRequestType::Current, changed).error().hresult() == 0xC0AA0208u);
}

TEST_CASE("SetModePage refuses changeable/default request types and a page whose length byte disagrees") {
    Rig rig;
    const std::vector<std::uint8_t> page{0x08, 0x0A, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    CHECK(rig.ex().set_mode_page(ModePageRequestType::Changeable, page).error().hresult() == hr::e_invalidarg);
    CHECK(rig.ex().set_mode_page(ModePageRequestType::Default, page).error().hresult() == hr::e_invalidarg);
    CHECK(rig.ex().set_mode_page(ModePageRequestType::Current, std::span(page).first(5)).error().hresult() ==
          hr::e_invalidarg);
}

TEST_CASE("GetSupportedModePages lists the profile's pages in order") {
    Rig rig;
    auto pages = rig.ex().get_supported_mode_pages(ModePageRequestType::Current);
    REQUIRE(pages);
    std::vector<ModePageType> expected;
    for (const auto& [code, values] : rig.profile().mode_pages) expected.push_back(code);
    CHECK(*pages == expected);
}

TEST_CASE("transfer sizes, alignment mask and descriptors come from the transport's limits") {
    Rig rig;
    const auto l = rig.transport->limits();
    CHECK(*rig.ex().get_byte_alignment_mask() == l.alignment_mask);
    CHECK(*rig.ex().get_maximum_page_aligned_transfer_size() == l.max_page_aligned_transfer());
    CHECK(*rig.ex().get_maximum_non_page_aligned_transfer_size() == l.max_non_page_aligned_transfer());
    CHECK(*rig.ex().get_maximum_non_page_aligned_transfer_size() <= *rig.ex().get_maximum_page_aligned_transfer_size());
    auto a = rig.ex().get_adapter_descriptor();
    REQUIRE(a);
    CHECK(a->maximum_transfer_length == l.max_hw_bytes);
    CHECK(a->maximum_physical_pages == l.max_segments);
    CHECK(a->bus == "emulated");
}

TEST_CASE("GetDeviceDescriptor reports INQUIRY identity, the MMC device type and the VPD serial number") {
    Rig rig;
    auto d = rig.ex().get_device_descriptor();
    REQUIRE(d);
    CHECK(d->device_type == 0x05);
    CHECK(d->removable_media);
    CHECK(d->vendor_id == rig.profile().identity.vendor);
    CHECK(d->product_id == rig.profile().identity.product);
    CHECK(d->product_revision == rig.profile().identity.revision);
    CHECK(d->serial_number == rig.profile().identity.serial);
    CHECK(d->device_path == "emu:");
    CHECK(d->inquiry.size() >= 36);
}

TEST_CASE("reads are split into commands no larger than the page-aligned limit") {
    Rig rig("appendable dvd+r used=1024");
    auto limits = rig.transport->limits();
    limits.max_hw_bytes = 64 * 1024;
    rig.transport->set_limits(limits);
    auto buf = PageBuffer::allocate(200 * 1024);
    REQUIRE(buf);
    REQUIRE(rig.ex().read_blocks(0, buf->span()));
    std::vector<std::uint8_t> big(128 * 1024);
    auto o = rig.ex().send_command_get_data_from_device(spindle::scsi::cdb::read10(0, 64), 10, big);
    REQUIRE_FALSE(o); // the kernel (here: the transport) refuses more than max_hw_sectors
    CHECK(o.error().hresult() == hr::io_device);
}
