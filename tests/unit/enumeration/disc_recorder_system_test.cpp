// DiscRecorder's system facts (volume name, volume paths, legacy number) on an sg node,
// with INQUIRY answered through the Syscalls seam.
#include "sgio/fake_syscalls.hpp"

#include "recorder/disc_recorder.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <fcntl.h>

using namespace spindle::recorder;
using spindle::test::FakeSyscalls;

namespace {

// Answers INQUIRY like an MMC drive and fails everything else with 5/24/00.
SysResult<void> answer_inquiry(sg_io_hdr& h) {
    const auto* cdb = h.cmdp;
    if (cdb[0] == 0x12 && (cdb[1] & 1) == 0) {
        std::array<std::uint8_t, 36> q{0x05, 0x80, 0x00, 0x32, 31};
        std::memcpy(q.data() + 8, "ACME    DVD-RW 9000     1.02", 28);
        const auto n = std::min<std::size_t>(q.size(), h.dxfer_len);
        std::memcpy(h.dxferp, q.data(), n);
        h.resid = static_cast<int>(h.dxfer_len - n);
        return {};
    }
    static const std::array<std::uint8_t, 18> sense{0x70, 0, 5, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x24, 0, 0, 0, 0, 0};
    std::memcpy(h.sbp, sense.data(), sense.size());
    h.sb_len_wr = static_cast<unsigned char>(sense.size());
    h.status = 0x02;
    h.driver_status = 0x08;
    return {};
}

void script(FakeSyscalls& sys) {
    for (int i = 0; i < 8; ++i) sys.sg_answers.push_back(answer_inquiry);
    sys.devices["/dev/sg2"] = DeviceNumber{21, 2, false, true};
    sys.dirs["/sys/dev/char/21:2/device/block"] = {"sr1"};
    sys.files["/sys/class/block/sr1/dev"] = "11:1\n";
    sys.files["/proc/self/mountinfo"] = "40 1 11:1 / /media/disc ro - iso9660 /dev/sr1 ro\n";
}

} // namespace

TEST_CASE("a recorder opened on /dev/sgN knows its sr volume, its mount points and its legacy number") {
    FakeSyscalls sys;
    script(sys);
    OpenOptions o;
    o.syscalls = &sys;
    auto r = DiscRecorder::open("/dev/sg2", o);
    REQUIRE(r);
    auto& rec = **r;
    CHECK(rec.vendor_id() == "ACME");
    CHECK(rec.product_id() == "DVD-RW 9000");
    CHECK(rec.product_revision() == "1.02");
    CHECK(rec.active_disc_recorder() == "/dev/sg2");
    CHECK(rec.volume_name() == "/dev/sr1");
    CHECK(rec.volume_path_names() == std::vector<std::string>{"/media/disc"});
    CHECK(rec.legacy_device_number() == 1);
}

TEST_CASE("a recorder refuses a device that is not an MMC drive") {
    FakeSyscalls sys;
    sys.sg_answers.push_back([](sg_io_hdr& h) -> SysResult<void> {
        std::array<std::uint8_t, 5> q{0x00, 0, 0, 2, 31}; // a disk
        std::memcpy(h.dxferp, q.data(), q.size());
        return {};
    });
    sys.sg_answers.push_back([](sg_io_hdr& h) -> SysResult<void> {
        std::array<std::uint8_t, 36> q{0x00, 0, 0, 2, 31};
        std::memcpy(h.dxferp, q.data(), q.size());
        return {};
    });
    OpenOptions o;
    o.syscalls = &sys;
    auto r = DiscRecorder::open("/dev/sg0", o);
    REQUIRE_FALSE(r);
    CHECK(r.error().hresult() == hr::not_supported);
}

TEST_CASE("exclusive access unmounts the disc's file systems first; a busy one is LOCKED unless forced") {
    SUBCASE("unmountable: unmounted, then the device reopened with O_EXCL") {
        FakeSyscalls sys;
        script(sys);
        OpenOptions o;
        o.syscalls = &sys;
        auto r = DiscRecorder::open("/dev/sg2", o);
        REQUIRE(r);
        REQUIRE((*r)->acquire_exclusive_access(false, "burner"));
        CHECK(sys.unmounted == std::vector<std::string>{"/media/disc"});
        CHECK((sys.opens.back().second & O_EXCL) != 0);
    }
    SUBCASE("busy, not forced: E_IMAPI_RECORDER_LOCKED naming the mount point, the device left shared") {
        FakeSyscalls sys;
        script(sys);
        sys.unmount_errors["/media/disc"] = EBUSY;
        OpenOptions o;
        o.syscalls = &sys;
        auto r = DiscRecorder::open("/dev/sg2", o);
        REQUIRE(r);
        const auto opens = sys.opens.size();
        auto a = (*r)->acquire_exclusive_access(false, "burner");
        REQUIRE_FALSE(a);
        CHECK(a.error().hresult() == hr::recorder_locked);
        CHECK(a.error().to_string().find("/media/disc") != std::string::npos);
        CHECK(sys.opens.size() == opens);
        CHECK((*r)->exclusive_access_count() == 0);
    }
    SUBCASE("busy, forced: taken regardless") {
        FakeSyscalls sys;
        script(sys);
        sys.unmount_errors["/media/disc"] = EBUSY;
        OpenOptions o;
        o.syscalls = &sys;
        auto r = DiscRecorder::open("/dev/sg2", o);
        REQUIRE(r);
        REQUIRE((*r)->acquire_exclusive_access(true, "burner"));
        CHECK((sys.opens.back().second & O_EXCL) != 0);
        CHECK((*r)->exclusive_access_count() == 1);
    }
}
