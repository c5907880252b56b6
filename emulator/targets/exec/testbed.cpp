#include "emulator/targets/exec/testbed.hpp"

#include "emulator/targets/exec/exec_protocol.hpp"

#include <fmt/format.h>

#include <fstream>
#include <system_error>

namespace spindle::exec {

namespace fs = std::filesystem;

namespace {

std::string take_error(GError* error) {
    std::string text = error != nullptr ? error->message : "unknown error";
    if (error != nullptr) g_error_free(error);
    return text;
}

std::expected<void, std::string> write_file(const fs::path& path, const std::string& text) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) return std::unexpected(fmt::format("cannot write {}", path.string()));
    return {};
}

// umockdev's records (umockdev-record's format): the block device, its sg node, and the SCSI
// device both hang from, as the kernel's sysfs has them. Attribute values end in a newline as
// sysfs's do (written \\n: umockdev unescapes them); the SCSI strings are INQUIRY's, padded.
std::string sysfs_record(unsigned i, const DriveIdentity& id, std::uint64_t blocks_512) {
    const std::string scsi = fmt::format("/devices/platform/spindle/host{0}/target{0}:0:0/{0}:0:0:0", i);
    return fmt::format("P: {0}/block/sr{1}\n"
                       "N: sr{1}\n"
                       "E: DEVNAME=/dev/sr{1}\nE: DEVTYPE=disk\nE: SUBSYSTEM=block\nE: MAJOR={2}\nE: MINOR={1}\n"
                       "E: ID_CDROM=1\nE: ID_TYPE=cd\n"
                       "A: dev={2}:{1}\nA: size={4}\\n\nA: removable=1\\n\nA: ro=0\\n\nA: range=1\\n\n"
                       "L: device=../../../{1}:0:0:0\n"
                       "\n"
                       "P: {0}/scsi_generic/sg{1}\n"
                       "N: sg{1}=00\n"
                       "E: DEVNAME=/dev/sg{1}\nE: SUBSYSTEM=scsi_generic\nE: MAJOR={3}\nE: MINOR={1}\n"
                       "A: dev={3}:{1}\n"
                       "L: device=../../../{1}:0:0:0\n"
                       "\n"
                       "P: {0}\n"
                       "E: DEVTYPE=scsi_device\nE: DRIVER=sr\nE: SUBSYSTEM=scsi\n"
                       "A: type=5\\n\nA: vendor={5:<8.8}\\n\nA: model={6:<16.16}\\n\nA: rev={7:<4.4}\\n\n"
                       "A: scsi_level=6\\n\nA: state=running\\n\nA: device_blocked=0\\n\n"
                       "\n",
                       scsi, i, sr_major, sg_major, blocks_512, id.vendor, id.product, id.revision);
}

} // namespace

std::expected<std::unique_ptr<Testbed>, std::string> Testbed::create() {
    UMockdevTestbed* testbed = umockdev_testbed_new();
    if (testbed == nullptr) return std::unexpected("cannot create the umockdev testbed");
    auto t = std::unique_ptr<Testbed>(new Testbed(testbed));
    // A failed open of any other /dev path is connected to the default handler's socket and
    // takes one of the preload's 50 descriptor slots: scanners that try /dev/sr0..31 would
    // overflow it. Without the socket such opens are left alone.
    std::error_code ec;
    fs::remove(t->root_ / "ioctl" / "_default", ec);
    return t;
}

Testbed::Testbed(UMockdevTestbed* testbed) : testbed_(testbed) {
    gchar* root = umockdev_testbed_get_root_dir(testbed_);
    root_ = root;
    g_free(root);
}

Testbed::~Testbed() { g_object_unref(testbed_); } // umockdev removes the directory

std::expected<void, std::string> Testbed::add_drive(unsigned index, const DriveIdentity& identity,
                                                    std::uint64_t blocks_512) {
    GError* error = nullptr;
    if (!umockdev_testbed_add_from_string(testbed_, sysfs_record(index, identity, blocks_512).c_str(), &error))
        return std::unexpected(fmt::format("cannot add drive {} to the testbed: {}", index, take_error(error)));
    // scdN: the old name of the same block device (wodim scans it). umockdev makes nodes for
    // sysfs devices only, so this one is made as umockdev makes its block nodes: a file whose
    // sticky bit marks a block device, and its major:minor in dev/.node.
    const fs::path scd = root_ / "dev" / fmt::format("scd{}", index);
    if (auto w = write_file(scd, ""); !w) return w;
    std::error_code ec;
    fs::permissions(scd,
                    fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read |
                        fs::perms::sticky_bit,
                    ec);
    fs::create_symlink(fmt::format("{}:{}", sr_major, index), root_ / "dev" / ".node" / fmt::format("scd{}", index),
                       ec);
    if (ec) return std::unexpected(fmt::format("cannot make {}: {}", scd.string(), ec.message()));
    return {};
}

std::expected<void, std::string> Testbed::attach(const std::string& node, UMockdevIoctlBase* handler) {
    GError* error = nullptr;
    if (!umockdev_testbed_attach_ioctl(testbed_, node.c_str(), handler, &error))
        return std::unexpected(fmt::format("cannot attach {}: {}", node, take_error(error)));
    return {};
}

std::expected<void, std::string> Testbed::write_cdrom_info(const std::string& text) {
    return write_file(root_ / "proc" / "sys" / "dev" / "cdrom" / "info", text);
}

} // namespace spindle::exec
