#!/usr/bin/python3
"""Checks CD sectors read from the drive through the kernel against the ISO image they hold.

  cd_sectors.py raw BIN ISO         BIN: sectors from LBA 0 as cdrdao read-cd --read-raw writes
                                    them: 2352 bytes each, or 2448 with raw P-W sub-channels
  cd_sectors.py ioctl DEV ISO LBA   the sr driver's CDROMREADMODE1, CDROMREADRAW, CDROMSUBCHNL

Each check prints one line; the exit status is the number of failures.
"""
import fcntl
import os
import struct
import sys

CDROMSUBCHNL, CDROMREADMODE1, CDROMREADRAW = 0x530B, 0x530D, 0x5314  # <linux/cdrom.h>
CDROM_LBA = 0x01
SYNC = b"\x00" + b"\xff" * 10 + b"\x00"


def edc_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ (0xD8018001 if c & 1 else 0)
        table.append(c)
    return table


EDC = edc_table()


def edc(data):
    c = 0
    for b in data:
        c = EDC[(c ^ b) & 0xFF] ^ (c >> 8)
    return c


def bcd(v):
    return (v // 10) << 4 | v % 10


def bcd_msf(blocks):
    return bytes([bcd(blocks // 4500), bcd(blocks // 75 % 60), bcd(blocks % 75)])


def header(lba):
    return bcd_msf(lba + 150) + b"\x01"


def crc16(data):
    c = 0
    for b in data:
        c ^= b << 8
        for _ in range(8):
            c = ((c << 1) ^ 0x1021 if c & 0x8000 else c << 1) & 0xFFFF
    return c


def q_problem(pw, lba):
    """Q from bit 6 of the 96 raw P-W bytes: mode 1 of track 1, index 1, its CRC inverted."""
    q = bytes(sum(((pw[8 * i + k] >> 6) & 1) << (7 - k) for k in range(8)) for i in range(12))
    want = bytes([0x41, 0x01, 0x01]) + bcd_msf(lba) + b"\x00" + bcd_msf(lba + 150)
    if q[:10] != want:
        return f"Q {q[:10].hex()}, expected {want.hex()}"
    if int.from_bytes(q[10:12], "big") != crc16(q[:10]) ^ 0xFFFF:
        return "Q CRC"
    if any(b & 0xBF for b in pw):
        return "P or R-W not zero inside the track"
    return None


def sector_problem(sector, lba, user):
    if sector[:12] != SYNC:
        return "sync"
    if sector[12:16] != header(lba):
        return f"header {sector[12:16].hex()}, expected {header(lba).hex()}"
    if sector[16:2064] != user:
        return "user data differs from the image"
    if struct.unpack("<I", sector[2064:2068])[0] != edc(sector[:2064]):
        return "EDC"
    if sector[2068:2076] != bytes(8):
        return "the 8 bytes after the EDC are not zero"
    return None


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    return 0 if ok else 1


def raw(bin_path, iso_path):
    data = open(bin_path, "rb").read()
    iso = open(iso_path, "rb").read()
    blocks = len(iso) // 2048
    size = len(data) // blocks if blocks else 0
    failures = check(size in (2352, 2448) and len(data) == blocks * size,
                     f"{bin_path}: {len(data)} bytes for {blocks} sectors of 2352 or 2448")
    problems = []
    for lba in range(min(blocks, len(data) // max(size, 1))):
        sector = data[lba * size:(lba + 1) * size]
        p = sector_problem(sector[:2352], lba, iso[lba * 2048:(lba + 1) * 2048])
        if p is None and size == 2448:
            p = q_problem(sector[2352:], lba)
        if p:
            problems.append(f"LBA {lba}: {p}")
    what = "sync, header, user data, EDC" + (", Q sub-channel" if size == 2448 else "")
    return failures + check(not problems, f"{blocks} raw sectors: {what}" +
                            (": " + "; ".join(problems[:3]) if problems else ""))


def msf(lba):
    n = lba + 150
    return bytes([n // 4500, n // 75 % 60, n % 75])


def ioctl(dev, iso_path, lba):
    user = open(iso_path, "rb").read()[lba * 2048:(lba + 1) * 2048]
    fd = os.open(dev, os.O_RDONLY | os.O_NONBLOCK)
    failures = 0
    buf = bytearray(2048)
    buf[:3] = msf(lba)
    fcntl.ioctl(fd, CDROMREADMODE1, buf, True)
    failures += check(bytes(buf) == user, f"CDROMREADMODE1 at LBA {lba}: the image's block")
    buf = bytearray(2352)
    buf[:3] = msf(lba)
    fcntl.ioctl(fd, CDROMREADRAW, buf, True)
    p = sector_problem(bytes(buf), lba, user)
    failures += check(p is None, f"CDROMREADRAW at LBA {lba}: " + (p or "sync, header, user data, EDC"))
    # struct cdrom_subchnl: format, audio status, adr:4|ctrl:4, track, index, absolute, relative.
    sub = bytearray(struct.pack("BBBBBii", CDROM_LBA, 0, 0, 0, 0, 0, 0))
    fcntl.ioctl(fd, CDROMSUBCHNL, sub, True)
    _, _, adr_ctrl, track, index, absolute, relative = struct.unpack("BBBBBii", sub)
    failures += check((track, index, absolute, relative) == (1, 1, lba, lba),
                      f"CDROMSUBCHNL after the read: track {track} index {index} at {absolute}, "
                      f"{relative} into the track")
    os.close(fd)
    return failures


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "raw":
        sys.exit(raw(sys.argv[2], sys.argv[3]))
    if len(sys.argv) == 5 and sys.argv[1] == "ioctl":
        sys.exit(ioctl(sys.argv[2], sys.argv[3], int(sys.argv[4])))
    sys.exit(__doc__)
