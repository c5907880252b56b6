#!/usr/bin/env python3
"""Writes the seed corpora of the drive_execute, mode_select and scenario_loader harnesses
(tests/fuzz/README.md): real command sequences of burners and the kernel, in each harness's
input format. The recorder and ring seeds come from fuzz_recorder_seeds and fuzz_ring_seeds.
    tests/fuzz/make_seeds.py            (from the repository root)"""
import os
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")

# drive_execute's preset indexes (drive_execute.cpp, `presets`)
NONE, BLANK_CDR, APP_CDR, CLOSED_CDR, BLANK_CDRW, BLANK_DVDR, APP_DVDR, BLANK_DVDRDL, BLANK_DVDRW, \
    FMT_DVDRWRO, BLANK_DVDPR, APP_DVDPR, CLOSED_DVDPR, BLANK_DVDPRDL, BLANK_DVDPRW, FMT_DVDPRW, FMT_DVDRAM, \
    BLANK_BDR, APP_BDR, BLANK_BDRE, FMT_BDRE, CLOSED_BDR = range(22)


def cmd(preset, cdb, data_in=0, data_out=b"", advance=0):
    return bytes([preset, advance, len(cdb)]) + struct.pack(">HH", data_in, len(data_out)) + bytes(cdb) + data_out


def be16(v):
    return [v >> 8 & 0xFF, v & 0xFF]


def be32(v):
    return [v >> 24 & 0xFF, v >> 16 & 0xFF, v >> 8 & 0xFF, v & 0xFF]


TUR = [0x00, 0, 0, 0, 0, 0]
INQUIRY = [0x12, 0, 0, 0, 36, 0]
REQUEST_SENSE = [0x03, 0, 0, 0, 18, 0]
GET_CONFIG = [0x46, 0x00, 0, 0, 0, 0, 0, 0xFF, 0xF0, 0]
GET_CONFIG_CURRENT = [0x46, 0x01, 0, 0, 0, 0, 0, 0x10, 0x00, 0]
GESN = [0x4A, 0x01, 0, 0, 0x10, 0, 0, 0, 8, 0]
DISC_INFO = [0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0]
TRACK_INFO_1 = [0x52, 1, 0, 0, 0, 1, 0, 0, 48, 0]
TRACK_INFO_INVIS = [0x52, 1, 0, 0, 0, 0xFF, 0, 0, 48, 0]
READ_CAPACITY = [0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0]
FORMAT_CAPACITIES = [0x23, 0, 0, 0, 0, 0, 0, 0x00, 0xFC, 0]
TOC = [0x43, 0, 0, 0, 0, 0, 0, 0x03, 0x24, 0]
TOC_SESSION = [0x43, 0x02, 0x01, 0, 0, 0, 0, 0x00, 0x0C, 0]
TOC_FULL = [0x43, 0x02, 0x02, 0, 0, 0, 1, 0x07, 0xFF, 0]
TOC_ATIP = [0x43, 0x02, 0x04, 0, 0, 0, 0, 0x00, 0x1C, 0]
MODE_SENSE_ALL = [0x5A, 0x08, 0x3F, 0, 0, 0, 0, 0xFF, 0xFF, 0]
MODE_SENSE_2A = [0x5A, 0x08, 0x2A, 0, 0, 0, 0, 0x00, 0xFF, 0]
MODE_SENSE6 = [0x1A, 0x08, 0x3F, 0, 0xFF, 0]
BUFFER_CAPACITY = [0x5C, 0, 0, 0, 0, 0, 0, 0, 12, 0]
PERF_WRITE = [0xAC, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x03, 0]
PERF_NOMINAL = [0xAC, 0x10, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00, 0]
MECH_STATUS = [0xBD, 0, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0]
DVD_STRUCT = [0xAD, 0, 0, 0, 0, 0, 0, 0x00, 0x08, 0x04, 0, 0]
BD_STRUCT = [0xAD, 1, 0, 0, 0, 0, 0, 0x00, 0x08, 0x04, 0, 0]
SYNC = [0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0]
CLOSE_TRACK = [0x5B, 0, 1, 0, 0, 1, 0, 0, 0, 0]
CLOSE_SESSION = [0x5B, 0, 2, 0, 0, 0, 0, 0, 0, 0]
CLOSE_FINAL = [0x5B, 0, 5, 0, 0, 0, 0, 0, 0, 0]
PREVENT = [0x1E, 0, 0, 0, 1, 0]
ALLOW = [0x1E, 0, 0, 0, 0, 0]
EJECT = [0x1B, 0, 0, 0, 0x02, 0]
LOAD = [0x1B, 0, 0, 0, 0x03, 0]
SET_CD_SPEED = [0xBB, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0]
SEND_OPC = [0x54, 1, 0, 0, 0, 0, 0, 0, 0, 0]
BLANK_MIN = [0xA1, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
BLANK_FULL = [0xA1, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]


def write10(lba, blocks):
    return [0x2A, 0] + be32(lba) + [0] + be16(blocks) + [0]


def read10(lba, blocks):
    return [0x28, 0] + be32(lba) + [0] + be16(blocks) + [0]


def read_cd(lba, blocks):
    return [0xBE, 0] + be32(lba) + [0] + be16(blocks)[0:0] + [0, 0, blocks, 0x10, 0, 0]


def read_cd_raw(lba, blocks, sector_type=0, flags=0xF8, sub=0):
    return [0xBE, sector_type << 2] + be32(lba) + [0, 0, blocks, flags, sub, 0]


READ_CD_MSF = [0xB9, 0, 0, 0, 2, 0, 0, 2, 3, 0xF8, 0x02, 0]
READ_SUBCHANNEL = [0x42, 0x02, 0x40, 0x01, 0, 0, 0, 0, 16, 0]


def reserve_track(blocks):
    return [0x53, 0, 0, 0, 0, 0] + be32(blocks)[1:] + [0]


def mode_select10(pages):
    body = bytes(8) + pages
    return [0x55, 0x10, 0, 0, 0, 0, 0] + be16(len(body)) + [0], body


def page05(write_type, track_mode, data_block_type, multi=0xC0, test=0):
    p = bytearray(0x34)
    p[0], p[1] = 0x05, 0x32
    p[2] = 0x40 | test << 4 | write_type  # BUFE
    p[3] = multi | track_mode
    p[4] = data_block_type
    p[8] = 0x00  # session format
    return bytes(p)


def set_streaming(end_lba, kbps):
    d = bytearray(28)
    d[0] = 0x00
    d[8:12] = bytes(be32(end_lba))
    d[12:16] = bytes(be32(kbps))
    d[16:20] = bytes(be32(1000))
    d[20:24] = bytes(be32(kbps))
    d[24:28] = bytes(be32(1000))
    return [0xB6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 28, 0], bytes(d)


def format_unit(blocks, fmt_type, param=0):
    d = bytes([0, 0x02, 0, 8]) + bytes(be32(blocks)) + bytes([fmt_type << 2]) + bytes(be32(param)[1:])
    return [0x04, 0x11, 0, 0, 0, 0], d


def probe(p):
    """What the kernel, udev and a burner ask of a new disc."""
    return [cmd(p, TUR), cmd(p, TUR), cmd(p, REQUEST_SENSE, 18), cmd(p, INQUIRY, 36), cmd(p, GET_CONFIG, 0xFFF0),
            cmd(p, GESN, 8), cmd(p, DISC_INFO, 34), cmd(p, TRACK_INFO_1, 48), cmd(p, READ_CAPACITY, 8),
            cmd(p, FORMAT_CAPACITIES, 0xFC), cmd(p, TOC, 0x324), cmd(p, MODE_SENSE_2A, 0xFF), cmd(p, PERF_WRITE, 4096)]


def burn(p, blocks=16, cd=False):
    seq = [cmd(p, TUR, advance=60)]
    if cd:
        c, d = mode_select10(page05(0x02 if not cd == "tao" else 0x01, 0x04, 0x08))
        seq.append(cmd(p, c, 0, d))
    seq += [cmd(p, TRACK_INFO_INVIS, 48), cmd(p, BUFFER_CAPACITY, 12)]
    c, d = set_streaming(0x7FFFFFFF, 11080)
    seq.append(cmd(p, c, 0, d))
    seq.append(cmd(p, PREVENT))
    for lba in range(0, blocks, 2):
        seq.append(cmd(p, write10(lba, 2), 0, bytes([lba & 0xFF]) * 4096))
    seq += [cmd(p, SYNC), cmd(p, CLOSE_TRACK), cmd(p, CLOSE_SESSION), cmd(p, DISC_INFO, 34), cmd(p, ALLOW)]
    return seq


def save(harness, name, parts):
    d = os.path.join(ROOT, harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(b"".join(parts) if isinstance(parts, list) else parts)


def drive_seeds():
    names = ["none", "blank-cd-r", "appendable-cd-r", "closed-cd-r", "blank-cd-rw", "blank-dvd-r",
             "appendable-dvd-r", "blank-dvd-r-dl", "blank-dvd-rw", "formatted-dvd-rw-ro", "blank-dvd+r",
             "appendable-dvd+r", "closed-dvd+r", "blank-dvd+r-dl", "blank-dvd+rw", "formatted-dvd+rw",
             "formatted-dvd-ram", "blank-bd-r", "appendable-bd-r", "blank-bd-re", "formatted-bd-re", "closed-bd-r"]
    for i, n in enumerate(names):
        save("drive_execute", f"probe-{n}", probe(i))
    save("drive_execute", "burn-dvd+r", burn(BLANK_DVDPR))
    save("drive_execute", "burn-dvd-r", burn(BLANK_DVDR))
    save("drive_execute", "burn-bd-r", burn(BLANK_BDR, 32))
    save("drive_execute", "burn-cd-r-sao", burn(BLANK_CDR, cd=True))
    save("drive_execute", "burn-cd-rw-tao", burn(BLANK_CDRW, cd="tao"))
    save("drive_execute", "append-dvd+r", burn(APP_DVDPR))
    c, d = format_unit(0, 0x26)
    save("drive_execute", "format-dvd+rw", [cmd(BLANK_DVDPRW, TUR, advance=60), cmd(BLANK_DVDPRW, c, 0, d),
                                            cmd(BLANK_DVDPRW, REQUEST_SENSE, 18, advance=200),
                                            cmd(BLANK_DVDPRW, write10(0, 2), 0, bytes(4096)), cmd(BLANK_DVDPRW, SYNC)])
    c, d = format_unit(0, 0x30)
    save("drive_execute", "format-bd-re", [cmd(BLANK_BDRE, FORMAT_CAPACITIES, 0xFC, advance=60),
                                           cmd(BLANK_BDRE, c, 0, d), cmd(BLANK_BDRE, TUR, advance=255)])
    save("drive_execute", "blank-cd-rw", [cmd(BLANK_CDRW, BLANK_MIN, advance=60), cmd(BLANK_CDRW, BLANK_FULL),
                                          cmd(BLANK_CDRW, REQUEST_SENSE, 18, advance=255)])
    save("drive_execute", "reserve-dvd-r", [cmd(BLANK_DVDR, TUR, advance=60), cmd(BLANK_DVDR, reserve_track(4096)),
                                            cmd(BLANK_DVDR, TRACK_INFO_1, 48), cmd(BLANK_DVDR, SEND_OPC)])
    save("drive_execute", "read-closed", [cmd(CLOSED_DVDPR, read10(0, 2), 4096, advance=60),
                                          cmd(CLOSED_CDR, read_cd(0, 1), 2352, advance=60),
                                          cmd(CLOSED_CDR, TOC_FULL, 0x7FF), cmd(CLOSED_CDR, TOC_SESSION, 12),
                                          cmd(BLANK_CDR, TOC_ATIP, 28, advance=60),
                                          cmd(CLOSED_DVDPR, DVD_STRUCT, 2052), cmd(CLOSED_BDR, BD_STRUCT, 2052)])
    save("drive_execute", "tray", [cmd(BLANK_DVDPR, PREVENT), cmd(BLANK_DVDPR, EJECT), cmd(BLANK_DVDPR, ALLOW),
                                   cmd(BLANK_DVDPR, EJECT), cmd(BLANK_DVDPR, GESN, 8), cmd(BLANK_DVDPR, LOAD),
                                   cmd(BLANK_DVDPR, TUR, advance=10), cmd(BLANK_DVDPR, MECH_STATUS, 8)])
    save("drive_execute", "speeds", [cmd(FMT_BDRE, SET_CD_SPEED, advance=60), cmd(FMT_BDRE, PERF_NOMINAL, 2048),
                                     cmd(FMT_BDRE, MODE_SENSE6, 255), cmd(FMT_BDRE, MODE_SENSE_ALL, 65535)])
    c, d = mode_select10(page05(0x01, 0x00, 0x00))  # TAO, audio, raw 2352-byte blocks
    save("drive_execute", "audio-cd-r-tao", [cmd(BLANK_CDR, TUR, advance=60), cmd(BLANK_CDR, c, 0, d),
                                             cmd(BLANK_CDR, write10(0, 2), 0, bytes(range(256)) * 18 + bytes(96)),
                                             cmd(BLANK_CDR, SYNC), cmd(BLANK_CDR, TRACK_INFO_INVIS, 48),
                                             cmd(BLANK_CDR, write10(152, 1), 0, bytes(2352)), cmd(BLANK_CDR, SYNC),
                                             cmd(BLANK_CDR, CLOSE_SESSION), cmd(BLANK_CDR, TOC, 0x324),
                                             cmd(BLANK_CDR, read_cd_raw(0, 3, 1, 0x10, 0x01), 3 * 2448),
                                             cmd(BLANK_CDR, read10(0, 1), 2048), cmd(BLANK_CDR, READ_SUBCHANNEL, 16)])
    save("drive_execute", "read-cd-fields", [cmd(CLOSED_CDR, read_cd_raw(0, 2, 2, 0xF8, 0x02), 2 * 2368, advance=60),
                                             cmd(CLOSED_CDR, read_cd_raw(1, 1, 0, 0xFC, 0x04), 2352 + 296 + 96),
                                             cmd(CLOSED_CDR, READ_CD_MSF, 2368), cmd(CLOSED_CDR, READ_SUBCHANNEL, 16)])
    c, d = mode_select10(page05(0x00, 0x05, 0x08, test=1))
    save("drive_execute", "test-write-dvd-r", [cmd(BLANK_DVDR, c, 0, d, advance=60),
                                               cmd(BLANK_DVDR, write10(0, 1), 0, bytes(2048)), cmd(BLANK_DVDR, SYNC)])


def mode_select_seeds():
    def list10(pages):
        return bytes(8) + pages

    def list6(pages):
        return bytes(4) + pages

    p01 = bytes([0x01, 0x0A, 0xC4, 0x05, 0, 0, 0, 0, 0x10, 0, 0, 0])
    p05 = page05(0x02, 0x04, 0x08)
    p08 = bytes([0x08, 0x0A, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    p1a = bytes([0x1A, 0x0A] + [0] * 10)
    p1d = bytes([0x1D, 0x0A] + [0] * 10)
    for name, flags, pages in [("page-01", 0x05, p01), ("page-05-sao", 0x05, p05), ("page-08-wce", 0x05, p08),
                               ("page-1a", 0x05, p1a), ("page-1d", 0x05, p1d), ("several", 0x05, p01 + p05 + p08),
                               ("saved-08", 0x07, p08), ("with-disc-05", 0x0D, p05)]:
        body = list10(pages)
        save("mode_select", name, bytes([flags]) + struct.pack(">H", len(body)) + body)
    body = list6(p08)
    save("mode_select", "select6-08", bytes([0x04]) + struct.pack(">H", len(body)) + body)
    body = bytes([0, 0, 0, 8]) + bytes(8) + p05  # a block descriptor before the page
    save("mode_select", "select6-block-descriptor", bytes([0x04]) + struct.pack(">H", len(body)) + body)


SCENARIOS = {
    "readme": """seed: 42
rules:
  - {command: WRITE(10), nth: 100, condition: loss-of-streaming}
  - {command: READ(10), lba: [1000, 1099], sense: 3/11/00}
  - command: MODE SENSE(10)
    cdb: [{byte: 2, mask: 0x3F, value: 0x2A}]
    condition: no-such-mode-page
    times: 2
  - {command: TEST UNIT READY, probability: 0.01, delay: 5s}
  - {command: SYNCHRONIZE CACHE, once: true, state: long-write, for: 20s}
events:
  - {at: 10s, state: tray-open, for: 3s}
  - {at: 30s, state: no-medium, for: 2s}
""",
    "every-action": """rules:
  - {command: 0xC5, every: 3, probability: 0.125, after: 2s, before: 1min, hang: true}
  - {medium: present, medium_condition: ready, state: long-write, for: 90s, once: true}
  - {command: INQUIRY, corrupt: {byte: 8, xor: 0x20}}
  - {command: READ CAPACITY, from: 4, truncate: 4}
  - {sense: 4/44/00, information: 7, sks: "80 00 02"}
  - {command: WRITE(10), underrun: true}
  - {command: CLOSE TRACK/SESSION, vanish: true}
  - {command: READ(12), delay: 250us}
""",
    "states": """events:
  - {at: 1s, state: becoming-ready, for: 2s}
  - {at: 5s, state: format-in-progress, for: 10s}
  - {at: 20s, state: upside-down}
  - {at: 25s, state: incompatible-media, for: 1s}
  - {at: 30s, state: locked, for: 5s}
  - {at: 40s, state: busy, for: 500ms}
""",
    "write-faults": """seed: 7
rules:
  - {command: WRITE(10), lba: 32, sense: 3/0C/00}
  - {command: WRITE(10), from: 3, condition: loss-of-streaming, times: 1}
  - {command: SYNCHRONIZE CACHE, nth: 1, delay: 70s}
""",
}


def scenario_seeds():
    for name, text in SCENARIOS.items():
        save("scenario_loader", name + ".yaml", text.encode())


FRESH = 0x80  # drive_execute: this command's drive starts with a fresh disc


def regressions():
    """Inputs that once failed, rebuilt as self-contained sequences (their drive starts fresh)."""
    d = os.path.join(os.path.dirname(ROOT), "regressions", "drive_execute")
    os.makedirs(d, exist_ok=True)
    # BLANK type 2 (the last track) while the only track is the invisible one being written:
    # the track list emptied and was read before its start.
    seq = [cmd(BLANK_CDRW | FRESH, TUR, advance=100), cmd(BLANK_CDRW, TUR), cmd(BLANK_CDRW, TUR),
           cmd(BLANK_CDRW, write10(0, 2), 0, bytes(4096)), cmd(BLANK_CDRW, [0xA1, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])]
    with open(os.path.join(d, "blank-last-track-while-writing"), "wb") as f:
        f.write(b"".join(seq))


if __name__ == "__main__":
    regressions()
    drive_seeds()
    mode_select_seeds()
    scenario_seeds()
