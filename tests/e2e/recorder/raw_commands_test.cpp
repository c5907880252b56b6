// IDiscRecorder2Ex SendCommand* against the emulated drive.
#include "rig.hpp"

using namespace spindle::test;

namespace {
const auto tur = spindle::scsi::cdb::test_unit_ready();
const auto inquiry96 = spindle::scsi::cdb::inquiry(96);
} // namespace

TEST_CASE("SendCommandNoData: TEST UNIT READY on a ready disc is S_OK with zeroed sense") {
    Rig rig;
    rig.settle();
    auto o = rig.ex().send_command_no_data(tur, 10);
    REQUIRE(o);
    CHECK(o->hr == hr::s_ok);
    CHECK(o->sense == std::array<std::uint8_t, 18>{});
}

TEST_CASE("SendCommandNoData: a drive without a disc fails TUR with S_IMAPI_COMMAND_HAS_SENSE_DATA and 2/3A") {
    Rig rig("none");
    rig.settle();
    auto o = rig.ex().send_command_no_data(tur, 10);
    REQUIRE(o);
    CHECK(o->hr == hr::s_command_has_sense_data);
    CHECK(o->hr == 0x00AA0200u);
    CHECK(o->status == 0x02);
    CHECK(o->sense[0] == 0x70);
    CHECK((o->sense[2] & 0x0F) == 0x02);
    CHECK(o->sense[12] == 0x3A);
}

TEST_CASE("SendCommand*: the power-on unit attention reaches a raw command, as on a real drive") {
    Rig rig;
    auto o = rig.ex().send_command_no_data(tur, 10);
    REQUIRE(o);
    CHECK(o->hr == hr::s_command_has_sense_data);
    CHECK((o->sense[2] & 0x0F) == 0x06);
}

TEST_CASE("SendCommand*: the CDB size must match the opcode group") {
    Rig rig;
    rig.settle();
    auto& ex = rig.ex();
    std::vector<std::uint8_t> buf(64);
    // 00-1F: 6 bytes
    CHECK(ex.send_command_no_data(std::vector<std::uint8_t>(10, 0), 10).error().hresult() == hr::e_invalidarg);
    // 20-5F: 10 bytes
    CHECK(ex.send_command_get_data_from_device(std::vector<std::uint8_t>{0x5A, 0, 0x3F, 0, 0, 0}, 10, buf)
              .error()
              .hresult() == hr::e_invalidarg);
    // 80-9F: 16 bytes
    CHECK(ex.send_command_no_data(std::vector<std::uint8_t>(12, 0x88), 10).error().hresult() == hr::e_invalidarg);
    // A0-BF: 12 bytes
    CHECK(ex.send_command_no_data(std::vector<std::uint8_t>(10, 0xA1), 10).error().hresult() == hr::e_invalidarg);
    // C0-FF: any of 6..16 reaches the drive (which does not know it)
    auto vendor = ex.send_command_no_data(std::vector<std::uint8_t>{0xC5, 0, 0, 0, 0, 0, 0, 0}, 10);
    REQUIRE(vendor);
    CHECK(vendor->hr == hr::s_command_has_sense_data);
    CHECK(vendor->sense[12] == 0x20);
    // outside 6..16 whatever the opcode
    CHECK(ex.send_command_no_data(std::vector<std::uint8_t>(5, 0xC0), 10).error().hresult() == hr::e_invalidarg);
    CHECK(ex.send_command_no_data(std::vector<std::uint8_t>(17, 0xC0), 10).error().hresult() == hr::e_invalidarg);
    CHECK(ex.send_command_no_data(std::span<const std::uint8_t>{}, 10).error().hresult() == hr::e_pointer);
}

TEST_CASE("SendCommand*: a zero timeout and a zero-sized buffer are E_INVALIDARG") {
    Rig rig;
    std::vector<std::uint8_t> empty;
    CHECK(rig.ex().send_command_no_data(tur, 0).error().hresult() == hr::e_invalidarg);
    CHECK(rig.ex().send_command_get_data_from_device(inquiry96, 10, empty).error().hresult() == hr::e_invalidarg);
    CHECK(rig.ex()
              .send_command_send_data_to_device(std::vector<std::uint8_t>{0x55, 0x10, 0, 0, 0, 0, 0, 0, 0, 0}, 10,
                                                std::span<const std::uint8_t>{})
              .error()
              .hresult() == hr::e_invalidarg);
}

TEST_CASE("SendCommandGetDataFromDevice: INQUIRY fetches the 36 bytes the drive has, not the 96 offered") {
    Rig rig;
    std::vector<std::uint8_t> buf(96, 0xEE);
    auto o = rig.ex().send_command_get_data_from_device(inquiry96, 10, buf);
    REQUIRE(o);
    CHECK(o->hr == hr::s_ok);
    CHECK(o->bytes_fetched == 36);
    CHECK(buf[0] == 0x05);
    CHECK(std::string(buf.begin() + 8, buf.begin() + 15) == "SPINDLE");
}

TEST_CASE("SendCommandSendDataToDevice: MODE SELECT(10) of page 08h turns the write cache off") {
    Rig rig;
    rig.settle();
    auto page = rig.ex().get_mode_page(0x08, ModePageRequestType::Current);
    REQUIRE(page);
    std::vector<std::uint8_t> list(8 + page->size(), 0);
    std::ranges::copy(*page, list.begin() + 8);
    list[8 + 2] &= static_cast<std::uint8_t>(~0x04); // WCE
    const auto cdb = spindle::scsi::cdb::mode_select10(static_cast<std::uint16_t>(list.size()));
    auto o = rig.ex().send_command_send_data_to_device(cdb, 10, list);
    REQUIRE(o);
    CHECK(o->hr == hr::s_ok);
    auto after = rig.ex().get_mode_page(0x08, ModePageRequestType::Current);
    REQUIRE(after);
    CHECK(((*after)[2] & 0x04) == 0);
}

TEST_CASE("SendCommandNoData: an answer later than the timeout is E_IMAPI_RECORDER_COMMAND_TIMEOUT") {
    auto profile = spindle::default_profile();
    profile.timings.tray = std::chrono::milliseconds(5000);
    Rig rig("blank dvd+r", profile);
    rig.settle();
    const std::vector<std::uint8_t> eject{0x1B, 0, 0, 0, 0x02, 0};
    auto o = rig.ex().send_command_no_data(eject, 1);
    REQUIRE_FALSE(o);
    CHECK(o.error().hresult() == 0xC0AA020Du);
    CHECK(o.error().cdb() == eject);
    auto slow = rig.ex().send_command_no_data(spindle::scsi::cdb::load(), 6);
    REQUIRE(slow);
    CHECK(slow->hr == hr::s_ok);
}
