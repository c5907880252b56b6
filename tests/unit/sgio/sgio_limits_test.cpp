// Transfer limits from a fake sysfs, through the seam.
#include "sgio/fake_syscalls.hpp"

#include "recorder/transport/sgio_transport.hpp"

#include <doctest/doctest.h>

using namespace spindle::recorder;
using spindle::test::FakeSyscalls;

namespace {
void add_sr0_queue(FakeSyscalls& sys) {
    sys.links["/sys/dev/block/11:0"] = "../../devices/pci0000:00/0000:00:1f.2/ata2/host1/target1:0:0/1:0:0:0/block/sr0";
    sys.files["/sys/dev/block/11:0/queue/max_hw_sectors_kb"] = "512\n";
    sys.files["/sys/dev/block/11:0/queue/max_sectors_kb"] = "256\n";
    sys.files["/sys/dev/block/11:0/queue/max_segments"] = "168\n";
    sys.files["/sys/dev/block/11:0/queue/max_segment_size"] = "65536\n";
    sys.files["/sys/dev/block/11:0/queue/dma_alignment"] = "3\n";
}
} // namespace

TEST_CASE("limits of /dev/srN come from its queue in sysfs") {
    FakeSyscalls sys;
    sys.devices["/dev/sr0"] = DeviceNumber{11, 0, true, false};
    add_sr0_queue(sys);
    const auto l = read_transfer_limits(sys, "/sys", "/dev/sr0", -1);
    CHECK(l.max_hw_bytes == 512 * 1024);
    CHECK(l.max_sectors_bytes == 256 * 1024);
    CHECK(l.max_segments == 168);
    CHECK(l.alignment_mask == 3);
    CHECK(l.bus == "ata");
    CHECK(l.max_page_aligned_transfer() == 512 * 1024);
    CHECK(l.max_non_page_aligned_transfer() == 512 * 1024);
}

TEST_CASE("limits of /dev/sgN come from the queue of its sr sibling, plus SG_GET_RESERVED_SIZE") {
    FakeSyscalls sys;
    sys.devices["/dev/sg1"] = DeviceNumber{21, 1, false, true};
    sys.links["/sys/dev/char/21:1"] = "../../devices/platform/host3/target3:0:1/3:0:1:0/scsi_generic/sg1";
    sys.dirs["/sys/dev/char/21:1/device/block"] = {"sr0"};
    sys.files["/sys/class/block/sr0/queue/max_hw_sectors_kb"] = "128";
    sys.files["/sys/class/block/sr0/queue/max_segments"] = "16";
    sys.ioctl_values[SG_GET_RESERVED_SIZE] = 32768;
    auto t = SgioTransport::open("/dev/sg1", sys);
    REQUIRE(t);
    const auto l = (*t)->limits();
    CHECK(l.max_hw_bytes == 128 * 1024);
    CHECK(l.max_segments == 16);
    CHECK(l.sg_reserved_bytes == 32768);
    CHECK(l.max_page_aligned_transfer() == 16 * 4096);
    CHECK(l.max_non_page_aligned_transfer() == 15 * 4096);
    CHECK(l.alignment_mask == 511); // no dma_alignment attribute: the block layer default
    CHECK(l.bus == "scsi");
}

TEST_CASE("an sg node without a queue falls back to its reserved buffer size") {
    FakeSyscalls sys;
    sys.devices["/dev/sg3"] = DeviceNumber{21, 3, false, true};
    sys.ioctl_values[SG_GET_RESERVED_SIZE] = 65536;
    const auto l = read_transfer_limits(sys, "/sys", "/dev/sg3", 7);
    CHECK(l.max_hw_bytes == 65536);
    CHECK(l.source == "SG_GET_RESERVED_SIZE");
}

TEST_CASE("unreadable sysfs leaves documented defaults") {
    FakeSyscalls sys;
    const auto l = read_transfer_limits(sys, "/sys", "/dev/sr5", -1);
    CHECK(l.max_hw_bytes == 512 * 1024);
    CHECK(l.alignment_mask == 511);
    CHECK(l.source.starts_with("defaults"));
}
