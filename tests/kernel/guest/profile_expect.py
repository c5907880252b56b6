#!/usr/bin/python3
"""What a drive profile says, checked against what real programs report through the kernel.

The profile is the YAML `mmc-emu profile show` prints. Byte positions are MMC-6's (section 7
mode pages, 5.3 features) and are written out here on purpose, apart from the emulator's own
layout tables, so that a layout mistake there shows up as a difference here.

  profile_expect.py PROFILE capability-line       the sr driver's "scsi3-mmc drive: ..." text
  profile_expect.py PROFILE modes < sg_modes_-a    compares every page sg_modes -a printed
  profile_expect.py PROFILE config CURRENT < RAW   compares sg_get_config -R (all features)
  profile_expect.py PROFILE prcap < wodim_-prcap   compares wodim -prcap's page 2Ah lines
Exit status 0 when everything matches; each difference is printed on its own line.
"""
import re
import sys

import yaml

# MMC-6 table 91 (profile numbers); names as profiles/README.md spells them.
PROFILE_NUMBERS = {
    "cd-rom": 0x08, "cd-r": 0x09, "cd-rw": 0x0A, "dvd-rom": 0x10, "dvd-r": 0x11, "dvd-ram": 0x12,
    "dvd-rw-ro": 0x13, "dvd-rw": 0x14, "dvd-r-dl": 0x15, "dvd-r-dl-jump": 0x16, "dvd+rw": 0x1A,
    "dvd+r": 0x1B, "dvd+r-dl": 0x2B, "bd-rom": 0x40, "bd-r": 0x41, "bd-r-rrm": 0x42, "bd-re": 0x43,
}

# Field -> (byte, lowest bit, width in bits); a field wider than 8 bits is big-endian from `byte`.
# MMC-6 7.3 (01h), 7.5 (05h), 7.6 (08h), 7.8 (1Ah), 7.7 (1Ch), 7.9 (1Dh); MMC-3 (0Dh, 0Eh, 2Ah).
LAYOUTS = {
    0x01: (0x0A, {"awre": (2, 7, 1), "arre": (2, 6, 1), "tb": (2, 5, 1), "rc": (2, 4, 1), "per": (2, 2, 1),
                  "dte": (2, 1, 1), "dcr": (2, 0, 1), "read_retry_count": (3, 0, 8), "emcdr": (7, 0, 2),
                  "write_retry_count": (8, 0, 8), "recovery_time_limit": (10, 0, 16)}),
    0x05: (0x32, {"bufe": (2, 6, 1), "ls_v": (2, 5, 1), "test_write": (2, 4, 1), "write_type": (2, 0, 4),
                  "multi_session": (3, 6, 2), "fp": (3, 5, 1), "copy": (3, 4, 1), "track_mode": (3, 0, 4),
                  "data_block_type": (4, 0, 4), "link_size": (5, 0, 8), "host_application_code": (7, 0, 6),
                  "session_format": (8, 0, 8), "packet_size": (10, 0, 32), "audio_pause_length": (14, 0, 16),
                  "subheader_0": (48, 0, 8), "subheader_1": (49, 0, 8), "subheader_2": (50, 0, 8),
                  "subheader_3": (51, 0, 8)}),
    0x08: (0x0A, {"wce": (2, 2, 1), "rcd": (2, 0, 1)}),
    0x0D: (0x06, {"inactivity_timer_multiplier": (3, 0, 4), "s_units_per_m": (4, 0, 16),
                  "f_units_per_s": (6, 0, 16)}),
    0x0E: (0x0E, {"immed": (2, 2, 1), "sotc": (2, 1, 1),
                  **{f"port{i}_channel": (8 + 2 * i, 0, 4) for i in range(4)},
                  **{f"port{i}_volume": (9 + 2 * i, 0, 8) for i in range(4)}}),
    0x1A: (0x0A, {"idle": (3, 1, 1), "standby": (3, 0, 1), "idle_timer": (4, 0, 32),
                  "standby_timer": (8, 0, 32)}),
    0x1C: (0x0A, {"perf": (2, 7, 1), "ebf": (2, 5, 1), "ewasc": (2, 4, 1), "dexcpt": (2, 3, 1),
                  "test": (2, 2, 1), "logerr": (2, 0, 1), "mrie": (3, 0, 4), "interval_timer": (4, 0, 32),
                  "report_count": (8, 0, 32)}),
    0x1D: (0x0A, {"g3enable": (4, 3, 1), "tmoe": (4, 2, 1), "disp": (4, 1, 1), "swpp": (4, 0, 1),
                  "group1_timeout": (6, 0, 16), "group2_timeout": (8, 0, 16), "group3_timeout": (10, 0, 16)}),
    0x2A: (0x1E, {"dvd_ram_read": (2, 5, 1), "dvd_r_read": (2, 4, 1), "dvd_rom_read": (2, 3, 1),
                  "method2": (2, 2, 1), "cd_rw_read": (2, 1, 1), "cd_r_read": (2, 0, 1),
                  "dvd_ram_write": (3, 5, 1), "dvd_r_write": (3, 4, 1), "test_write": (3, 2, 1),
                  "cd_rw_write": (3, 1, 1), "cd_r_write": (3, 0, 1),
                  "buf": (4, 7, 1), "multi_session": (4, 6, 1), "mode2_form2": (4, 5, 1),
                  "mode2_form1": (4, 4, 1), "digital_port_1": (4, 3, 1), "digital_port_2": (4, 2, 1),
                  "composite": (4, 1, 1), "audio_play": (4, 0, 1),
                  "read_bar_code": (5, 7, 1), "upc": (5, 6, 1), "isrc": (5, 5, 1), "c2_pointers": (5, 4, 1),
                  "rw_deinterleaved_corrected": (5, 3, 1), "rw_supported": (5, 2, 1),
                  "cdda_stream_accurate": (5, 1, 1), "cdda_commands": (5, 0, 1),
                  "loading_mechanism_type": (6, 5, 3), "eject": (6, 3, 1), "prevent_jumper": (6, 2, 1),
                  "lock_state": (6, 1, 1), "lock": (6, 0, 1),
                  "rw_in_lead_in": (7, 5, 1), "side_change_capable": (7, 4, 1), "sw_slot_selection": (7, 3, 1),
                  "changer_supports_disc_present": (7, 2, 1), "separate_channel_mute": (7, 1, 1),
                  "separate_volume_levels": (7, 0, 1),
                  "max_read_speed": (8, 0, 16), "volume_levels": (10, 0, 16), "buffer_size_kib": (12, 0, 16),
                  "current_read_speed": (14, 0, 16), "bck_length": (17, 4, 2), "lsbf": (17, 3, 1),
                  "rck": (17, 2, 1), "bckf": (17, 1, 1), "max_write_speed": (18, 0, 16),
                  "current_write_speed": (20, 0, 16), "copy_management_revision": (22, 0, 16),
                  "rotation_control_selected": (27, 0, 2), "current_write_speed_selected": (28, 0, 16)}),
}


def hex_bytes(text):
    return bytes(int(t, 16) for t in text.split())


def put(page, byte, bit, width, value):
    if width >= 8:
        page[byte:byte + width // 8] = value.to_bytes(width // 8, "big")
    else:
        page[byte] |= (value & ((1 << width) - 1)) << bit


def get(page, byte, bit, width):
    if width >= 8:
        return int.from_bytes(page[byte:byte + width // 8], "big")
    return (page[byte] >> bit) & ((1 << width) - 1)


def expected_page(entry):
    """The current page as MODE SENSE returns it (PS left out: the drive sets it)."""
    code, current = entry["page"], entry["current"]
    if isinstance(current, str):
        page = bytearray(hex_bytes(current))
        page[0] &= 0x3F
        return page
    length, fields = LAYOUTS[code]
    descriptors = current.get("write_speed_descriptors", []) if code == 0x2A else []
    page = bytearray(2 + length + 4 * len(descriptors))
    page[0], page[1] = code, length + 4 * len(descriptors)
    for name, value in current.items():
        if name == "write_speed_descriptors":
            continue
        if name == "ps":
            continue
        if name not in fields:
            raise SystemExit(f"page {code:02X}h: no MMC layout known here for field '{name}'")
        put(page, *fields[name], value)
    if code == 0x2A:
        put(page, 30, 0, 16, len(descriptors))
        for i, d in enumerate(descriptors):
            page[32 + 4 * i + 1] = {"clv": 0, "cav": 1}[d["rotation"]]
            put(page, 32 + 4 * i + 2, 0, 16, d["speed"])
    return page


def page_2a(profile):
    for entry in profile.get("mode_pages", []):
        if entry["page"] == 0x2A:
            return expected_page(entry)
    raise SystemExit("the profile has no page 2Ah")


def capability_line(profile):
    # drivers/scsi/sr.c get_capabilities(): current read speed / max read speed in 176 kB/s units,
    # then writer (CD-R write), dvd-ram (DVD-RAM write), cd/rw (CD-RW read), xa/form2, cdda, mechanism.
    p = page_2a(profile)
    mech = ["caddy", "tray", "pop-up", "", "changer", "cartridge changer", "", ""][p[6] >> 5]
    words = [w for w, on in (("writer", p[3] & 0x01), ("dvd-ram", p[3] & 0x20), ("cd/rw", p[2] & 0x02),
                             ("xa/form2", p[4] & 0x20), ("cdda", p[5] & 0x01)) if on]
    return "scsi3-mmc drive: %dx/%dx %s%s" % (get(p, 14, 0, 16) // 176, get(p, 8, 0, 16) // 176,
                                              "".join(w + " " for w in words), mech)


def sg_modes_pages(text):
    """Pages from `sg_modes -a` output: '>> name' lines followed by offset + hex lines."""
    pages, current = [], None
    for line in text.splitlines():
        if line.startswith(">>"):
            current = bytearray()
            pages.append(current)
        elif current is not None and re.match(r"^ [0-9a-f]{2,}  ", line):
            current.extend(int(t, 16) for t in line.split()[1:17] if re.fullmatch(r"[0-9a-f]{2}", t))
    return pages


def check_modes(profile, text, problems):
    got = {p[0] & 0x3F: p for p in sg_modes_pages(text)}
    want = {e["page"]: expected_page(e) for e in profile.get("mode_pages", [])}
    if sorted(got) != sorted(want):
        problems.append("pages: profile has %s, sg_modes -a shows %s" %
                        ([f"{c:02X}h" for c in sorted(want)], [f"{c:02X}h" for c in sorted(got)]))
    for code in sorted(set(got) & set(want)):
        g = bytearray(got[code])
        g[0] &= 0x3F
        if g != want[code]:
            problems.append(f"page {code:02X}h: expected {want[code].hex(' ')}, sg_modes shows {g.hex(' ')}")
    return len(want)


def feature_data(profile, feature):
    if "data" in feature:
        return hex_bytes(feature["data"])
    if feature["code"] == 0x0108:  # Drive Serial Number: the serial, space padded to 4 bytes
        s = profile["identity"].get("serial", "").encode()
        return s + b" " * (-len(s) % 4)
    return b""


def check_config(profile, raw, current, problems):
    """`sg_get_config -R` (RT 0): header (5.3.1), then descriptors in code order."""
    length = int.from_bytes(raw[0:4], "big") + 4
    if length > len(raw):
        problems.append(f"GET CONFIGURATION: data length {length} but only {len(raw)} bytes came")
        length = len(raw)
    current_number = PROFILE_NUMBERS[current]
    if int.from_bytes(raw[6:8], "big") != current_number:
        problems.append(f"current profile: expected {current_number:04X}h, got {raw[6:8].hex()}")
    got, i = {}, 8
    while i + 4 <= length:
        code, flags, n = int.from_bytes(raw[i:i + 2], "big"), raw[i + 2], raw[i + 3]
        got[code] = (flags, raw[i + 4:i + 4 + n])
        i += 4 + n
    # Feature 0000h: the profiles in the profile's order, the loaded medium's marked current.
    want_list = b"".join(PROFILE_NUMBERS[p].to_bytes(2, "big") + bytes([int(p == current), 0])
                         for p in profile["profiles"])
    if 0 not in got or got[0][1] != want_list:
        problems.append(f"profile list: expected {want_list.hex(' ')}, got {got.get(0, (0, b''))[1].hex(' ')}")
    want = {f["code"]: f for f in profile.get("features", [])}
    if sorted(set(got) - {0}) != sorted(want):
        problems.append("features: profile has %s, drive reports %s" %
                        ([f"{c:04X}h" for c in sorted(want)], [f"{c:04X}h" for c in sorted(set(got) - {0})]))
    for code in sorted(set(got) & set(want)):
        f, (flags, data) = want[code], got[code]
        version, persistent = (flags >> 2) & 0x0F, bool(flags & 0x02)
        if version != f.get("version", 0) or persistent != bool(f.get("persistent", False)):
            problems.append(f"feature {code:04X}h: version/persistent expected {f.get('version', 0)}/"
                            f"{bool(f.get('persistent', False))}, got {version}/{persistent}")
        if data != feature_data(profile, f):
            problems.append(f"feature {code:04X}h: data expected {feature_data(profile, f).hex(' ')}, "
                            f"got {data.hex(' ')}")
    return len(want) + 1


def check_prcap(profile, text, problems):
    """wodim -prcap prints page 2Ah field by field (cdrecord's scsi_mmc.c print_capabilities)."""
    p = page_2a(profile)
    does = {("read", "CD-R"): p[2] & 0x01, ("write", "CD-R"): p[3] & 0x01, ("read", "CD-RW"): p[2] & 0x02,
            ("write", "CD-RW"): p[3] & 0x02, ("read", "DVD-ROM"): p[2] & 0x08, ("read", "DVD-R"): p[2] & 0x10,
            ("write", "DVD-R"): p[3] & 0x10, ("read", "DVD-RAM"): p[2] & 0x20, ("write", "DVD-RAM"): p[3] & 0x20}
    checks = [(f"Does{'' if on else ' not'} {verb} {medium} media", None) for (verb, medium), on in does.items()]
    checks.append((f"Does{'' if p[3] & 0x04 else ' not'} support test writing", None))
    checks.append((f"Does{'' if p[4] & 0x80 else ' not'} support Buffer-Underrun-Free recording", None))
    mech = ["caddy", "tray", "pop-up", "reserved(3)", "disc changer", "cartridge changer"][p[6] >> 5]
    checks.append((f"Loading mechanism type: {mech}", None))
    checks.append((f"Maximum read  speed: {get(p, 8, 0, 16)} kB/s", None))
    checks.append((f"Buffer size in KB: {get(p, 12, 0, 16)}", None))
    n = get(p, 30, 0, 16)
    checks.append((f"Number of supported write speeds: {n}", None))
    for i in range(n):
        rot = ["CLV/PCAV", "CAV"][p[32 + 4 * i + 1] & 0x07]
        checks.append((f"Write speed # {i}:", rf"Write speed # {i}: *{get(p, 32 + 4 * i + 2, 0, 16)} kB/s {rot}"))
    lines = [line.strip() for line in text.splitlines()]
    for want, pattern in checks:
        rx = re.compile(pattern) if pattern else None
        if not any((rx.match(line) if rx else line.startswith(want)) for line in lines):
            problems.append(f"wodim -prcap: no line '{pattern or want}'")
    return len(checks)


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    with open(sys.argv[1]) as f:
        profile = yaml.safe_load(f)
    what, problems = sys.argv[2], []
    if what == "capability-line":
        print(capability_line(profile))
        return 0
    if what == "modes":
        n = check_modes(profile, sys.stdin.read(), problems)
    elif what == "config":
        n = check_config(profile, sys.stdin.buffer.read(), sys.argv[3], problems)
    elif what == "prcap":
        n = check_prcap(profile, sys.stdin.read(), problems)
    else:
        raise SystemExit(f"unknown check '{what}'\n{__doc__}")
    for p in problems:
        print(p)
    if not problems:
        print(f"{n} items as the profile says")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
