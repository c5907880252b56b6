// Drive enumeration against a fake sysfs tree in a temporary directory, read with the real
// system calls.
#include "recorder/enumeration.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace spindle::recorder;
namespace fs = std::filesystem;

namespace {

class TempTree {
public:
    TempTree() {
        root = fs::temp_directory_path() /
               ("spindle-sysfs-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::create_directories(root);
    }
    ~TempTree() { fs::remove_all(root); }
    void file(const std::string& rel, const std::string& text) {
        fs::create_directories((root / rel).parent_path());
        std::ofstream(root / rel) << text;
    }
    void dir(const std::string& rel) { fs::create_directories(root / rel); }
    // One SCSI device: type, identity, and the sr/sg children the kernel lists.
    void scsi_device(const std::string& hctl, int type, const std::string& block, const std::string& sg,
                     const std::string& model = "DVD-RW") {
        const std::string d = "bus/scsi/devices/" + hctl;
        file(d + "/type", std::to_string(type) + "\n");
        file(d + "/vendor", "ACME    \n");
        file(d + "/model", model + "\n");
        file(d + "/rev", "1.02\n");
        if (!block.empty()) dir(d + "/block/" + block);
        if (!sg.empty()) dir(d + "/scsi_generic/" + sg);
    }
    fs::path root;
    static inline int counter = 0;
};

} // namespace

TEST_CASE("only type 5 SCSI devices are listed, with their sr and sg names paired") {
    TempTree t;
    t.scsi_device("0:0:0:0", 5, "sr0", "sg0", "BD-RE BH16");
    t.scsi_device("1:0:0:0", 0, "sda", "sg1"); // a disk
    t.scsi_device("2:0:0:0", 5, "sr1", "sg2");
    t.dir("bus/scsi/devices/host0");
    t.dir("bus/scsi/devices/target0:0:0");
    const auto drives = enumerate_optical_drives(real_syscalls(), t.root.string());
    REQUIRE(drives.size() == 2);
    CHECK(drives[0].scsi_address == "0:0:0:0");
    CHECK(drives[0].block_name == "sr0");
    CHECK(drives[0].generic_name == "sg0");
    CHECK(drives[0].vendor == "ACME");
    CHECK(drives[0].model == "BD-RE BH16");
    CHECK(drives[0].revision == "1.02");
    CHECK(drives[0].device_path() == "/dev/sr0");
    CHECK(drives[1].block_name == "sr1");
    CHECK(drives[1].generic_name == "sg2");
}

TEST_CASE("a drive without the sr driver is opened through its sg node") {
    TempTree t;
    t.scsi_device("3:0:0:0", 5, "", "sg4");
    const auto drives = enumerate_optical_drives(real_syscalls(), t.root.string());
    REQUIRE(drives.size() == 1);
    CHECK(drives[0].block_name.empty());
    CHECK(drives[0].device_path() == "/dev/sg4");
}

TEST_CASE("a drive with neither sr nor sg cannot be opened and is not listed") {
    TempTree t;
    t.scsi_device("3:0:0:0", 5, "", "");
    CHECK(enumerate_optical_drives(real_syscalls(), t.root.string()).empty());
}

TEST_CASE("drives are sorted by SCSI address numerically") {
    TempTree t;
    t.scsi_device("10:0:0:0", 5, "sr2", "sg9");
    t.scsi_device("2:0:0:0", 5, "sr0", "sg1");
    t.scsi_device("2:0:1:0", 5, "sr1", "sg3");
    const auto drives = enumerate_optical_drives(real_syscalls(), t.root.string());
    REQUIRE(drives.size() == 3);
    CHECK(drives[0].scsi_address == "2:0:0:0");
    CHECK(drives[1].scsi_address == "2:0:1:0");
    CHECK(drives[2].scsi_address == "10:0:0:0");
}

TEST_CASE("a system without SCSI in sysfs has no drives") {
    TempTree t;
    CHECK(enumerate_optical_drives(real_syscalls(), t.root.string()).empty());
}

TEST_CASE("mount points of a device are read from mountinfo, escapes decoded") {
    TempTree t;
    t.file("mountinfo", "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
                        "97 22 11:0 / /media/me/MY\\040DISC ro,nosuid shared:50 - udf /dev/sr0 ro\n"
                        "98 22 11:0 / /mnt/iso ro shared:51 - iso9660 /dev/sr0 ro\n"
                        "99 22 11:1 / /mnt/other ro - iso9660 /dev/sr1 ro\n");
    const auto points = mount_points(real_syscalls(), 11, 0, (t.root / "mountinfo").string());
    CHECK(points == std::vector<std::string>{"/media/me/MY DISC", "/mnt/iso"});
    CHECK(mount_points(real_syscalls(), 11, 5, (t.root / "mountinfo").string()).empty());
}
