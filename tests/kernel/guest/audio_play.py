#!/usr/bin/python3
"""CD audio played by the drive, through the sr driver's ioctls (<linux/cdrom.h>).

  audio_play.py DEV     DEV holds an audio CD of at least 6 s

CDROMPLAYMSF (PLAY AUDIO MSF), CDROMSUBCHNL (READ SUB-CHANNEL), CDROMPAUSE / CDROMRESUME
(PAUSE/RESUME) and CDROMSTOP (START STOP UNIT): the position moves at 75 blocks a second while
playing, holds while paused, and the status says which. Each check prints one line; the exit
status is the number of failures.
"""
import fcntl
import os
import struct
import sys
import time

CDROMPAUSE, CDROMRESUME, CDROMPLAYMSF, CDROMSTOP, CDROMSUBCHNL = 0x5301, 0x5302, 0x5303, 0x5307, 0x530B
CDROM_LBA = 0x01
AUDIO_PLAY, AUDIO_PAUSED, AUDIO_NO_STATUS = 0x11, 0x12, 0x15

failures = 0


def check(ok, what):
    global failures
    print(("pass " if ok else "FAIL ") + what)
    failures += 0 if ok else 1


def subchannel(fd):
    # struct cdrom_subchnl: format, audiostatus, adr:4|ctrl:4, trk, ind, then two int addresses.
    buf = bytearray(struct.pack("BBBBB3xii", CDROM_LBA, 0, 0, 0, 0, 0, 0))
    fcntl.ioctl(fd, CDROMSUBCHNL, buf)
    _, status, _, track, index, absolute, relative = struct.unpack("BBBBB3xii", buf)
    return status, track, absolute


fd = os.open(sys.argv[1], os.O_RDONLY | os.O_NONBLOCK)
fcntl.ioctl(fd, CDROMPLAYMSF, struct.pack("6B", 0, 2, 0, 0, 8, 0))  # LBA 0 up to 450
start = time.monotonic()
time.sleep(1.0)
status, track, at = subchannel(fd)
elapsed = time.monotonic() - start
check(status == AUDIO_PLAY and track == 1, f"CDROMPLAYMSF: playing track 1 (status {status:#x}, track {track})")
check(abs(at - 75 * elapsed) <= 20, f"after {elapsed:.2f} s the position is {at} (75 blocks a second: {75 * elapsed:.0f})")

fcntl.ioctl(fd, CDROMPAUSE)
status, _, held = subchannel(fd)
time.sleep(0.5)
_, _, later = subchannel(fd)
check(status == AUDIO_PAUSED and held == later, f"CDROMPAUSE: paused at {held}, still {later} half a second later")

fcntl.ioctl(fd, CDROMRESUME)
time.sleep(0.5)
status, _, moved = subchannel(fd)
check(status == AUDIO_PLAY and moved > held, f"CDROMRESUME: playing again, from {held} to {moved}")

fcntl.ioctl(fd, CDROMSTOP)
status, _, _ = subchannel(fd)
check(status == AUDIO_NO_STATUS, f"CDROMSTOP: no play to report (status {status:#x})")
os.close(fd)
sys.exit(failures)
