// SG_IO round trips per second from a plain C client: TEST UNIT READY sent COUNT times to
// DEVICE, each checked GOOD. Under `mmc-emu exec` every one crosses umockdev's socket to the
// drive model and back.
//   sgio_rate DEVICE COUNT
#include <scsi/sg.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: sgio_rate DEVICE COUNT\n");
        return 2;
    }
    const long count = std::strtol(argv[2], nullptr, 10);
    const int fd = open(argv[1], O_RDWR | O_NONBLOCK);
    if (fd < 0 || count <= 0) {
        std::perror(argv[1]);
        return 1;
    }
    unsigned char cdb[6] = {0x00, 0, 0, 0, 0, 0};
    unsigned char sense[32];
    const auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < count; ++i) {
        sg_io_hdr_t h{};
        h.interface_id = 'S';
        h.dxfer_direction = SG_DXFER_NONE;
        h.cmd_len = sizeof cdb;
        h.cmdp = cdb;
        h.mx_sb_len = sizeof sense;
        h.sbp = sense;
        h.timeout = 10000;
        if (ioctl(fd, SG_IO, &h) != 0 || h.status != 0 || h.host_status != 0) {
            std::fprintf(stderr, "sgio_rate: command %ld failed (status %d, host %d)\n", i, h.status, h.host_status);
            return 1;
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%ld TEST UNIT READY in %.3f s: %.0f commands/s\n", count, seconds,
                static_cast<double>(count) / seconds);
    return 0;
}
