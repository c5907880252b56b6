#!/usr/bin/python3
"""Audio tracks for the burners, and the check of what a ripper read back.

  audio_tracks.py make DIR      writes DIR/a.wav (5 s) and DIR/b.wav (4 s, the shortest track
                                the Red Book allows): generated 16-bit stereo 44.1 kHz sound,
                                whole CD blocks each
  audio_tracks.py check RIPDIR PAUSE
                                compares RIPDIR/track01.cdda.wav and track02.cdda.wav
                                (cdparanoia's names) with those tracks: track 1 as burned and
                                then the PAUSE blocks of silence before track 2 (a ripper
                                reads a track up to the next one's start), track 2 as burned

Each check prints one line; the exit status is the number of failures.
"""
import os
import random
import sys
import wave

BLOCK = 2352  # bytes of CD-DA in a block: 588 stereo 16-bit frames
TRACKS = {"a": 375, "b": 300}  # blocks


def pcm(name):
    return random.Random(name).randbytes(TRACKS[name] * BLOCK)


def make(directory):
    for name in TRACKS:
        with wave.open(os.path.join(directory, name + ".wav"), "wb") as w:
            w.setnchannels(2)
            w.setsampwidth(2)
            w.setframerate(44100)
            w.writeframes(pcm(name))
    return 0


def ripped(path):
    with wave.open(path, "rb") as w:
        return w.readframes(w.getnframes())


def check(rip, pause):
    failures = 0
    for number, name, want in ((1, "a", pcm("a") + bytes(pause * BLOCK)), (2, "b", pcm("b"))):
        path = os.path.join(rip, f"track{number:02d}.cdda.wav")
        try:
            got = ripped(path)
        except (OSError, wave.Error) as e:
            print(f"FAIL track {number}: {e}")
            failures += 1
            continue
        same = got == want
        differs = (f" (first difference at byte {i})" for i, (x, y) in enumerate(zip(got, want)) if x != y)
        where = "" if same else next(differs, f" ({len(got)} bytes, expected {len(want)})")
        print(("ok   " if same else "FAIL ") + f"track {number}: {len(got) // BLOCK} blocks, "
              f"{name}.wav{f' and {pause} blocks of pause' if number == 1 else ''} exactly{where}")
        failures += 0 if same else 1
    return failures


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "make":
        sys.exit(make(sys.argv[2]))
    if len(sys.argv) == 4 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2], int(sys.argv[3])))
    sys.exit(__doc__)
