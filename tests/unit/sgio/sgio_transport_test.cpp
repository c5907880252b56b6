// SgioTransport through its Syscalls seam: no kernel, every answer scripted.
#include "sgio/fake_syscalls.hpp"

#include "recorder/transport/sgio_transport.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>

using namespace spindle::recorder;
using spindle::test::FakeSyscalls;
using spindle::test::sg_errno;
using spindle::test::sg_status;

namespace {

const std::array<std::uint8_t, 6> tur{0x00, 0, 0, 0, 0, 0};
const std::array<std::uint8_t, 10> read_disc_info{0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0};
const std::vector<std::uint8_t> not_ready_sense{0x70, 0, 0x02, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x3A, 0x01, 0, 0, 0, 0};

std::unique_ptr<SgioTransport> open_ok(FakeSyscalls& sys, bool exclusive = false) {
    auto t = SgioTransport::open("/dev/sr0", sys, SgioOptions{exclusive, "/sys"});
    REQUIRE(t);
    return std::move(*t);
}

} // namespace

TEST_CASE("open asks for read-write, non-blocking access so a drive without a disc opens") {
    FakeSyscalls sys;
    auto t = open_ok(sys);
    REQUIRE(sys.opens.size() == 1);
    CHECK(sys.opens[0].first == "/dev/sr0");
    CHECK((sys.opens[0].second & O_NONBLOCK) != 0);
    CHECK((sys.opens[0].second & O_ACCMODE) == O_RDWR);
    CHECK((sys.opens[0].second & O_EXCL) == 0);
    CHECK_FALSE(t->read_only());
}

TEST_CASE("open falls back to read-only when write access is refused") {
    FakeSyscalls sys;
    sys.open_results = {std::unexpected(EACCES), 9};
    auto t = open_ok(sys);
    REQUIRE(sys.opens.size() == 2);
    CHECK((sys.opens[1].second & O_ACCMODE) == O_RDONLY);
    CHECK(t->read_only());
}

TEST_CASE("open retries after EINTR") {
    FakeSyscalls sys;
    sys.open_results = {std::unexpected(EINTR), std::unexpected(EINTR), 5};
    auto t = open_ok(sys);
    CHECK(sys.opens.size() == 3);
}

TEST_CASE("an exclusive open that meets EBUSY is E_IMAPI_RECORDER_LOCKED") {
    FakeSyscalls sys;
    sys.open_results = {std::unexpected(EBUSY)};
    auto t = SgioTransport::open("/dev/sg1", sys, SgioOptions{true, "/sys"});
    REQUIRE_FALSE(t);
    CHECK(t.error().hresult() == hr::recorder_locked);
    CHECK(t.error().sys_errno() == EBUSY);
    CHECK((sys.opens[0].second & O_EXCL) != 0);
}

TEST_CASE("opening a device that is not there is HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST)") {
    for (int err : {ENODEV, ENXIO, ENOENT}) {
        FakeSyscalls sys;
        sys.open_results = {std::unexpected(err)};
        auto t = SgioTransport::open("/dev/sr9", sys);
        REQUIRE_FALSE(t);
        CHECK(t.error().hresult() == 0x80070037u);
    }
}

TEST_CASE("opening without permission is E_ACCESSDENIED after the read-only retry") {
    FakeSyscalls sys;
    sys.open_results = {std::unexpected(EACCES), std::unexpected(EACCES)};
    auto t = SgioTransport::open("/dev/sg0", sys);
    REQUIRE_FALSE(t);
    CHECK(t.error().hresult() == hr::e_accessdenied);
}

TEST_CASE("SG_IO is sent as sg_io_hdr v3 with the CDB, direction, length, timeout and 252-byte sense room") {
    FakeSyscalls sys;
    auto t = open_ok(sys);
    std::vector<std::uint8_t> buf(34);
    ScsiRequest req{read_disc_info, DataDirection::FromDevice, buf, {}, std::chrono::milliseconds(7000)};
    auto r = t->execute(req);
    REQUIRE(r);
    REQUIRE(sys.sg_calls.size() == 1);
    const auto& c = sys.sg_calls[0];
    CHECK(c.interface_id == 'S');
    CHECK(c.cdb == std::vector<std::uint8_t>(read_disc_info.begin(), read_disc_info.end()));
    CHECK(c.direction == SG_DXFER_FROM_DEV);
    CHECK(c.length == 34);
    CHECK(c.timeout_ms == 7000);
    CHECK(c.sense_capacity == 252);
    CHECK(r->good());
}

TEST_CASE("data-out and no-data commands carry their own direction") {
    FakeSyscalls sys;
    auto t = open_ok(sys);
    const std::vector<std::uint8_t> list(16, 0);
    const std::array<std::uint8_t, 10> select{0x55, 0x10, 0, 0, 0, 0, 0, 0, 16, 0};
    REQUIRE(t->execute(ScsiRequest{select, DataDirection::ToDevice, {}, list}));
    REQUIRE(t->execute(ScsiRequest{tur, DataDirection::None}));
    CHECK(sys.sg_calls[0].direction == SG_DXFER_TO_DEV);
    CHECK(sys.sg_calls[0].length == 16);
    CHECK(sys.sg_calls[1].direction == SG_DXFER_NONE);
    CHECK(sys.sg_calls[1].length == 0);
}

TEST_CASE("CHECK CONDITION returns the status and all the sense bytes the drive wrote") {
    FakeSyscalls sys;
    auto t = open_ok(sys);
    sys.sg_answers.push_back(sg_status(0x02, not_ready_sense, 0, 0, 0x08));
    auto r = t->execute(ScsiRequest{tur});
    REQUIRE(r);
    CHECK(r->check_condition());
    CHECK(r->sense == not_ready_sense);
    CHECK(r->transport == TransportStatus::Ok);
    CHECK(r->driver_status == 0x08);
}

TEST_CASE("long descriptor sense is kept up to 252 bytes") {
    FakeSyscalls sys;
    auto t = open_ok(sys);
    std::vector<std::uint8_t> sense(252, 0);
    sense[0] = 0x72;
    sense[1] = 0x03;
    sense[7] = 244;
    sys.sg_answers.push_back(sg_status(0x02, sense));
    auto r = t->execute(ScsiRequest{tur});
    REQUIRE(r);
    CHECK(r->sense.size() == 252);
}

TEST_CASE("the residual is honoured and clamped to the buffer") {
    FakeSyscalls sys;
    auto t = open_ok(sys);
    std::vector<std::uint8_t> buf(34);
    sys.sg_answers.push_back(sg_status(0x00, {}, 30));
    sys.sg_answers.push_back(sg_status(0x00, {}, 500)); // a confused driver
    auto r = t->execute(ScsiRequest{read_disc_info, DataDirection::FromDevice, buf});
    REQUIRE(r);
    CHECK(r->residual == 30);
    r = t->execute(ScsiRequest{read_disc_info, DataDirection::FromDevice, buf});
    REQUIRE(r);
    CHECK(r->residual == 34);
}

TEST_CASE("host status DID_TIME_OUT and driver status DRIVER_TIMEOUT are timeouts") {
    FakeSyscalls sys;
    auto t = open_ok(sys);
    sys.sg_answers.push_back(sg_status(0x00, {}, 0, 0x03));
    sys.sg_answers.push_back(sg_status(0x00, {}, 0, 0x00, 0x06));
    auto r = t->execute(ScsiRequest{tur});
    REQUIRE(r);
    CHECK(r->transport == TransportStatus::Timeout);
    CHECK_FALSE(r->good());
    r = t->execute(ScsiRequest{tur});
    REQUIRE(r);
    CHECK(r->transport == TransportStatus::Timeout);
}

TEST_CASE("DID_NO_CONNECT and DID_BAD_TARGET mean the device is gone; other host codes are host errors") {
    FakeSyscalls sys;
    auto t = open_ok(sys);
    sys.sg_answers.push_back(sg_status(0x00, {}, 0, 0x01));
    sys.sg_answers.push_back(sg_status(0x00, {}, 0, 0x04));
    sys.sg_answers.push_back(sg_status(0x00, {}, 0, 0x08)); // DID_RESET
    CHECK(t->execute(ScsiRequest{tur})->transport == TransportStatus::NoConnect);
    CHECK(t->execute(ScsiRequest{tur})->transport == TransportStatus::NoConnect);
    auto r = t->execute(ScsiRequest{tur});
    CHECK(r->transport == TransportStatus::HostError);
    CHECK(r->host_status == 0x08);
}

TEST_CASE("a driver error without sense is reported as a driver error") {
    FakeSyscalls sys;
    auto t = open_ok(sys);
    sys.sg_answers.push_back(sg_status(0x00, {}, 0, 0, 0x04)); // DRIVER_ERROR
    CHECK(t->execute(ScsiRequest{tur})->transport == TransportStatus::DriverError);
}

TEST_CASE("SG_IO interrupted by a signal is retried") {
    FakeSyscalls sys;
    auto t = open_ok(sys);
    sys.sg_answers = {sg_errno(EINTR), sg_errno(EINTR), sg_status(0x00)};
    auto r = t->execute(ScsiRequest{tur});
    REQUIRE(r);
    CHECK(r->good());
    CHECK(sys.sg_calls.size() == 3);
}

TEST_CASE("SG_IO failing with ENODEV, EBADF or EIO maps to DEV_NOT_EXIST, INVALID_HANDLE and ERROR_IO_DEVICE") {
    FakeSyscalls sys;
    auto t = open_ok(sys);
    sys.sg_answers = {sg_errno(ENODEV), sg_errno(EBADF), sg_errno(EIO)};
    auto r = t->execute(ScsiRequest{tur});
    REQUIRE_FALSE(r);
    CHECK(r.error().hresult() == 0x80070037u);
    CHECK(r.error().cdb().size() == 6);
    CHECK(t->execute(ScsiRequest{tur}).error().hresult() == 0x80070006u);
    CHECK(t->execute(ScsiRequest{tur}).error().hresult() == hr::io_device);
}

TEST_CASE("a CDB outside 6..16 bytes is refused before any system call") {
    FakeSyscalls sys;
    auto t = open_ok(sys);
    const std::array<std::uint8_t, 17> long_cdb{};
    CHECK(t->execute(ScsiRequest{long_cdb}).error().hresult() == hr::e_invalidarg);
    CHECK(t->execute(ScsiRequest{std::span<const std::uint8_t>(tur).first(5)}).error().hresult() == hr::e_invalidarg);
    CHECK(sys.sg_calls.empty());
}

TEST_CASE("taking exclusive access closes and reopens with O_EXCL; EBUSY restores shared access") {
    FakeSyscalls sys;
    auto t = open_ok(sys);
    sys.open_results = {std::unexpected(EBUSY), 8};
    auto r = t->set_exclusive(true, "burner");
    REQUIRE_FALSE(r);
    CHECK(r.error().hresult() == hr::recorder_locked);
    CHECK(sys.closes == std::vector<int>{7});
    REQUIRE(sys.opens.size() == 3);
    CHECK((sys.opens[1].second & O_EXCL) != 0);
    CHECK((sys.opens[2].second & O_EXCL) == 0);
    CHECK_FALSE(t->exclusive());

    REQUIRE(t->set_exclusive(true, "burner"));
    CHECK(t->exclusive());
    CHECK(t->exclusive_access_owner() == "burner");
    REQUIRE(t->set_exclusive(false));
    CHECK_FALSE(t->exclusive());
}

TEST_CASE("the descriptor is closed when the transport goes away") {
    FakeSyscalls sys;
    { auto t = open_ok(sys); }
    CHECK(sys.closes == std::vector<int>{7});
}

TEST_CASE("other openers of the device are found through /proc") {
    FakeSyscalls sys;
    sys.devices["/dev/sr0"] = DeviceNumber{11, 0, true, false};
    sys.dirs["/proc"] = {"1", "1000", "4242", "self", "meminfo"};
    sys.dirs["/proc/1/fd"] = {"0"};
    sys.dirs["/proc/4242/fd"] = {"0", "3"};
    sys.devices["/proc/1/fd/0"] = DeviceNumber{136, 0, false, true};
    sys.devices["/proc/4242/fd/3"] = DeviceNumber{11, 0, true, false};
    sys.files["/proc/4242/comm"] = "growisofs\n";
    CHECK(find_device_openers(sys, "/dev/sr0") == std::vector<std::string>{"growisofs (pid 4242)"});
    auto t = open_ok(sys);
    CHECK(t->exclusive_access_owner() == "growisofs (pid 4242)");
}
