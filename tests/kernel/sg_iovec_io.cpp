// READ(10) or WRITE(10) through SG_IO with a scatter-gather list (iovec_count 3, pieces that
// split blocks), the way a client with several buffers asks. The kernel tests run it against
// the kernel's sg driver and against the CUSE sg device.
//   sg_iovec_io read DEVICE LBA BLOCKS    the blocks go to standard output
//   sg_iovec_io write DEVICE LBA BLOCKS   the blocks come from standard input
// (BLOCKS of 2048 bytes, 1 to 60.) The header's result fields and the sense key, ASC and ASCQ
// go to standard error. Built twice: for this machine and as a 32-bit program (SG_IO's compat
// path).
#include <scsi/sg.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string_view>
#include <sys/ioctl.h>
#include <unistd.h>
#include <vector>

int main(int argc, char** argv) {
    const bool write = argc == 5 && std::string_view(argv[1]) == "write";
    if (argc != 5 || (!write && std::string_view(argv[1]) != "read")) {
        std::fprintf(stderr, "usage: sg_iovec_io read|write DEVICE LBA BLOCKS\n");
        return 2;
    }
    const unsigned long lba = std::strtoul(argv[3], nullptr, 0);
    const unsigned long blocks = std::strtoul(argv[4], nullptr, 0);
    if (blocks == 0 || blocks > 60) {
        std::fprintf(stderr, "sg_iovec_io: BLOCKS must be 1 to 60\n");
        return 2;
    }
    const int fd = ::open(argv[2], O_RDWR | O_NONBLOCK);
    if (fd < 0) {
        std::fprintf(stderr, "sg_iovec_io: open %s: %s\n", argv[2], std::strerror(errno));
        return 1;
    }
    const std::size_t total = blocks * 2048;
    // Three pieces: 1000 bytes, 3096 bytes, the rest (empty when the transfer is shorter).
    const std::size_t first = total < 1000 ? total : 1000;
    const std::size_t second = total - first < 3096 ? total - first : 3096;
    std::vector<unsigned char> a(first), b(second), c(total - first - second);
    std::vector<unsigned char>* pieces[3] = {&a, &b, &c};
    if (write)
        for (auto* piece : pieces)
            if (std::fread(piece->data(), 1, piece->size(), stdin) != piece->size()) {
                std::fprintf(stderr, "sg_iovec_io: standard input holds fewer than %zu bytes\n", total);
                return 2;
            }
    sg_iovec_t list[3] = {{a.data(), a.size()}, {b.data(), b.size()}, {c.data(), c.size()}};
    unsigned char cdb[10] = {static_cast<unsigned char>(write ? 0x2A : 0x28),
                             0,
                             static_cast<unsigned char>(lba >> 24),
                             static_cast<unsigned char>(lba >> 16),
                             static_cast<unsigned char>(lba >> 8),
                             static_cast<unsigned char>(lba),
                             0,
                             static_cast<unsigned char>(blocks >> 8),
                             static_cast<unsigned char>(blocks),
                             0};
    unsigned char sense[32] = {};
    sg_io_hdr_t h{};
    h.interface_id = 'S';
    h.cmd_len = sizeof cdb;
    h.cmdp = cdb;
    h.dxfer_direction = write ? SG_DXFER_TO_DEV : SG_DXFER_FROM_DEV;
    h.iovec_count = 3;
    h.dxferp = list;
    h.dxfer_len = static_cast<unsigned>(total);
    h.mx_sb_len = sizeof sense;
    h.sbp = sense;
    h.timeout = 20000;
    if (::ioctl(fd, SG_IO, &h) != 0) {
        std::fprintf(stderr, "sg_iovec_io: SG_IO: %s\n", std::strerror(errno));
        return 1;
    }
    std::fprintf(stderr,
                 "status 0x%02x host 0x%02x driver 0x%02x resid %d iovec_count %u dxfer_len %u sb_len_wr %u "
                 "sense %x/%02x/%02x\n",
                 h.status, h.host_status, h.driver_status, h.resid, h.iovec_count, h.dxfer_len, h.sb_len_wr,
                 sense[2] & 0x0Fu, sense[12], sense[13]);
    if (h.status != 0 || h.host_status != 0 || (h.driver_status & 0x0F) != 0) return 1;
    if (!write)
        for (const auto* piece : pieces)
            if (!piece->empty() && std::fwrite(piece->data(), 1, piece->size(), stdout) != piece->size()) return 1;
    ::close(fd);
    return 0;
}
