#!/usr/bin/env bash
# Disc images loaded as discs, read by real clients under mmc-emu exec as an ordinary user: a
# cue sheet of a data track (an ISO) and two audio tracks (one BIN, a PREGAP, a pregap in the
# file, an index mark, flags, an ISRC, the catalogue number, CD-Text). cdrdao read-toc and
# cd-info report its layout, index mark, ISRC, MCN and CD-Text; isoinfo reads the data track;
# cdparanoia rips the audio bit-exact. Then mmc-emu export writes it back out as cue/bin, and the copy reads the same;
# discrec read through /dev/sg0 writes the same BINs as export.
#   images.sh MMC_EMU DISCREC
set -uo pipefail
emu=$(readlink -f "$1") discrec=$(readlink -f "$2")
here=$(dirname "$(readlink -f "$0")")
source "$here/lib.sh"
as_user "$(readlink -f "$0")" "$emu" "$discrec"
need cdrdao cd-info isoinfo cdparanoia sg_turs python3 genisoimage

make_tree tree 2
genisoimage -quiet -R -J -V SPINDLE_CUE -o data.iso tree
mkdir -p audio && python3 "$here/../kernel/guest/audio_tracks.py" make "$work/audio"
# The two WAVs' samples back to back in one little-endian BIN: track 2 is a.wav (5 s), track 3
# b.wav (4 s) whose first 10 blocks are its pregap (INDEX 00).
python3 -c 'import sys, wave
with open(sys.argv[1], "wb") as out:
    for name in sys.argv[2:]:
        w = wave.open(name)
        out.write(w.readframes(w.getnframes()))' audio.bin audio/a.wav audio/b.wav
# Its INDEX 02 is off the blocks whose Q holds the ISRC (every 100th from 50 in a track), where
# cdrdao, scanning Q, would find it a block late.
cat >disc.cue <<EOF
CATALOG 0123456789012
TITLE "Spindle Album"
PERFORMER "The Emulators"
FILE "data.iso" BINARY
  TRACK 01 MODE1/2048
    INDEX 01 00:00:00
FILE "audio.bin" BINARY
  TRACK 02 AUDIO
    TITLE "First Song"
    ISRC USRC17607839
    PREGAP 00:02:00
    INDEX 01 00:00:00
    INDEX 02 00:02:20
  TRACK 03 AUDIO
    FLAGS DCP
    INDEX 00 00:05:00
    INDEX 01 00:05:10
EOF
in_exec cue --media "rom from $work/disc.cue" -- "ready
  cdrdao read-toc --device /dev/sg0 --driver generic-mmc $work/back.toc
  cd-info -C /dev/sr0 --no-device-info --no-header
  isoinfo -R -i /dev/sr0 -x /sub/readme.txt >$work/readme.back
  mkdir -p $work/rip && cd $work/rip && cdparanoia -d /dev/sr0 -B 2-3"
check $? cue "cdrdao read-toc, cd-info, isoinfo and cdparanoia on a loaded cue sheet"
data_blocks=$(($(stat -c %s data.iso) / 2048))
# cd-info's track list: number, MSF, LSN; track 2 after the 150-block PREGAP, track 3 at its INDEX 01.
grep -qE "^  2: [0-9:]+  0*$((data_blocks + 150)) audio" cue.txt &&
  grep -qE "^  3: [0-9:]+  0*$((data_blocks + 150 + 375 + 10)) audio" cue.txt &&
  grep -q 'Media Catalog Number (MCN): 0123456789012' cue.txt && grep -q 'TRACK  2 ISRC: USRC17607839' cue.txt &&
  grep -q 'TITLE: Spindle Album' cue.txt && grep -q 'PERFORMER: The Emulators' cue.txt &&
  grep -q 'TITLE: First Song' cue.txt &&
  pass "cd-info: the tracks where the sheet puts them, the ISRC, the catalogue number and the CD-Text" ||
  fail "cd-info: $(grep -E '^ +[0-9]+: |MCN|ISRC|TITLE|PERFORMER' cue.txt | tr '\n' '|')"
grep -q 'CATALOG "0123456789012"' back.toc && grep -q 'SILENCE 00:02:00' back.toc && grep -q '^COPY' back.toc &&
  grep -q '^INDEX 00:02:20' back.toc &&
  pass "cdrdao read-toc: the catalogue number, track 2's pause and index 2, and track 3's copy flag" ||
  fail "cdrdao read-toc: $(tr '\n' '|' <back.toc 2>&1)"
cmp -s tree/sub/readme.txt readme.back && pass "isoinfo: a file of the data track as in the ISO" ||
  fail "isoinfo: $(ls -l readme.back 2>&1)"
# cdparanoia's track 2 holds a.wav and b.wav's first 10 blocks (the pregap in the file); track 3 the rest.
python3 -c 'import sys, wave
def pcm(name):
    w = wave.open(name)
    return w.readframes(w.getnframes())
def ripped(name):
    w = wave.open(name)
    return w.readframes(w.getnframes())
a, b = pcm(sys.argv[1]), pcm(sys.argv[2])
two, three = ripped(sys.argv[3]), ripped(sys.argv[4])
sys.exit(0 if two == a + b[:10 * 2352] and three == b[10 * 2352:] else
         f"track 2: {len(two)} bytes, expected {len(a) + 10 * 2352}; track 3: {len(three)}, expected {len(b) - 10 * 2352}")' \
  audio/a.wav audio/b.wav rip/track02.cdda.wav rip/track03.cdda.wav 2>rip.diff &&
  pass "cdparanoia: both audio tracks bit-exact from the BIN" || fail "cdparanoia: $(cat rip.diff)"

# Exported and loaded again: cdrdao read-toc and cdparanoia see the same disc.
"$emu" export "rom from $work/disc.cue" -o "$work/copy.cue" -q >export.txt 2>&1 &&
  pass "mmc-emu export: $(head -1 export.txt)" || fail "mmc-emu export: $(cat export.txt)"
in_exec copy --media "rom from $work/copy.cue" -- "ready
  cdrdao read-toc --device /dev/sg0 --driver generic-mmc $work/copy.toc
  mkdir -p $work/rip2 && cd $work/rip2 && cdparanoia -d /dev/sr0 -B 2-3
  $discrec read /dev/sg0 -o $work/read.cue -q"
check $? copy "cdrdao read-toc, cdparanoia and discrec read on the exported copy"
diff -q <(grep -v DATAFILE back.toc) <(grep -v DATAFILE copy.toc) >/dev/null &&
  cmp -s rip/track02.cdda.wav rip2/track02.cdda.wav && cmp -s rip/track03.cdda.wav rip2/track03.cdda.wav &&
  pass "the exported copy: the same TOC, CD-Text and ISRC for cdrdao, the same audio for cdparanoia" ||
  fail "the exported copy differs: $(diff <(grep -v DATAFILE back.toc) <(grep -v DATAFILE copy.toc) | head -5 | tr '\n' '|')"

same=0
for n in 01 02 03; do cmp -s "copy (Track $n).bin" "read (Track $n).bin" && same=$((same + 1)); done
[ "$same" -eq 3 ] && pass "discrec read /dev/sg0: the BINs mmc-emu export wrote" ||
  fail "discrec read: $same of 3 BINs as exported ($(tail -3 copy.txt | tr '\n' '|'))"

# cdrdao toc files. The disc above exported as a toc and its BIN: cdrdao show-toc accepts it, and
# loaded again, cdrdao read-toc and cd-info see what they saw of the cue sheet. A disc cdrdao
# burned from a toc file (two audio tracks in one big-endian BIN, CD-Text, ISRC, MCN, an INDEX),
# read back by discrec read into a toc: cdrdao show-toc accepts it, with the same BIN.
"$emu" export "rom from $work/disc.cue" -o "$work/disc.toc" -q >toc-export.txt 2>&1 &&
  cdrdao show-toc disc.toc >show-toc.txt 2>&1 && ! grep -q inconsistent show-toc.txt &&
  pass "mmc-emu export -o disc.toc: cdrdao show-toc accepts it" ||
  fail "toc export: $(cat toc-export.txt show-toc.txt | tail -5 | tr '\n' '|')"
in_exec toc --media "rom from $work/disc.toc" -- "ready
  cdrdao read-toc --device /dev/sg0 --driver generic-mmc $work/toc.back.toc
  cd-info -C /dev/sr0 --no-device-info --no-header"
check $? toc "cdrdao read-toc and cd-info on a loaded toc"
diff -q <(grep -v DATAFILE back.toc) <(grep -v DATAFILE toc.back.toc) >/dev/null &&
  diff -q <(grep -E '^ +[0-9]+: |MCN|ISRC|TITLE|PERFORMER' cue.txt) \
    <(grep -E '^ +[0-9]+: |MCN|ISRC|TITLE|PERFORMER' toc.txt) >/dev/null &&
  pass "the loaded toc: cdrdao read-toc and cd-info see the cue sheet's disc (tracks, MCN, ISRC, CD-Text)" ||
  fail "the loaded toc differs: $(diff <(grep -v DATAFILE back.toc) <(grep -v DATAFILE toc.back.toc) | head -5 | tr '\n' '|')"
# Two audio tracks back to back in one big-endian BIN (cdrdao's raw sample order).
python3 -c 'import sys, wave
out = bytearray()
for name in sys.argv[1:3]:
    w = wave.open(name)
    pcm = bytearray(w.readframes(w.getnframes()))
    pcm[0::2], pcm[1::2] = pcm[1::2], pcm[0::2]
    out += pcm
open(sys.argv[3], "wb").write(out)' audio/a.wav audio/b.wav burn.bin
cat >burn.toc <<TOC
CD_DA
CATALOG "0123456789012"
CD_TEXT { LANGUAGE_MAP { 0 : EN } LANGUAGE 0 { TITLE "Burned" PERFORMER "Spindle" } }
TRACK AUDIO
ISRC "USRC17607839"
CD_TEXT { LANGUAGE 0 { TITLE "Song" PERFORMER "Spindle" } }
FILE "burn.bin" 0 00:05:00
INDEX 00:01:00
TRACK AUDIO
COPY
CD_TEXT { LANGUAGE 0 { TITLE "Other" PERFORMER "Spindle" } }
FILE "burn.bin" 00:05:00
TOC
in_exec toc-burn --media "blank cd-r" -- "ready
  cd $work && cdrdao write --device /dev/sg0 --driver generic-mmc:0x10 -n burn.toc
  $discrec read /dev/sg0 -o $work/burned.toc -q"
check $? toc-burn "cdrdao write from a toc, discrec read -o burned.toc"
cdrdao show-toc burned.toc >burned-show.txt 2>&1 && ! grep -q inconsistent burned-show.txt && cmp -s burn.bin burned.bin &&
  grep -q 'CATALOG "0123456789012"' burned.toc && grep -q 'ISRC "USRC17607839"' burned.toc &&
  grep -q 'TITLE "Song"' burned.toc && grep -q '^INDEX 00:01:00' burned.toc &&
  pass "a disc cdrdao burned from a toc: read back as a toc cdrdao accepts, with the same BIN, MCN, ISRC, index mark and CD-Text" ||
  fail "the burned disc's toc: $(tail -3 burned-show.txt | tr '\n' '|') $(cmp burn.bin burned.bin 2>&1) $(tr '\n' '|' <burned.toc)"

# A mixed-mode disc cdrdao burns (a data track, then audio after a pause; CD-Text, ISRC, MCN),
# read by discrec into a cue sheet: loaded again, cdrdao read-toc and cd-info see the disc burned.
cat >mixed.toc <<TOC
CD_ROM
CATALOG "0123456789012"
CD_TEXT { LANGUAGE_MAP { 0 : EN } LANGUAGE 0 { TITLE "Mixed" PERFORMER "Spindle" } }
TRACK MODE1
CD_TEXT { LANGUAGE 0 { TITLE "Data" PERFORMER "Spindle" } }
DATAFILE "data.iso"
TRACK AUDIO
ISRC "USRC17607839"
CD_TEXT { LANGUAGE 0 { TITLE "Song" PERFORMER "Spindle" } }
PREGAP 00:02:00
FILE "burn.bin" 0 00:05:00
TOC
in_exec mixed-burn --media "blank cd-r" -- "ready
  cd $work && cdrdao write --device /dev/sg0 --driver generic-mmc:0x10 -n mixed.toc
  cdrdao read-toc --device /dev/sg0 --driver generic-mmc $work/mixed.burned.toc
  cd-info -C /dev/sr0 --no-device-info --no-header
  $discrec read /dev/sg0 -o $work/mixed.cue -q"
check $? mixed-burn "cdrdao write of a mixed-mode toc, discrec read -o mixed.cue"
in_exec mixed-back --media "rom from $work/mixed.cue" -- "ready
  cdrdao read-toc --device /dev/sg0 --driver generic-mmc $work/mixed.back.toc
  cd-info -C /dev/sr0 --no-device-info --no-header"
check $? mixed-back "the read mixed-mode disc loaded"
same_disc() { grep -E '^ +[0-9]+: |MCN|ISRC|TITLE|PERFORMER' "$1"; }
diff <(grep -v DATAFILE mixed.burned.toc) <(grep -v DATAFILE mixed.back.toc) >mixed.diff &&
  diff <(same_disc mixed-burn.txt) <(same_disc mixed-back.txt) >>mixed.diff && grep -q 'TITLE: Song' mixed-back.txt &&
  pass "a burned mixed-mode disc read into a cue sheet reloads as burned: cdrdao read-toc and cd-info agree" ||
  fail "the burned mixed-mode disc reloads differently: $(head -8 mixed.diff | tr '\n' '|')"

# The same data track and audio as a Nero image and an Alcohol 120% descriptor with its MDF
# (binary_images.py writes both): cd-info sees the tracks, isoinfo reads the data track.
python3 "$here/binary_images.py" data.iso audio.bin disc.nrg disc.mds
for image in nrg mds; do
  in_exec "$image" --media "rom from $work/disc.$image" -- "ready
    cd-info -C /dev/sr0 --no-device-info --no-header
    isoinfo -R -i /dev/sr0 -x /sub/readme.txt >$work/readme.$image"
  check $? "$image" "cd-info and isoinfo on a loaded .$image"
  grep -qE "^  1: [0-9:]+  0*0 data" "$image.txt" && grep -qE "^  2: [0-9:]+  0*$((data_blocks + 150)) audio" "$image.txt" &&
    cmp -s tree/sub/readme.txt "readme.$image" &&
    pass ".$image: cd-info's data and audio tracks where the image puts them; isoinfo reads the data track" ||
    fail ".$image: $(grep -E '^ +[0-9]+: ' "$image.txt" | tr '\n' '|') $(ls -l "readme.$image" 2>&1)"
done

# CloneCD. The disc above exported as ccd/img/sub and loaded again: cdrdao read-toc and cd-info
# see the cue sheet's disc. Its audio alone, exported and given R-W of a pattern in the .sub:
# cdrdao read-cd --read-subchan rw_raw returns them block for block.
"$emu" export "rom from $work/disc.cue" -o "$work/clone.ccd" -q >ccd-export.txt 2>&1 &&
  printf 'FILE "audio.bin" BINARY\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n  TRACK 02 AUDIO\n    INDEX 01 00:05:00\n' >audio.cue &&
  "$emu" export "rom from $work/audio.cue" -o "$work/rw.ccd" -q >>ccd-export.txt 2>&1 &&
  python3 -c 'import sys
sub = bytearray(open(sys.argv[1], "rb").read())
for block in range(len(sub) // 96):
    for i in range(24, 96): sub[block * 96 + i] = (block * 13 + i * 5) & 0xFF  # channels R to W
open(sys.argv[1], "wb").write(sub)' rw.sub && pass "mmc-emu export -o clone.ccd: $(head -1 ccd-export.txt)" ||
  fail "ccd export: $(tr '\n' '|' <ccd-export.txt)"
in_exec ccd --media "rom from $work/clone.ccd" -- "ready
  cdrdao read-toc --device /dev/sg0 --driver generic-mmc $work/ccd.back.toc
  cd-info -C /dev/sr0 --no-device-info --no-header"
check $? ccd "cdrdao read-toc and cd-info on a loaded CloneCD image"
diff -q <(grep -v DATAFILE back.toc) <(grep -v DATAFILE ccd.back.toc) >/dev/null &&
  diff -q <(grep -E '^ +[0-9]+: |MCN|ISRC|TITLE|PERFORMER' cue.txt) \
    <(grep -E '^ +[0-9]+: |MCN|ISRC|TITLE|PERFORMER' ccd.txt) >/dev/null &&
  pass "the loaded CloneCD image: cdrdao read-toc and cd-info see the cue sheet's disc (tracks, MCN, ISRC, CD-Text)" ||
  fail "the loaded CloneCD image differs: $(diff <(grep -v DATAFILE back.toc) <(grep -v DATAFILE ccd.back.toc) | head -5 | tr '\n' '|')"
in_exec ccd-rw --media "rom from $work/rw.ccd" -- "ready
  cdrdao read-cd --device /dev/sg0 --driver generic-mmc --read-subchan rw_raw --datafile $work/rw.bin $work/rw.toc"
check $? ccd-rw "cdrdao read-cd --read-subchan rw_raw on a CloneCD image with R-W"
python3 -c 'import sys
sub, read = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
def rw(linear):  # one channel after the other -> one byte a symbol, R-W bits only
    return bytes(sum(((linear[c * 12 + s // 8] >> (7 - s % 8)) & 1) << (7 - c) for c in range(2, 8)) for s in range(96))
blocks = len(sub) // 96
bad = [b for b in range(blocks) if bytes(x & 0x3F for x in read[b * 2448 + 2352:(b + 1) * 2448]) != rw(sub[b * 96:(b + 1) * 96])]
sys.exit(f"{len(read)} bytes read for {blocks} blocks; R-W differ in {len(bad)}, first {bad[:3]}" if bad or len(read) != blocks * 2448 else 0)' \
  rw.sub rw.bin 2>rw.diff && pass "cdrdao read-cd rw_raw: the R-W of the .sub, block for block" ||
  fail "cdrdao read-cd rw_raw: $(cat rw.diff)"

finish_exec images
