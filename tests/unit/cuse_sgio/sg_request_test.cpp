// SG_IO as the sg driver answers it, decided without a kernel: status, sense, residual, host
// and driver status, timeouts, a vanished device.
#include "support/served_drive_rules.hpp"
#include "support/test_drive.hpp"

#include "emulator/profile/profile_loader.hpp"
#include "emulator/targets/cuse/sg_ioctl.hpp"

#include <doctest/doctest.h>

using namespace spindle;
using namespace spindle::cuse;
using spindle::test::as_vector;

namespace {

struct Rig {
    VirtualClock clock;
    ServedDrive drive{"drive0", std::make_unique<Drive>(default_profile(), clock)};
    bool gone = false;

    SgResult run(std::vector<std::uint8_t> cdb, int direction, std::size_t length, std::vector<std::uint8_t> out = {},
                 std::uint32_t timeout_ms = 60000) {
        sg_io_hdr_t h{};
        h.interface_id = 'S';
        h.cmd_len = static_cast<unsigned char>(cdb.size());
        h.dxfer_direction = direction;
        h.dxfer_len = static_cast<unsigned>(length);
        h.mx_sb_len = 32;
        h.pack_id = 77;
        REQUIRE(check_header(h, cuse_limits) == 0);
        return run_sg_io(drive, h, cdb, out, timeout_ms, gone);
    }
    void add_rule(std::string_view line) { test::add_rule(drive, line); }
};

} // namespace

TEST_CASE("SG_IO data-in: the answer, its residual, status GOOD and no check info") {
    Rig r;
    r.run(as_vector(scsi::cdb::test_unit_ready()), SG_DXFER_NONE, 0); // the power-on unit attention
    const auto res = r.run(as_vector(scsi::cdb::inquiry(96)), SG_DXFER_FROM_DEV, 200);
    CHECK(res.header.status == 0);
    CHECK(res.header.info == SG_INFO_OK);
    CHECK(res.header.pack_id == 77);
    REQUIRE(res.data_in.size() >= 36);
    CHECK(res.header.resid == static_cast<int>(200 - res.data_in.size()));
    CHECK((res.data_in[0] & 0x1F) == 0x05); // CD/DVD device
}

TEST_CASE("SG_IO CHECK CONDITION: sense returned with DRIVER_SENSE and masked status") {
    Rig r;
    const auto res = r.run(as_vector(scsi::cdb::test_unit_ready()), SG_DXFER_NONE, 0);
    CHECK(res.header.status == 0x02);
    CHECK(res.header.masked_status == 0x01);
    CHECK(res.header.driver_status == driver_sense);
    CHECK(res.header.info == SG_INFO_CHECK);
    REQUIRE(res.header.sb_len_wr == 18);
    CHECK(res.sense.size() == 18);
    CHECK((res.sense[0] & 0x7F) == 0x70);
    CHECK((res.sense[2] & 0x0F) == 0x06); // unit attention
}

TEST_CASE("SG_IO data-in ending in CHECK CONDITION: no data, no residual, as sg over LIO reports it") {
    Rig r;
    r.run(as_vector(scsi::cdb::test_unit_ready()), SG_DXFER_NONE, 0);
    // READ(10) of 2 blocks with no disc in the drive: NOT READY, MEDIUM NOT PRESENT.
    const auto res = r.run(as_vector(scsi::cdb::read10(0, 2)), SG_DXFER_FROM_DEV, 4096);
    CHECK(res.header.status == 0x02);
    CHECK(res.data_in.empty());
    CHECK(res.header.resid == 0);
    REQUIRE(res.sense.size() == 18);
    CHECK((res.sense[2] & 0x0F) == 0x02);
    CHECK(res.sense[12] == 0x3A);
}

TEST_CASE("SG_IO data-out: the initiator's bytes reach the drive") {
    Rig r;
    r.run(as_vector(scsi::cdb::test_unit_ready()), SG_DXFER_NONE, 0);
    r.run(as_vector(scsi::cdb::mode_select10(8)), SG_DXFER_TO_DEV, 8, std::vector<std::uint8_t>(8, 0));
    CHECK(r.drive.stats().data_out_bytes == 8);
}

TEST_CASE("SG_IO: an answer later than the timeout ends as DID_TIME_OUT at the timeout") {
    Rig r;
    r.add_rule("{command: INQUIRY, delay: 5s}");
    const auto res = r.run(as_vector(scsi::cdb::inquiry(36)), SG_DXFER_FROM_DEV, 36, {}, 1000);
    CHECK(res.header.host_status == did_time_out);
    CHECK(res.header.info == SG_INFO_CHECK);
    CHECK(res.due - res.arrived == std::chrono::milliseconds(1000));
    const auto ok = r.run(as_vector(scsi::cdb::inquiry(36)), SG_DXFER_FROM_DEV, 36, {}, 10000);
    CHECK(ok.header.host_status == did_ok);
    CHECK(ok.due - ok.arrived == std::chrono::seconds(5));
}

TEST_CASE("SG_IO: a hung command times out; a vanished device answers DID_NO_CONNECT from then on") {
    Rig r;
    r.add_rule("{command: INQUIRY, hang: true}");
    CHECK(r.run(as_vector(scsi::cdb::inquiry(36)), SG_DXFER_FROM_DEV, 36, {}, 500).header.host_status == did_time_out);
    r.add_rule("{command: TEST UNIT READY, vanish: true}");
    CHECK(r.run(as_vector(scsi::cdb::test_unit_ready()), SG_DXFER_NONE, 0).header.host_status == did_no_connect);
    CHECK(r.gone);
    CHECK(r.run(as_vector(scsi::cdb::read_capacity()), SG_DXFER_FROM_DEV, 8).header.host_status == did_no_connect);
}

TEST_CASE("SG_IO headers sg refuses: another interface, a bad CDB length, too much data, too many iovecs") {
    sg_io_hdr_t h{};
    h.interface_id = 'Q';
    h.cmd_len = 6;
    h.dxfer_direction = SG_DXFER_NONE;
    CHECK(check_header(h, cuse_limits) == ENOSYS);
    h.interface_id = 'S';
    h.cmd_len = 3;
    CHECK(check_header(h, cuse_limits) == EMSGSIZE);
    h.cmd_len = 10;
    h.dxfer_direction = SG_DXFER_FROM_DEV;
    h.dxfer_len = cuse_limits.max_transfer + 1;
    CHECK(check_header(h, cuse_limits) == ENOMEM);
    h.dxfer_len = 8;
    h.iovec_count = 2;
    CHECK(check_header(h, cuse_limits) == 0);
    h.iovec_count = cuse_limits.max_iovec_count + 1;
    CHECK(check_header(h, cuse_limits) == EINVAL);
    h.iovec_count = 0;
    h.dxfer_direction = 7;
    CHECK(check_header(h, cuse_limits) == EINVAL);
}

TEST_CASE("SG_IO without data takes any direction, as cdrdao's zeroed header has it") {
    sg_io_hdr_t h{};
    h.interface_id = 'S';
    h.cmd_len = 6;
    CHECK(check_header(h, cuse_limits) == 0);
    Rig r;
    r.run(as_vector(scsi::cdb::test_unit_ready()), 0, 0); // the power-on unit attention
    const auto res =
        r.run(as_vector(scsi::cdb::prevent_allow_medium_removal(false)), 0, 0); // PREVENT ALLOW MEDIUM REMOVAL: allow
    CHECK(res.header.status == 0);
    CHECK(res.header.host_status == did_ok);
}
