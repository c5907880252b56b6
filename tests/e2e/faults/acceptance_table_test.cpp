// The acceptance table: every return code Microsoft's documentation of
// IDiscRecorder2Ex::GetModePage lists, provoked end to end — a fault in the emulated drive,
// or for argument and allocation errors the API and the allocation seam — and checked
// against what get_mode_page returns.
//
// "Value: 6" and "Value: 55" in the table are the Win32 codes ERROR_INVALID_HANDLE and
// ERROR_DEV_NOT_EXIST before HRESULT_FROM_WIN32; the recorder returns the HRESULTs 0x80070006
// and 0x80070037 (recorder/README.md, "Errors"), and the rows below check exactly those.
#include "../recorder/rig.hpp"

#include "recorder/task_memory.hpp"

using namespace spindle;
using namespace spindle::test;
using namespace std::chrono_literals;

namespace {

constexpr ModePageType capabilities = 0x2A;

// GetModePage with IMAPI2's signature; frees what it returns.
HResult get_mode_page(Rig& rig, ModePageType page = capabilities,
                      ModePageRequestType type = ModePageRequestType::Current) {
    std::uint8_t* data = nullptr;
    std::uint32_t size = 0;
    const HResult hr = rig.ex().get_mode_page(page, type, &data, &size);
    if (hr == hr::s_ok) CHECK(size > 2);
    task_mem_free(data);
    return hr;
}

Duration elapsed_during(Rig& rig, auto&& f) {
    const auto before = rig.device->clock().now();
    f();
    return rig.device->clock().now() - before;
}

// Rows provoked by one fault rule on MODE SENSE(10) in a drive holding a blank DVD+R.
struct RuleRow {
    std::string_view row;
    std::string_view rule;
    HResult expected;
};

constexpr RuleRow rule_rows[] = {
    {"E_FAIL", "{command: MODE SENSE(10), sense: 4/44/00}", 0x80004005},
    {"E_IMAPI_RECORDER_COMMAND_TIMEOUT", "{command: MODE SENSE(10), condition: timeout}", 0xC0AA020D},
    {"E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE", "{command: MODE SENSE(10), condition: invalid-response}",
     0xC0AA02FF},
    {"E_IMAPI_RECORDER_MEDIA_UPSIDE_DOWN", "{command: MODE SENSE(10), condition: upside-down}", 0xC0AA0204},
    {"E_IMAPI_RECORDER_MEDIA_BECOMING_READY", "{command: MODE SENSE(10), condition: becoming-ready}", 0xC0AA0205},
    {"E_IMAPI_RECORDER_MEDIA_FORMAT_IN_PROGRESS", "{command: MODE SENSE(10), condition: format-in-progress}",
     0xC0AA0206},
    {"E_IMAPI_RECORDER_MEDIA_BUSY", "{command: MODE SENSE(10), condition: long-write}", 0xC0AA0207},
    {"E_IMAPI_RECORDER_MEDIA_BUSY", "{command: MODE SENSE(10), condition: busy}", 0xC0AA0207},
    {"E_IMAPI_LOSS_OF_STREAMING", "{command: MODE SENSE(10), condition: loss-of-streaming}", 0xC0AA0300},
    {"E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE", "{command: MODE SENSE(10), condition: incompatible-medium}", 0xC0AA0203},
    {"E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE", "{command: MODE SENSE(10), condition: no-such-mode-page}", 0xC0AA0201},
    {"E_IMAPI_RECORDER_MEDIA_SPEED_MISMATCH", "{command: MODE SENSE(10), condition: speed-mismatch}", 0xC0AA020F},
    {"HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST)", "{command: MODE SENSE(10), condition: device-gone}", 0x80070037},
    {"E_IMAPI_RECORDER_LOCKED", "{command: MODE SENSE(10), condition: locked}", 0xC0AA0210},
};

} // namespace

TEST_CASE("acceptance: each GetModePage return code provoked by a fault rule in the drive") {
    for (const auto& r : rule_rows) {
        CAPTURE(r.row);
        CAPTURE(r.rule);
        Rig rig;
        CHECK(get_mode_page(rig) == hr::s_ok);
        add_rule(rig, r.rule);
        CHECK(get_mode_page(rig) == r.expected);
        CHECK(hresult_name(r.expected) == r.row);
    }
}

TEST_CASE("acceptance: E_INVALIDARG for a page or request type out of range") {
    Rig rig;
    CHECK(get_mode_page(rig, 0x3F) == 0x80070057);
    CHECK(get_mode_page(rig, capabilities, static_cast<ModePageRequestType>(4)) == 0x80070057);
    CHECK(rig.ex().get_mode_page(0x40, ModePageRequestType::Current).error().hresult() == hr::e_invalidarg);
}

TEST_CASE("acceptance: E_POINTER for a null modePageData or byteSize") {
    Rig rig;
    std::uint8_t* data = nullptr;
    std::uint32_t size = 0;
    CHECK(rig.ex().get_mode_page(capabilities, ModePageRequestType::Current, nullptr, &size) == 0x80004003);
    CHECK(rig.ex().get_mode_page(capabilities, ModePageRequestType::Current, &data, nullptr) == 0x80004003);
}

TEST_CASE("acceptance: E_OUTOFMEMORY when the page buffer cannot be allocated") {
    Rig rig;
    Error error(hr::s_ok);
    std::uint8_t* data = nullptr;
    std::uint32_t size = 0;
    {
        ScopedTaskAllocator failing([](std::size_t) -> void* { return nullptr; });
        CHECK(rig.ex().get_mode_page(capabilities, ModePageRequestType::Current, &data, &size, &error) == 0x8007000E);
    }
    CHECK(data == nullptr);
    CHECK(size == 0);
    CHECK(error.hresult() == hr::e_outofmemory);
    CHECK(get_mode_page(rig) == hr::s_ok); // the allocator is back
}

TEST_CASE("acceptance: E_IMAPI_RECORDER_COMMAND_TIMEOUT comes when the command's timeout has passed") {
    Rig rig;
    add_rule(rig, "{command: MODE SENSE(10), condition: timeout}");
    const auto waited = elapsed_during(rig, [&] { CHECK(get_mode_page(rig) == hr::command_timeout); });
    CHECK(waited == 30s); // the recorder's default command timeout (libburn's)
}

TEST_CASE("acceptance: E_IMAPI_RECORDER_MEDIA_BECOMING_READY only after the bounded wait has expired") {
    Rig rig;
    add_rule(rig, "{command: MODE SENSE(10), condition: becoming-ready}");
    const auto waited = elapsed_during(rig, [&] { CHECK(get_mode_page(rig) == hr::media_becoming_ready); });
    CHECK(waited == 20s); // ten retries two seconds apart (Linux sr_do_ioctl)
    CHECK(rig.device->drive().faults().rules()[0].hits == 11);
}

TEST_CASE("acceptance: E_IMAPI_RECORDER_MEDIA_BUSY after polling a long write that does not end") {
    Rig rig;
    add_rule(rig, "{command: MODE SENSE(10), condition: long-write}");
    const auto waited = elapsed_during(rig, [&] { CHECK(get_mode_page(rig) == hr::media_busy); });
    CHECK(waited == 120s);
}

TEST_CASE("acceptance: E_IMAPI_RECORDER_MEDIA_NO_MEDIA from an empty drive; upside down when a disc is there") {
    Rig empty("none");
    add_rule(empty, "{command: MODE SENSE(10), condition: no-medium}");
    CHECK(get_mode_page(empty) == 0xC0AA0202);
    Rig loaded; // the same sense while GESN reports a disc: the disc cannot be read
    add_rule(loaded, "{command: MODE SENSE(10), condition: no-medium}");
    CHECK(get_mode_page(loaded) == 0xC0AA0204);
}

TEST_CASE("acceptance: E_IMAPI_RECORDER_MEDIA_UPSIDE_DOWN with a drive whose quirk reports 2/06/00") {
    auto profile = yaml_profile(std::string(default_profile_yaml()) + "\nquirks: {upside_down: 2/06/00}\n");
    Rig rig("blank dvd+r", profile);
    add_rule(rig, "{command: MODE SENSE(10), condition: upside-down}");
    CHECK(get_mode_page(rig) == hr::media_upside_down);
}

TEST_CASE("acceptance: E_IMAPI_RECORDER_MEDIA_SPEED_MISMATCH needs the drive to say 30/11; 2/30/00 is incompatible") {
    auto profile = yaml_profile(std::string(default_profile_yaml()) + "\nquirks: {speed_mismatch: 2/30/00}\n");
    Rig vague("blank dvd+r", profile);
    add_rule(vague, "{command: MODE SENSE(10), condition: speed-mismatch}");
    CHECK(get_mode_page(vague) == hr::media_incompatible);
}

TEST_CASE("acceptance: E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE for a page the drive does not have") {
    Rig rig;
    CHECK(get_mode_page(rig, 0x3E) == hr::no_such_mode_page);
}

TEST_CASE("acceptance: E_IMAPI_RECORDER_DVD_STRUCTURE_NOT_PRESENT, from the call that reads DVD structures") {
    // MODE SENSE has no answer that means "DVD structure not present"; the code comes from READ
    // DISC STRUCTURE (IDiscRecorder2Ex::ReadDvdStructure), the only command that reads one.
    Rig rig;
    add_rule(rig, "{command: READ DISC STRUCTURE, condition: dvd-structure-not-present}");
    auto r = rig.ex().read_dvd_structure(0x00, 0, 0, 0);
    REQUIRE_FALSE(r);
    CHECK(r.error().hresult() == 0xC0AA020E);
    CHECK(get_mode_page(rig) == hr::s_ok);
}

TEST_CASE("acceptance: HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE) once the recorder's descriptor is closed") {
    Rig rig;
    rig.transport->close();
    CHECK(get_mode_page(rig) == 0x80070006);
    CHECK(hr::invalid_handle == hresult_from_win32(6)); // "Value: 6"
}

TEST_CASE("acceptance: HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST) for every command once the device has gone") {
    Rig rig;
    add_rule(rig, "{command: MODE SENSE(10), condition: device-gone}");
    CHECK(get_mode_page(rig) == 0x80070037);
    CHECK(get_mode_page(rig, 0x01) == 0x80070037);
    CHECK(hr::dev_not_exist == hresult_from_win32(55)); // "Value: 55"
    auto again = EmulatedTransport::open(rig.device);
    REQUIRE_FALSE(again);
    CHECK(again.error().hresult() == 0x80070037);
}

TEST_CASE("acceptance: E_IMAPI_RECORDER_LOCKED while another initiator reserves the drive") {
    Rig rig;
    add_rule(rig, "{command: INQUIRY, once: true, state: locked, for: 10s}");
    rig.ex().get_device_descriptor(); // INQUIRY runs despite reservations, and starts this one
    CHECK(get_mode_page(rig) == hr::recorder_locked);
    rig.device->virtual_clock()->advance(10s);
    CHECK(get_mode_page(rig) == hr::s_ok);
}
