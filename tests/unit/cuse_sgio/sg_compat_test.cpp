// The 32-bit SG_IO layouts a CUSE device meets from 32-bit programs (sg_compat.hpp): the
// kernel's struct compat_sg_io_hdr field by field, and the conversions both ways.
#include "emulator/targets/cuse/sg_compat.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <cstring>

using namespace spindle::cuse;

TEST_CASE("the 32-bit SG_IO header has the kernel's compat_sg_io_hdr offsets") {
    // drivers/scsi/sg.c (compat_sg_io_hdr): ints and 32-bit pointers, 64 bytes.
    CHECK(offsetof(CompatSgIoHdr, interface_id) == 0);
    CHECK(offsetof(CompatSgIoHdr, dxfer_direction) == 4);
    CHECK(offsetof(CompatSgIoHdr, cmd_len) == 8);
    CHECK(offsetof(CompatSgIoHdr, mx_sb_len) == 9);
    CHECK(offsetof(CompatSgIoHdr, iovec_count) == 10);
    CHECK(offsetof(CompatSgIoHdr, dxfer_len) == 12);
    CHECK(offsetof(CompatSgIoHdr, dxferp) == 16);
    CHECK(offsetof(CompatSgIoHdr, cmdp) == 20);
    CHECK(offsetof(CompatSgIoHdr, sbp) == 24);
    CHECK(offsetof(CompatSgIoHdr, timeout) == 28);
    CHECK(offsetof(CompatSgIoHdr, flags) == 32);
    CHECK(offsetof(CompatSgIoHdr, pack_id) == 36);
    CHECK(offsetof(CompatSgIoHdr, usr_ptr) == 40);
    CHECK(offsetof(CompatSgIoHdr, status) == 44);
    CHECK(offsetof(CompatSgIoHdr, sb_len_wr) == 47);
    CHECK(offsetof(CompatSgIoHdr, host_status) == 48);
    CHECK(offsetof(CompatSgIoHdr, driver_status) == 50);
    CHECK(offsetof(CompatSgIoHdr, resid) == 52);
    CHECK(offsetof(CompatSgIoHdr, duration) == 56);
    CHECK(offsetof(CompatSgIoHdr, info) == 60);
    CHECK(offsetof(CompatSgIovec, iov_len) == 4);
}

TEST_CASE("a 32-bit header converts to the 64-bit one and its results back, addresses kept") {
    CompatSgIoHdr c{};
    c.interface_id = 'S';
    c.dxfer_direction = SG_DXFER_FROM_DEV;
    c.cmd_len = 10;
    c.mx_sb_len = 32;
    c.iovec_count = 3;
    c.dxfer_len = 81920;
    c.dxferp = 0xFFD01234;
    c.cmdp = 0x0804A000;
    c.sbp = 0x0804A020;
    c.timeout = 20000;
    c.flags = SG_FLAG_DIRECT_IO;
    c.pack_id = -7;
    c.usr_ptr = 0x11223344;
    const sg_io_hdr_t h = from_compat(c);
    CHECK(h.interface_id == 'S');
    CHECK(h.dxfer_direction == SG_DXFER_FROM_DEV);
    CHECK(h.cmd_len == 10);
    CHECK(h.mx_sb_len == 32);
    CHECK(h.iovec_count == 3);
    CHECK(h.dxfer_len == 81920);
    CHECK(reinterpret_cast<std::uintptr_t>(h.dxferp) == 0xFFD01234);
    CHECK(reinterpret_cast<std::uintptr_t>(h.cmdp) == 0x0804A000);
    CHECK(reinterpret_cast<std::uintptr_t>(h.sbp) == 0x0804A020);
    CHECK(h.timeout == 20000);
    CHECK(h.flags == SG_FLAG_DIRECT_IO);
    CHECK(h.pack_id == -7);
    CHECK(reinterpret_cast<std::uintptr_t>(h.usr_ptr) == 0x11223344);

    sg_io_hdr_t result = h; // what the device fills in
    result.status = 0x02;
    result.masked_status = 0x01;
    result.sb_len_wr = 18;
    result.host_status = 0x03;
    result.driver_status = 0x08;
    result.resid = 4096;
    result.duration = 1234;
    result.info = SG_INFO_CHECK;
    const CompatSgIoHdr back = to_compat(result);
    CompatSgIoHdr expected = c;
    expected.status = 0x02;
    expected.masked_status = 0x01;
    expected.sb_len_wr = 18;
    expected.host_status = 0x03;
    expected.driver_status = 0x08;
    expected.resid = 4096;
    expected.duration = 1234;
    expected.info = SG_INFO_CHECK;
    CHECK(std::memcmp(&back, &expected, sizeof back) == 0);

    const sg_iovec_t piece = from_compat(CompatSgIovec{0xFFD01234, 1000});
    CHECK(reinterpret_cast<std::uintptr_t>(piece.iov_base) == 0xFFD01234);
    CHECK(piece.iov_len == 1000);
}
