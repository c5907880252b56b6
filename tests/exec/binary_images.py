#!/usr/bin/env python3
"""Writes a Nero image (v2, Disc At Once) and an Alcohol 120% descriptor with its .mdf of a data
track (a 2048-byte-sector ISO) and an audio track (little-endian CD-DA), each after the layout in
emulator/images/nrg_image.hpp and mds_image.hpp; the audio track starts 150 blocks after the data.

  binary_images.py DATA.iso AUDIO.bin OUT.nrg OUT.mds    (OUT.mdf beside OUT.mds)
"""
import struct
import sys

iso, audio, nrg, mds = sys.argv[1:5]
data, samples = open(iso, "rb").read(), open(audio, "rb").read()
samples += bytes(-len(samples) % 2352)
n1, n2 = len(data) // 2048, len(samples) // 2352
start2 = n1 + 150


def chunk(name, payload):
    return name + struct.pack(">I", len(payload)) + payload


def cue(adr_ctl, track, index, lba):
    return struct.pack(">BBBBi", adr_ctl, track, index, 0, lba)


# NRG: the sectors, CUEX (BCD track and index, LBA), DAOX (offsets of INDEX 00, 01 and the end), SINF, MTYP, END!, NER5.
cuex = cue(0x41, 0, 0, -150) + cue(0x41, 1, 0, -150) + cue(0x41, 1, 1, 0) + cue(0x01, 2, 0, n1) + \
    cue(0x01, 2, 1, start2) + cue(0x01, 0xAA, 1, start2 + n2)
tracks = struct.pack(">12sHBBHQQQ", b"", 2048, 0x00, 0, 0, 0, 0, len(data)) + \
    struct.pack(">12sHBBHQQQ", b"", 2352, 0x07, 0, 0, len(data), len(data), len(data) + len(samples))
daox = struct.pack(">I14sHBB", 22 + len(tracks), b"", 0, 1, 2) + tracks
body = data + samples
chunks = chunk(b"CUEX", cuex) + chunk(b"DAOX", daox) + chunk(b"SINF", struct.pack(">I", 2)) + \
    chunk(b"MTYP", struct.pack(">I", 1)) + chunk(b"END!", b"")
open(nrg, "wb").write(body + chunks + b"NER5" + struct.pack(">Q", len(body)))

# MDS: header, one session, A0-A2 and two track blocks, two extra blocks, a footer naming "*.mdf".
blocks_at, extras_at = 88 + 24, 88 + 24 + 5 * 80
footer_at = extras_at + 16
header = b"MEDIA DESCRIPTOR" + struct.pack("<BBHH", 1, 5, 0, 1) + bytes(58) + struct.pack("<II", 88, 0)
session = struct.pack("<iiHBBHHII", -150, start2 + n2, 1, 5, 3, 1, 2, 0, blocks_at)
entries = b"".join(struct.pack("<BBBBB", 0, 0, 0x14, 0, point) + bytes(75) for point in (0xA0, 0xA1, 0xA2))
for mode, ctl, point, extra, size, lba, offset in ((0xAA, 0x14, 1, extras_at, 2048, 0, 0),
                                                   (0xA9, 0x10, 2, extras_at + 8, 2352, start2, len(data))):
    entries += struct.pack("<BBBBB7sIH18sIQII24s", mode, 0, ctl, 0, point, b"", extra, size, b"", lba, offset, 1,
                           footer_at, b"")
extras = struct.pack("<IIII", 150, n1, 150, n2)
footer = struct.pack("<IIII", footer_at + 16, 0, 0, 0) + b"*.mdf\0"
open(mds, "wb").write(header + session + entries + extras + footer)
open(mds[:-4] + ".mdf", "wb").write(body)
