#include "recorder/error.hpp"
#include "recorder/hresult.hpp"

#include <doctest/doctest.h>

#include <array>
#include <set>

using namespace spindle::recorder;

TEST_CASE("HRESULT_FROM_WIN32 turns the seed's bare \"Value: 6\" and \"Value: 55\" into 0x80070006 and 0x80070037") {
    CHECK(hresult_from_win32(6) == 0x80070006u);
    CHECK(hresult_from_win32(55) == 0x80070037u);
    CHECK(hr::invalid_handle == 0x80070006u);
    CHECK(hr::dev_not_exist == 0x80070037u);
    CHECK(hresult_from_win32(0) == 0u); // ERROR_SUCCESS stays S_OK
    CHECK(failed(hr::dev_not_exist));
}

TEST_CASE("the table holds every imapi2error.h code once, with its severity in its name") {
    std::set<std::string_view> names;
    int imapi = 0;
    for (const auto& row : hresult_table()) {
        CAPTURE(row.name);
        CHECK(names.insert(row.name).second);
        CHECK_FALSE(row.message.empty());
        if (row.name.find("IMAPI") != std::string_view::npos) {
            ++imapi;
            CHECK((row.value & 0x0FFF0000u) == 0x00AA0000u); // FACILITY_IMAPI2 (0xAA)
        }
        if (row.name.starts_with("S_")) CHECK(succeeded(row.value));
        if (row.name.starts_with("E_")) CHECK(failed(row.value));
    }
    CHECK(imapi ==
          90); // 6 general, 20 recorder, 3 write engine, 9 DF2DATA, 16 DF2TAO, 13 DF2RAW, 12 erase, 11 raw image
}

TEST_CASE("recorder codes carry the values of imapi2error.h") {
    CHECK(find_hresult(0xC0AA0204)->name == "E_IMAPI_RECORDER_MEDIA_UPSIDE_DOWN");
    CHECK(find_hresult(0x00AA0200)->name == "S_IMAPI_COMMAND_HAS_SENSE_DATA");
    CHECK(find_hresult(0xC0AA02FF)->name == "E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE");
    CHECK(find_hresult(0x80AA0900)->name == "E_IMAPI_ERASE_RECORDER_IN_USE"); // 900-908 are 0x80AA
    CHECK(find_hresult(0xC0AA0909)->name == "E_IMAPI_ERASE_MEDIA_IS_NOT_SUPPORTED");
    CHECK(find_hresult(0x00AA0A08)->name == "S_IMAPI_RAW_IMAGE_TRACK_INDEX_ALREADY_EXISTS");
    CHECK_FALSE(find_hresult(0xC0AA0605)); // unused in the header
    CHECK(hresult_name(0x12345678) == "HRESULT 0x12345678");
}

TEST_CASE("an Error prints the IMAPI2 name, value, message, the failing CDB and the sense") {
    const std::array<std::uint8_t, 10> cdb{0x5A, 0x08, 0x2A, 0, 0, 0, 0, 0, 8, 0};
    const std::array<std::uint8_t, 18> sense{0x70, 0, 0x05, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x24, 0x00, 0, 0, 0, 0};
    Error e(hr::no_such_mode_page, "page 2Ah");
    e.with_cdb(cdb).with_sense(sense);
    CHECK(e.name() == "E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE");
    CHECK(e.message() == "The device reported that the requested mode page (and type) is not present.");
    CHECK(e.to_string() == "E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE (0xC0AA0201): The device reported that the requested "
                           "mode page (and type) is not present. [page 2Ah] [CDB 5A 08 2A 00 00 00 00 00 08 00] "
                           "[sense 5/24/00]");
    CHECK(e.cdb().size() == 10);
    CHECK(e.sense().size() == 18);
}
