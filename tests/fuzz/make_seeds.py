#!/usr/bin/env python3
"""Writes the seed corpora of the drive_execute, mode_select, scenario_loader, tcmu_device,
sg_io_request, control_writes, media_files and drive_profiles harnesses (tests/fuzz/README.md):
real command sequences of burners and the kernel, in each harness's input format. The
recorder, ring and disc metadata seeds come from fuzz_recorder_seeds, fuzz_ring_seeds and
fuzz_metadata_seeds.
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


# The CDBs, built as scsi/cdb_*.hpp builds them: one named builder per command, the bytes as
# its MMC-6 / SPC-4 table lays them out; the seeds below never spell a CDB in hex.
class Op:
    """Operation codes (scsi/opcode.hpp)."""
    TEST_UNIT_READY, REQUEST_SENSE, FORMAT_UNIT, INQUIRY = 0x00, 0x03, 0x04, 0x12
    MODE_SENSE6, START_STOP_UNIT, PREVENT_ALLOW_MEDIUM_REMOVAL = 0x1A, 0x1B, 0x1E
    READ_FORMAT_CAPACITIES, READ_CAPACITY, READ10, WRITE10 = 0x23, 0x25, 0x28, 0x2A
    SYNCHRONIZE_CACHE, READ_SUBCHANNEL, READ_TOC_PMA_ATIP, GET_CONFIGURATION = 0x35, 0x42, 0x43, 0x46
    GET_EVENT_STATUS_NOTIFICATION, READ_DISC_INFORMATION, READ_TRACK_INFORMATION = 0x4A, 0x51, 0x52
    RESERVE_TRACK, SEND_OPC_INFORMATION, MODE_SELECT10, MODE_SENSE10 = 0x53, 0x54, 0x55, 0x5A
    CLOSE_TRACK_SESSION, READ_BUFFER_CAPACITY, BLANK, GET_PERFORMANCE = 0x5B, 0x5C, 0xA1, 0xAC
    READ_DISC_STRUCTURE, SET_STREAMING, READ_CD_MSF, SET_CD_SPEED = 0xAD, 0xB6, 0xB9, 0xBB
    MECHANISM_STATUS, READ_CD = 0xBD, 0xBE


def cdb(op, length, fields=()):
    """A zeroed CDB of `length` bytes with `op` in byte 0 and (offset, bytes) fields written in."""
    c = [op] + [0] * (length - 1)
    for at, value in fields:
        c[at:at + len(value)] = value
    return c


def test_unit_ready():
    return cdb(Op.TEST_UNIT_READY, 6)


def request_sense(allocation):  # SPC-4 table 184
    return cdb(Op.REQUEST_SENSE, 6, [(4, [allocation])])


def inquiry(allocation):  # SPC-4 table 176
    return cdb(Op.INQUIRY, 6, [(3, be16(allocation))])


def get_configuration(rt, allocation, start=0):  # MMC-6 6.6
    return cdb(Op.GET_CONFIGURATION, 10, [(1, [rt]), (2, be16(start)), (7, be16(allocation))])


def get_event_status_notification(class_request, allocation):  # MMC-6 6.7, polled
    return cdb(Op.GET_EVENT_STATUS_NOTIFICATION, 10, [(1, [0x01]), (4, [class_request]), (7, be16(allocation))])


def read_disc_information(allocation):  # MMC-6 table 507
    return cdb(Op.READ_DISC_INFORMATION, 10, [(7, be16(allocation))])


def read_track_information(address_type, address, allocation):  # MMC-6 table 527
    return cdb(Op.READ_TRACK_INFORMATION, 10, [(1, [address_type]), (2, be32(address)), (7, be16(allocation))])


def read_capacity():  # MMC-6 table 455
    return cdb(Op.READ_CAPACITY, 10)


def read_format_capacities(allocation):  # MMC-6 table 465
    return cdb(Op.READ_FORMAT_CAPACITIES, 10, [(7, be16(allocation))])


def read_toc(fmt, allocation, track_session=0, msf=False):  # MMC-6 table 473
    return cdb(Op.READ_TOC_PMA_ATIP, 10, [(1, [0x02 if msf else 0]), (2, [fmt]), (6, [track_session]),
                                          (7, be16(allocation))])


def mode_sense10(page, allocation, pc=0, dbd=True):  # SPC-4 6.12
    return cdb(Op.MODE_SENSE10, 10, [(1, [0x08 if dbd else 0]), (2, [pc << 6 | page]), (7, be16(allocation))])


def mode_sense6(page, allocation, pc=0, dbd=True):  # SPC-4 6.11
    return cdb(Op.MODE_SENSE6, 6, [(1, [0x08 if dbd else 0]), (2, [pc << 6 | page]), (4, [allocation])])


def mode_select10_cdb(length, save_pages=False):  # SPC-4 6.10, PF set
    return cdb(Op.MODE_SELECT10, 10, [(1, [0x10 | (1 if save_pages else 0)]), (7, be16(length))])


def read_buffer_capacity(allocation):  # MMC-6 READ BUFFER CAPACITY
    return cdb(Op.READ_BUFFER_CAPACITY, 10, [(7, be16(allocation))])


def get_performance(type_, max_descriptors, data_type=0):  # MMC-6 GET PERFORMANCE
    return cdb(Op.GET_PERFORMANCE, 12, [(1, [data_type]), (8, be16(max_descriptors)), (10, [type_])])


def mechanism_status(allocation):  # MMC-6 6.10
    return cdb(Op.MECHANISM_STATUS, 12, [(8, be16(allocation))])


def read_disc_structure(fmt, allocation, media_type=0):  # MMC-6 table 459
    return cdb(Op.READ_DISC_STRUCTURE, 12, [(1, [media_type]), (7, [fmt]), (8, be16(allocation))])


def synchronize_cache(immed=False):  # MMC-6 table 640
    return cdb(Op.SYNCHRONIZE_CACHE, 10, [(1, [0x02 if immed else 0])])


CLOSE_TRACK_FN, CLOSE_SESSION_FN, FINALIZE_FN = 1, 2, 5


def close_track_session(function, track=0, immed=False):  # MMC-6 table 147
    return cdb(Op.CLOSE_TRACK_SESSION, 10, [(1, [1 if immed else 0]), (2, [function]), (4, be16(track))])


def prevent_allow_medium_removal(prevent):  # MMC-6 6.11
    return cdb(Op.PREVENT_ALLOW_MEDIUM_REMOVAL, 6, [(4, [1 if prevent else 0])])


def start_stop_unit(loej, start):  # MMC-6 6.37
    return cdb(Op.START_STOP_UNIT, 6, [(4, [(2 if loej else 0) | (1 if start else 0)])])


def set_cd_speed(read_kbps, write_kbps):  # MMC-6 SET CD SPEED, CLV
    return cdb(Op.SET_CD_SPEED, 12, [(2, be16(read_kbps)), (4, be16(write_kbps))])


def send_opc_information():  # MMC-6 table 601, DoOPC
    return cdb(Op.SEND_OPC_INFORMATION, 10, [(1, [0x01])])


BLANK_FULL_TYPE, BLANK_MINIMAL_TYPE, BLANK_TRACK_TYPE = 0, 1, 2


def blank(type_, immed=False, address=0):  # MMC-6 table 143
    return cdb(Op.BLANK, 12, [(1, [(0x10 if immed else 0) | type_]), (2, be32(address))])


def write10(lba, blocks):  # MMC-6 table 614
    return cdb(Op.WRITE10, 10, [(2, be32(lba)), (7, be16(blocks))])


def read10(lba, blocks):  # MMC-6 table 443
    return cdb(Op.READ10, 10, [(2, be32(lba)), (7, be16(blocks))])


USER_DATA, WHOLE_SECTOR = 0x10, 0xF8  # READ CD byte 9: user data; sync, headers, user data, EDC/ECC


def read_cd(lba, blocks, main=USER_DATA, sector_type=0, sub=0):  # MMC-6 table 389
    return cdb(Op.READ_CD, 12, [(1, [sector_type << 2]), (2, be32(lba)), (6, be32(blocks)[1:]), (9, [main]),
                                (10, [sub])])


def read_cd_msf(start, end, main=USER_DATA, sub=0):  # MMC-6 table 403: M, S, F of the first and after the last
    return cdb(Op.READ_CD_MSF, 12, [(3, list(start)), (6, list(end)), (9, [main]), (10, [sub])])


def read_subchannel(fmt, allocation, msf=False):  # MMC-6 table 413, SubQ
    return cdb(Op.READ_SUBCHANNEL, 10, [(1, [0x02 if msf else 0]), (2, [0x40]), (3, [fmt]), (7, be16(allocation))])


def reserve_track(blocks):  # MMC-6 table 565, by size
    return cdb(Op.RESERVE_TRACK, 10, [(5, be32(blocks))])


def set_streaming_cdb(length):  # MMC-6 SET STREAMING, type 00h
    return cdb(Op.SET_STREAMING, 12, [(9, be16(length))])


def format_unit_cdb():  # MMC-6 table 179: FmtData, format code 001b
    return cdb(Op.FORMAT_UNIT, 6, [(1, [0x11])])


TUR = test_unit_ready()
INQUIRY = inquiry(36)
REQUEST_SENSE = request_sense(18)
GET_CONFIG = get_configuration(0, 0xFFF0)
GET_CONFIG_CURRENT = get_configuration(1, 0x1000)
GESN = get_event_status_notification(0x10, 8)  # the media class
DISC_INFO = read_disc_information(34)
TRACK_INFO_1 = read_track_information(1, 1, 48)
TRACK_INFO_INVIS = read_track_information(1, 0xFF, 48)
READ_CAPACITY = read_capacity()
FORMAT_CAPACITIES = read_format_capacities(0xFC)
TOC = read_toc(0, 0x324)
TOC_SESSION = read_toc(1, 0x0C, msf=True)
TOC_FULL = read_toc(2, 0x7FF, track_session=1, msf=True)
TOC_ATIP = read_toc(4, 0x1C, msf=True)
MODE_SENSE_ALL = mode_sense10(0x3F, 0xFFFF)
MODE_SENSE_2A = mode_sense10(0x2A, 0xFF)
MODE_SENSE6 = mode_sense6(0x3F, 0xFF)
BUFFER_CAPACITY = read_buffer_capacity(12)
PERF_WRITE = get_performance(0x03, 0x10)
PERF_NOMINAL = get_performance(0x00, 0x08, data_type=0x10)  # tolerance 10b, read
MECH_STATUS = mechanism_status(8)
DVD_STRUCT = read_disc_structure(0x00, 0x804)
BD_STRUCT = read_disc_structure(0x00, 0x804, media_type=1)
SYNC = synchronize_cache()
CLOSE_TRACK = close_track_session(CLOSE_TRACK_FN, 1)
CLOSE_SESSION = close_track_session(CLOSE_SESSION_FN)
CLOSE_FINAL = close_track_session(FINALIZE_FN)
PREVENT = prevent_allow_medium_removal(True)
ALLOW = prevent_allow_medium_removal(False)
EJECT = start_stop_unit(True, False)
LOAD = start_stop_unit(True, True)
SET_CD_SPEED = set_cd_speed(0xFFFF, 0xFFFF)
SEND_OPC = send_opc_information()
BLANK_MIN = blank(BLANK_MINIMAL_TYPE)
BLANK_FULL = blank(BLANK_FULL_TYPE, immed=True)


def read_cd_raw(lba, blocks, sector_type=0, flags=WHOLE_SECTOR, sub=0):
    return read_cd(lba, blocks, flags, sector_type, sub)


READ_CD_MSF = read_cd_msf((0, 2, 0), (0, 2, 3), WHOLE_SECTOR, 0x02)
READ_SUBCHANNEL = read_subchannel(0x01, 16, msf=True)


def mode_select10(pages):
    body = bytes(8) + pages
    return mode_select10_cdb(len(body)), body


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
    return set_streaming_cdb(len(d)), bytes(d)


def format_unit(blocks, fmt_type, param=0):
    d = bytes([0, 0x02, 0, 8]) + bytes(be32(blocks)) + bytes([fmt_type << 2]) + bytes(be32(param)[1:])
    return format_unit_cdb(), d


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
  - {at: 25s, state: incompatible-medium, for: 1s}
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


# tcmu_device: a ring shape byte, then operations (tcmu_device.cpp).
OOOC, READ_LEN = 0x10, 0x20
T_CMD, T_TMR, T_PAD, T_HEAD, T_POKE, T_SERVE, T_DELIVER, T_RULE = range(8)


def t_cmd(cmd_id, cdb, iovs=()):
    out = bytes([T_CMD]) + struct.pack(">H", cmd_id) + bytes([len(cdb)]) + bytes(cdb) + bytes([len(iovs)])
    return out + b"".join(struct.pack(">HH", o, n) for o, n in iovs)


def t_tmr(kind, ids):
    return bytes([T_TMR, kind, len(ids)]) + b"".join(struct.pack(">H", i) for i in ids)


def t_serve(advance=0):
    return bytes([T_SERVE, advance])


def tcmu_device_seeds():
    shape = 0x01 | 0x04 | OOOC | READ_LEN  # 512-byte ring, 16 KiB data area
    save("tcmu_device", "inquiry", [bytes([shape]), t_cmd(1, INQUIRY, [(0, 36)]), t_serve()])
    save("tcmu_device", "burn", [bytes([shape]), t_cmd(1, TUR), t_cmd(2, TRACK_INFO_INVIS, [(0, 48)]), t_serve(),
                                 t_cmd(3, write10(0, 2), [(0, 2048), (4096, 2048)]), t_cmd(4, SYNC), t_serve(),
                                 t_cmd(5, CLOSE_TRACK), t_cmd(6, CLOSE_SESSION), t_serve(),
                                 t_cmd(7, read10(0, 2), [(8192, 4096)]), t_serve()])
    save("tcmu_device", "wrap", [bytes([0x00 | OOOC])] + [t_cmd(i, INQUIRY, [(0, 36)]) + t_serve() for i in range(1, 4)]
         + [bytes([T_PAD]), t_cmd(4, INQUIRY, [(0, 36)]), t_serve()] + [t_cmd(i, TUR) + t_serve() for i in range(5, 9)])
    save("tcmu_device", "hang-abort", [bytes([shape]), bytes([T_RULE, 4]), t_cmd(1, READ_CAPACITY, [(0, 8)]),
                                       t_cmd(2, INQUIRY, [(64, 36)]), t_serve(), t_tmr(1, [1]), t_serve(),
                                       t_cmd(3, INQUIRY, [(0, 36)]), t_serve()])
    save("tcmu_device", "delay-vanish", [bytes([shape]), bytes([T_RULE, 0, T_RULE, 3]), t_cmd(1, INQUIRY, [(0, 36)]),
                                         t_serve(), bytes([T_DELIVER, 30])]
         + [t_cmd(i, TUR) + t_serve() for i in range(2, 6)])
    save("tcmu_device", "in-order", [bytes([0x02 | 0x08])] + [bytes([T_RULE, 0])]
         + [t_cmd(i, INQUIRY if i % 2 else TUR, [(i * 64, 36)] if i % 2 else []) for i in range(1, 6)]
         + [t_serve(), bytes([T_DELIVER, 25])])
    save("tcmu_device", "head-moved-back", [bytes([shape]), bytes([T_RULE, 4]), t_cmd(1, READ_CAPACITY, [(0, 8)]),
                                            t_tmr(1, [1]), t_serve(), bytes([T_HEAD]) + struct.pack(">H", 0),
                                            t_serve()])
    save("tcmu_device", "variable-cdb", [bytes([shape]), t_cmd(9, [0x7F, 0, 0, 0, 0, 0, 0, 8] + [1] * 8),
                                         t_cmd(10, [0xA1, 0x01] + [0] * 10), t_serve()])


# sg_io_request: a rule, requests (flags + header), then the caller's memory (sg_io_request.cpp).
MEM = 4096  # the address of the caller's memory
SG_DXFER_NONE, SG_DXFER_TO_DEV, SG_DXFER_FROM_DEV, SG_DXFER_TO_FROM_DEV = -1, -2, -3, -4
CDB_AT, SENSE_AT, DATA_AT, LIST_AT, DATA2_AT = 0, 32, 128, 1024, 1536


def sg_header(direction, cdb_len, dxfer_len, dxferp, iovec_count=0, sense=32, timeout=5000, compat=False):
    fields = [ord("S"), direction, cdb_len, sense, iovec_count, dxfer_len, dxferp, MEM + CDB_AT,
              MEM + SENSE_AT if sense else 0, timeout, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    return struct.pack("<iiBBHIIIIIIiIBBBBHHiII" if compat else "<iiBBHIQQQIIi4xQBBBBHHiII4x", *fields)


def sg_memory(cdb, data=b"", list_entries=(), compat=False, data2=b"", room=256):
    """The caller's memory: the CDB, the sense buffer, the data (`room` bytes at least), and a
    scatter-gather list with a second buffer when given."""
    size = DATA_AT + max(room, len(data))
    if list_entries:
        size = DATA2_AT + max(room, len(data2))
    mem = bytearray(size)
    mem[CDB_AT:CDB_AT + len(cdb)] = bytes(cdb)
    mem[DATA_AT:DATA_AT + len(data)] = data
    mem[DATA2_AT:DATA2_AT + len(data2)] = data2
    entry = "<II" if compat else "<QQ"
    for i, (base, length) in enumerate(list_entries):
        size = struct.calcsize(entry)
        mem[LIST_AT + i * size:LIST_AT + (i + 1) * size] = struct.pack(entry, base, length)
    return bytes(mem)


def sg_io_seeds():
    none = 0xFF
    for compat in (False, True):
        tag = "-32" if compat else ""
        flags = bytes([1 if compat else 0])
        save("sg_io_request", "inquiry" + tag,
             [bytes([none, 0]), flags, sg_header(SG_DXFER_FROM_DEV, 6, 36, MEM + DATA_AT, compat=compat),
              sg_memory(INQUIRY)])
        save("sg_io_request", "tur-then-read-blank" + tag,
             [bytes([none, 1]), flags, sg_header(SG_DXFER_NONE, 6, 0, 0, compat=compat),
              flags, sg_header(SG_DXFER_FROM_DEV, 10, 2048, MEM + DATA_AT, compat=compat), sg_memory(read10(0, 1), room=2048)])
        save("sg_io_request", "scatter-read-capacity" + tag,
             [bytes([none, 0]), flags,
              sg_header(SG_DXFER_FROM_DEV, 10, 8, MEM + LIST_AT, iovec_count=2, compat=compat),
              sg_memory(READ_CAPACITY, list_entries=[(MEM + DATA_AT, 4), (MEM + DATA2_AT, 4)], compat=compat)])
        save("sg_io_request", "write" + tag,
             [bytes([none, 0]), flags, sg_header(SG_DXFER_TO_DEV, 10, 2048, MEM + DATA_AT, compat=compat),
              sg_memory(write10(0, 1), data=bytes(range(256)) * 8)])
        save("sg_io_request", "hang-times-out" + tag,
             [bytes([1, 0]), flags, sg_header(SG_DXFER_NONE, 6, 0, 0, timeout=3000, compat=compat), sg_memory(TUR)])
        save("sg_io_request", "delayed-then-vanish" + tag,
             [bytes([0, 1]), flags, sg_header(SG_DXFER_FROM_DEV, 6, 36, MEM + DATA_AT, compat=compat),
              flags, sg_header(SG_DXFER_TO_FROM_DEV, 6, 36, MEM + DATA_AT, compat=compat), sg_memory(INQUIRY)])
    # Other ioctls: the header's first byte picks one (sg_io_request.cpp, other_ioctls), its
    # second the argument's address in the memory.
    for i, name in enumerate(["get-version", "get-timeout", "set-timeout", "get-reserved", "set-reserved",
                              "scsi-id", "idlun", "bus-number", "emulated-host"]):
        save("sg_io_request", "ioctl-" + name, [bytes([none, 0, 2]), bytes([i, 64]) + bytes(86), sg_memory([])])


# control_writes: steps (control_writes.cpp).
def c_write(kind, text):
    data = text.encode()
    return bytes([kind, len(data)]) + data


TRAY, MEDIUM, STATE, FAULTS = range(4)


def c_host(which):
    return bytes([4, which])


def control_seeds():
    save("control_writes", "tray", [c_write(TRAY, "open"), c_write(TRAY, "close"), c_host(3), c_write(TRAY, "open"),
                                    c_write(TRAY, "eject"), c_host(4), c_write(TRAY, "force-open"),
                                    c_write(TRAY, "shut")])
    save("control_writes", "media", [c_write(MEDIUM, "blank dvd+r"), c_host(0), c_host(1), c_host(2),
                                     c_write(MEDIUM, "eject"), c_write(MEDIUM, "appendable cd-r used=300"),
                                     c_host(2), c_write(MEDIUM, "formatted bd-re capacity=4096"),
                                     c_write(MEDIUM, "closed dvd+r capacity=99999999999"), c_write(MEDIUM, "none")])
    save("control_writes", "kept-disc", [c_write(MEDIUM, "blank dvd+r image=disc.img"), c_host(3),
                                         c_write(MEDIUM, "saved disc.img"), c_host(4),
                                         c_write(MEDIUM, "saved disc.img"), c_write(MEDIUM, "rom from disc.img"),
                                         c_write(MEDIUM, "cd-da from disc.img")])
    save("control_writes", "states", [c_write(MEDIUM, "blank bd-r"), c_write(STATE, "becoming-ready 3s"), c_host(0),
                                      bytes([5, 40]), c_host(0), c_write(STATE, "upside-down"),
                                      c_write(STATE, "ready"), c_write(STATE, "no-medium 5s"),
                                      c_write(STATE, "ready 2s"), c_write(STATE, "locked 10s"),
                                      c_write(STATE, "format-in-progress 99999min")])
    save("control_writes", "faults", [c_write(FAULTS, "{command: WRITE(10), sense: 3/0C/00}\n"
                                                      "{command: READ(10), lba: [0, 9], delay: 2s}"),
                                      c_write(FAULTS, "remove 1"), c_write(FAULTS, "remove 7"),
                                      c_write(FAULTS, "# nothing\n\n"), c_write(FAULTS, "{command: NOPE}"),
                                      c_write(FAULTS, "clear")])


# media_files: a sound file or a preset (media_files.cpp).
def wav(frames, fmt=1, channels=2, rate=44100, bits=16, extra=b""):
    data = bytes(range(256)) * (frames * 4 // 256) + bytes(frames * 4 % 256)
    fmt_chunk = struct.pack("<HHIIHH", fmt, channels, rate, rate * channels * bits // 8, channels * bits // 8, bits)
    body = b"WAVE" + extra + b"fmt " + struct.pack("<I", len(fmt_chunk)) + fmt_chunk + b"data" + \
        struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


def media_seeds():
    save("media_files", "wav", bytes([0, 0]) + wav(2 * 588 + 10))
    save("media_files", "wav-extensible", bytes([0, 3]) + wav(588, fmt=0xFFFE))
    save("media_files", "wav-odd-chunk", bytes([0, 0]) + wav(588, extra=b"LIST" + struct.pack("<I", 3) + b"abc\0"))
    save("media_files", "wav-mono", bytes([0, 0]) + wav(588, channels=1))
    save("media_files", "raw", bytes([0, 1]) + bytes(range(256)) * 20)
    for i, (text, image, tracks) in enumerate([
            ("blank dvd+r", 0, []), ("appendable cd-r used=300", 0, []), ("closed bd-r used=320", 0, []),
            ("formatted bd-re capacity=4096", 0, []), ("cd-da from one.wav two.wav", 0, [1000, 2000]),
            ("rom from disc.iso", 4096, []), ("closed dvd+r from disc.iso image=kept", 3000, []),
            ("appendable dvd+r capacity=4294967295 used=4294967290", 0, []), ("saved kept", 0, []),
            ("blank dvd+r-dl capacity=100000", 0, [])]):
        head = bytes([1]) + struct.pack(">I", image) + bytes([len(tracks)]) + \
            b"".join(struct.pack(">I", t) for t in tracks)
        save("media_files", f"preset-{i}", head + text.encode())


# drive_profiles: a profile, a preset, then drive_execute's commands without their first two
# bytes (drive_profiles.cpp).
P_STATES = ["blank", "appendable", "closed", "formatted"]
P_KINDS = ["cd-r", "cd-rw", "dvd-r", "dvd-r-dl", "dvd-rw", "dvd-rw-ro", "dvd+r", "dvd+r-dl", "dvd+rw", "dvd-ram",
           "bd-r", "bd-re"]
PROFILE_COUNT = 8  # profiles/*.yaml


def p_cmd(cdb, data_in=0, data_out=b""):
    return bytes([len(cdb)]) + struct.pack(">HH", data_in, len(data_out)) + bytes(cdb) + data_out


def p_preset(profile, state, kind, capacity=(0,), used=(0,)):
    out = bytes([profile, P_STATES.index(state), P_KINDS.index(kind), capacity[0]])
    if capacity[0] == 1:
        out += struct.pack(">H", capacity[1])
    elif capacity[0] == 2:
        out += struct.pack(">I", capacity[1])
    elif capacity[0] == 3:
        out += struct.pack(">H", capacity[1])
    out += bytes([used[0]])
    if used[0] == 1:
        out += struct.pack(">H", used[1])
    elif used[0] == 2:
        out += struct.pack(">I", used[1])
    return out


def profile_seeds():
    probe_cmds = [p_cmd(TUR), p_cmd(INQUIRY, 36), p_cmd(GET_CONFIG, 0xFFF0), p_cmd(DISC_INFO, 34),
                  p_cmd(TRACK_INFO_INVIS, 48), p_cmd(READ_CAPACITY, 8), p_cmd(FORMAT_CAPACITIES, 0xFC),
                  p_cmd(TOC, 0x324), p_cmd(MODE_SENSE_2A, 0xFF), p_cmd(PERF_WRITE, 4096)]
    burn_cmds = [p_cmd(TUR), p_cmd(TRACK_INFO_INVIS, 48), p_cmd(write10(0, 2), 0, bytes(4096)), p_cmd(SYNC),
                 p_cmd(CLOSE_TRACK), p_cmd(CLOSE_SESSION), p_cmd(DISC_INFO, 34), p_cmd(read10(0, 2), 4096)]
    media = [("blank", "dvd+r"), ("blank", "cd-r"), ("blank", "bd-r"), ("formatted", "bd-re"), ("blank", "dvd-rw"),
             ("appendable", "dvd-r"), ("closed", "cd-rw"), ("formatted", "dvd-ram")]
    for profile in range(PROFILE_COUNT):
        state, kind = media[profile % len(media)]
        save("drive_profiles", f"probe-{profile}-{state}-{kind}", [p_preset(profile, state, kind)] + probe_cmds)
        save("drive_profiles", f"burn-{profile}-blank-dvd+r", [p_preset(profile, "blank", "dvd+r")] + burn_cmds)
    # At the top of 32 bits: refused as a preset today, and never a crash either way.
    save("drive_profiles", "near-2^32-appendable-dvd+r",
         [p_preset(0, "appendable", "dvd+r", (1, 0), (1, 5))] + probe_cmds + burn_cmds)
    save("drive_profiles", "near-2^32-formatted-bd-re", [p_preset(4, "formatted", "bd-re", (1, 0))] + probe_cmds)
    save("drive_profiles", "near-2^32-blank-cd-r", [p_preset(1, "blank", "cd-r", (1, 100))] + burn_cmds)
    # At the most each kind addresses: the largest discs a drive is given.
    for profile, (state, kind) in enumerate([("closed", "bd-r"), ("appendable", "dvd+r-dl"), ("blank", "cd-r"),
                                             ("formatted", "bd-re"), ("appendable", "dvd-r")]):
        used = (1, 65000) if state == "appendable" else (1, 64) if state == "closed" else (0,)
        save("drive_profiles", f"largest-{state}-{kind}", [p_preset(profile, state, kind, (3, 0), used)]
             + probe_cmds + burn_cmds)


FRESH = 0x80  # drive_execute: this command's drive starts with a fresh disc


def regressions():
    """Inputs that once failed, rebuilt as self-contained sequences (their drive starts fresh)."""
    d = os.path.join(os.path.dirname(ROOT), "regressions", "drive_execute")
    os.makedirs(d, exist_ok=True)
    # BLANK type 2 (the last track) while the only track is the invisible one being written:
    # the track list emptied and was read before its start.
    seq = [cmd(BLANK_CDRW | FRESH, TUR, advance=100), cmd(BLANK_CDRW, TUR), cmd(BLANK_CDRW, TUR),
           cmd(BLANK_CDRW, write10(0, 2), 0, bytes(4096)), cmd(BLANK_CDRW, blank(BLANK_TRACK_TYPE))]
    with open(os.path.join(d, "blank-last-track-while-writing"), "wb") as f:
        f.write(b"".join(seq))


if __name__ == "__main__":
    regressions()
    drive_seeds()
    mode_select_seeds()
    scenario_seeds()
    tcmu_device_seeds()
    sg_io_seeds()
    control_seeds()
    media_seeds()
    profile_seeds()
