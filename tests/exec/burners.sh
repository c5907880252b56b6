#!/usr/bin/env bash
# Real burners under mmc-emu exec, as an ordinary user without capabilities: each writes a
# generated ISO image to a fresh disc and it is read back through /dev/sr0 byte-identical
# (xorriso and cdrskin on DVD+R, BD-R and CD-R, growisofs -Z then -M, wodim TAO and SAO and
# --devices, discrec with its verification); wodim -multi -xa writes two CD-ROM XA sessions;
# cdrdao and cdparanoia read a CD's whole sectors and audio; CD-Text, ISRCs and the catalogue
# number written Session At Once by cdrdao, wodim -text and cdrskin -text come back through
# cdrdao read-toc, cd-info and icedax; cdrdao writes raw and packed R-W sub-channels and reads
# them back; a write error injected through the control socket stops a burner as a real one
# would.
#   burners.sh MMC_EMU DISCREC
set -uo pipefail
emu=$(readlink -f "$1") discrec=$(readlink -f "$2")
here=$(dirname "$(readlink -f "$0")")
source "$here/lib.sh"
as_user "$(readlink -f "$0")" "$emu" "$discrec"
need xorriso cdrskin growisofs wodim cdrdao cdparanoia isoinfo genisoimage cd-info sg_raw python3 icedax
out=$work

profile_identity
make_tree tree 3
xorriso -as mkisofs -quiet -R -J -V SPINDLE_BURN -o image.iso tree 2>/dev/null
blocks=$(($(stat -c %s image.iso) / 2048))

# burn NAME MEDIA COMMAND: COMMAND (shell text, $IMAGE the image) burns, then the first $blocks
# blocks of /dev/sr0 are read back, all in one exec.
burn() {
  local name=$1 media=$2
  in_exec "$name" --media "$media" -- "IMAGE=$work/image.iso; ready; $3; dd if=/dev/sr0 of=$work/$name.back bs=2048 count=$blocks status=none"
  check $? "$name" "$name burned $media"
  cmp -s image.iso "$name.back" && pass "$name on $media: read back byte-identical through /dev/sr0" ||
    fail "$name on $media: the data read back differs ($(cmp image.iso "$name.back" 2>&1 | head -1))"
}

burn xorriso-dvd+r "blank dvd+r" 'xorriso -as cdrecord -v dev=/dev/sr0 $IMAGE'
burn cdrskin-bd-r "blank bd-r" 'cdrskin -v dev=/dev/sr0 $IMAGE'
burn cdrskin-cd-r "blank cd-r" 'cdrskin -v dev=/dev/sr0 $IMAGE'
burn cdrskin-cd-r-tao "blank cd-r" 'cdrskin -v -tao dev=/dev/sr0 $IMAGE'
# fs=1m: wodim locks its FIFO in memory, and an ordinary user may lock 8 MiB at most.
burn wodim-cd-r "blank cd-r" 'wodim -v -tao fs=1m dev=/dev/sg0 $IMAGE'
burn wodim-cd-r-sao "blank cd-r" 'wodim -v -sao fs=1m dev=/dev/sg0 $IMAGE'
burn discrec-bd-r "blank bd-r" '"'"$discrec"'" burn /dev/sg0 $IMAGE --verify --progress=plain'
burn discrec-cd-r "blank cd-r" '"'"$discrec"'" burn /dev/sr0 $IMAGE --verify --progress=plain'

# growisofs: a first session, then a second that merges a new file into it (-M reads the first
# session's directory through /dev/sr0); xorriso reads the last session's tree back.
mkdir -p more && echo "second session" >more/added.txt
in_exec growisofs --media "blank dvd+r" -- "ready
  growisofs -Z /dev/sr0 -R -J $work/tree
  ready  # growisofs reloads the tray after a burn: the disc becomes ready again
  growisofs -M /dev/sr0 -R -J $work/more
  xorriso -indev /dev/sr0 -toc 2>&1 | grep -E '^ISO session'
  xorriso -indev /dev/sr0 -find / -type f 2>/dev/null
  xorriso -osirrox on -indev /dev/sr0 -extract /added.txt $work/added.back 2>/dev/null"
check $? growisofs "growisofs -Z then -M on DVD+R"
[ "$(grep -c '^ISO session' "$work/growisofs.txt")" -eq 2 ] && grep -q "^'/sub/readme.txt'$" "$work/growisofs.txt" &&
  cmp -s more/added.txt added.back &&
  pass "growisofs: two sessions; the last holds the first's files and the added one, read back through /dev/sr0" ||
  fail "growisofs: $(grep -E 'session|readme|added' "$work/growisofs.txt" | tr '\n' '|')"

# wodim -multi -xa: two Track At Once sessions of CD-ROM XA Form 1 (page 05h data block type 10,
# session format 20h); genisoimage reads the first through /dev/sr0 to make the second. isoinfo
# finds both volumes and the second's files, cd-info the two sessions, and READ CD of a sector
# gives Mode 2 with a Form 1 subheader.
mkdir -p xa1 xa2 && echo "first session" >xa1/one.txt && echo "second session" >xa2/two.txt
in_exec wodim-xa --media "blank cd-r" -- "ready
  genisoimage -quiet -R -J -V XA_ONE -o $work/xa1.iso $work/xa1
  wodim -v -tao -multi -xa gracetime=2 fs=1m dev=/dev/sg0 $work/xa1.iso
  msinfo=\$(wodim -msinfo dev=/dev/sg0)
  genisoimage -quiet -R -J -V XA_TWO -C \$msinfo -M /dev/sr0 -o $work/xa2.iso $work/xa2
  wodim -v -tao -multi -xa gracetime=2 fs=1m dev=/dev/sg0 $work/xa2.iso
  echo msinfo \$msinfo
  isoinfo -d -i /dev/sr0 | grep 'Volume id'
  isoinfo -d -i /dev/sr0 -T \${msinfo#*,} | grep 'Volume id'
  isoinfo -f -R -i /dev/sr0 -T \${msinfo#*,}
  cd-info --no-header --no-device-info /dev/sr0
  sg_raw -r 2352 -o $work/xa.sector /dev/sg0 be 10 0 0 0 10 0 0 1 f8 0 0"
check $? wodim-xa "wodim -multi -xa, two sessions"
grep -q "Volume id: XA_ONE" wodim-xa.txt && grep -q "Volume id: XA_TWO" wodim-xa.txt && grep -q "^/two.txt" wodim-xa.txt &&
  grep -q "session #2 starts" wodim-xa.txt && [ "$(od -An -tx1 -j15 -N1 xa.sector | tr -d ' ')" = 02 ] &&
  [ $((0x$(od -An -tx1 -j18 -N1 xa.sector | tr -d ' ') & 0x20)) -eq 0 ] &&
  pass "wodim -multi -xa: XA_ONE and XA_TWO ($(grep '^msinfo' wodim-xa.txt)), the second's files, Mode 2 Form 1 sectors" ||
  fail "wodim -multi -xa: $(grep -E 'Volume id|^/|session|Disc mode|msinfo' wodim-xa.txt | tr '\n' '|') sector: $(od -An -tx1 -j12 -N12 xa.sector)"

# Scanners: wodim and cdrskin list the drive.
# wodim --devices exits non-zero whatever it finds (255 with no drive at all, 1 here): its list
# is what counts.
in_exec scan --media "blank cd-r" -- 'ready; wodim --devices || true; cdrskin --devices'
check $? scan "wodim --devices and cdrskin --devices"
grep -q "^ *0 *dev='/dev/scd0'.*'$vendor' *'$product'" "$work/scan.txt" &&
  grep -q "^0 *dev='/dev/sr0'.*'$vendor *' *'$product'" "$work/scan.txt" &&
  pass "wodim lists /dev/scd0, cdrskin /dev/sr0: $vendor $product" ||
  fail "scanners: $(tr '\n' '|' <"$work/scan.txt")"

# A CD's whole sectors and audio: cdrdao reads the data CD, cdparanoia rips the cd-da preset,
# and the drive plays it through the sr ioctls (audio_play.py).
rm -rf audio && mkdir audio && python3 "$here/../kernel/guest/audio_tracks.py" make "$work/audio"
in_exec cdda --media "cd-da from $work/audio/a.wav $work/audio/b.wav" -- "ready
  cdrdao disk-info --device /dev/sg0 --driver generic-mmc
  (mkdir -p rip && cd rip && cdparanoia -d /dev/sr0 -B 1-)
  python3 $here/../kernel/guest/audio_play.py /dev/sr0"
check $? cdda "cdrdao disk-info, cdparanoia and the drive playing CDROMPLAYMSF/PAUSE/RESUME/STOP on an audio CD"
bad=0
python3 "$here/../kernel/guest/audio_tracks.py" check "$work/rip" 0 >audio-check.txt || bad=$?
sed 's/^\(ok  \|FAIL\) /&cdparanoia under exec: /' audio-check.txt
failures=$((failures + bad))
# CD-Text, ISRC and catalogue number, Session At Once. cdrdao from a toc file (Debian 12's cdrdao
# 1.2.4 writes CD-Text only with driver option 0x10; from 1.2.5 on it reads feature 002Eh's R-W
# bit, which the default profile sets), read back by cdrdao read-toc, cd-info and icedax -J;
# wodim -text from a cue file, read back by cd-info.
cat >cd-text.toc <<EOF
CD_DA
CATALOG "0123456789012"
CD_TEXT { LANGUAGE_MAP { 0 : EN } LANGUAGE 0 { TITLE "Spindle Album" PERFORMER "The Emulators" } }
TRACK AUDIO
ISRC "USRC17607839"
CD_TEXT { LANGUAGE 0 { TITLE "First Song" PERFORMER "One" } }
FILE "$work/audio/a.wav" 0
TRACK AUDIO
CD_TEXT { LANGUAGE 0 { TITLE "Second Song" PERFORMER "Two" } }
FILE "$work/audio/b.wav" 0
EOF
in_exec cd-text-cdrdao --media "blank cd-r" -- "ready
  cdrdao write --device /dev/sg0 --driver generic-mmc:0x10 -n $work/cd-text.toc
  cdrdao read-toc --device /dev/sg0 --driver generic-mmc $work/cd-text.back.toc
  cd-info -C /dev/sr0 --no-device-info --no-header
  cd $work && icedax -J -g -H -D /dev/sr0 -v titles"
check $? cd-text-cdrdao "cdrdao writes CD-Text, ISRC and MCN Session At Once"
grep -q 'CATALOG "0123456789012"' cd-text.back.toc && grep -q 'ISRC "USRC17607839"' cd-text.back.toc &&
  grep -q 'TITLE "Spindle Album"' cd-text.back.toc && grep -q 'PERFORMER "Two"' cd-text.back.toc &&
  pass "cdrdao read-toc: the catalogue number, track 1's ISRC and the CD-Text as written" ||
  fail "cdrdao read-toc: $(tr '\n' '|' <cd-text.back.toc 2>&1)"
grep -q 'Media Catalog Number (MCN): 0123456789012' cd-text-cdrdao.txt &&
  grep -q 'TRACK  1 ISRC: USRC17607839' cd-text-cdrdao.txt && grep -q 'TITLE: Second Song' cd-text-cdrdao.txt &&
  pass "cd-info: MCN, ISRC and CD-Text of disc and tracks" ||
  fail "cd-info: $(grep -iE 'mcn|isrc|title|text' cd-text-cdrdao.txt | tr '\n' '|')"
grep -q "Album title: 'Spindle Album' from 'The Emulators'" cd-text-cdrdao.txt &&
  grep -q "T01: title 'First Song' from 'One'" cd-text-cdrdao.txt &&
  pass "icedax -J: the album and track titles from CD-Text" ||
  fail "icedax: $(grep -iE 'text|title' cd-text-cdrdao.txt | tr '\n' '|')"
python3 -c 'import sys, wave
with open(sys.argv[1], "wb") as out:
    for name in sys.argv[2:]:
        w = wave.open(name)
        out.write(w.readframes(w.getnframes()))' cd-text.bin audio/a.wav audio/b.wav
cat >cd-text.cue <<EOF
CATALOG 0123456789012
TITLE "Spindle Album"
PERFORMER "The Emulators"
FILE "cd-text.bin" BINARY
  TRACK 01 AUDIO
    TITLE "First Song"
    PERFORMER "One"
    ISRC USRC17607839
    INDEX 01 00:00:00
  TRACK 02 AUDIO
    TITLE "Second Song"
    PERFORMER "Two"
    INDEX 01 00:05:00
EOF
in_exec cd-text-wodim --media "blank cd-r" -- "ready
  cd $work && wodim -v -dao -text gracetime=2 fs=1m dev=/dev/sg0 cuefile=cd-text.cue
  cd-info -C /dev/sr0 --no-device-info --no-header"
check $? cd-text-wodim "wodim -dao -text from a cue file"
grep -q 'Media Catalog Number (MCN): 0123456789012' cd-text-wodim.txt &&
  grep -q 'TRACK  1 ISRC: USRC17607839' cd-text-wodim.txt && grep -q 'TITLE: First Song' cd-text-wodim.txt &&
  grep -q 'PERFORMER: The Emulators' cd-text-wodim.txt &&
  pass "wodim -text: cd-info reads back the cue file's CD-Text, ISRC and MCN" ||
  fail "wodim -text: $(grep -iE 'mcn|isrc|title|text|error' cd-text-wodim.txt | tr '\n' '|')"
in_exec cd-text-cdrskin --media "blank cd-r" -- "ready
  cd $work && cdrskin -v dev=/dev/sr0 -sao -text cuefile=cd-text.cue
  cd-info -C /dev/sr0 --no-device-info --no-header"
check $? cd-text-cdrskin "cdrskin -sao -text from a cue file"
grep -q 'TITLE: First Song' cd-text-cdrskin.txt && grep -q 'PERFORMER: The Emulators' cd-text-cdrskin.txt &&
  pass "cdrskin -text: cd-info reads back the cue file's CD-Text" ||
  fail "cdrskin -text: $(grep -iE 'title|text|error' cd-text-cdrskin.txt | tr '\n' '|')"
# R-W sub-channels recorded by the burner: cdrdao writes an audio track of sub-channel mode
# RW_RAW (each block 2352 bytes of audio and 96 of R-W, cue data form 40h) and reads it back with
# read-cd --read-subchan rw_raw; then of mode RW (packs the drive interleaves, form C0h), read
# back de-interleaved with --read-subchan rw. The audio as written, the R-W bits (5-0) as
# written beside the drive's own P and Q.
python3 -c 'import sys
with open(sys.argv[1], "wb") as f:
    for b in range(300):
        f.write(bytes((b * 3 + i) & 0xFF for i in range(2352)) + bytes((b * 5 + j) & 0x3F for j in range(96)))' rw.bin
for mode in RW_RAW RW; do
  read_mode=$(echo $mode | tr '[:upper:]' '[:lower:]')
  printf 'CD_DA\nTRACK AUDIO %s\nDATAFILE "%s"\n' $mode "$work/rw.bin" >rw-$mode.toc
  in_exec cdrdao-$mode --media "blank cd-r" -- "ready
    cdrdao write --device /dev/sg0 --driver generic-mmc -n $work/rw-$mode.toc
    cdrdao read-cd --device /dev/sg0 --driver generic-mmc --read-subchan $read_mode --datafile $work/rw-$mode.back $work/rw-$mode.back.toc"
  check $? cdrdao-$mode "cdrdao writes and reads an audio track with R-W sub-channels $mode"
  python3 -c 'import sys
a, b = (open(p, "rb").read() for p in sys.argv[1:3])
bad = [i for i in range(len(a) // 2448) if a[i * 2448:i * 2448 + 2352] != b[i * 2448:i * 2448 + 2352] or
       bytes(x & 0x3F for x in a[i * 2448 + 2352:(i + 1) * 2448]) != bytes(x & 0x3F for x in b[i * 2448 + 2352:(i + 1) * 2448])]
sys.exit(f"blocks that differ: {bad[:5]} of {len(a) // 2448}, {len(b)} bytes read" if bad or len(a) != len(b) else 0)' \
    rw.bin rw-$mode.back 2>rw.diff && grep -q "TRACK AUDIO $mode\$" rw-$mode.back.toc &&
    pass "cdrdao read-cd --read-subchan $read_mode: 300 blocks of audio and R-W as written" ||
    fail "cdrdao $read_mode: $(cat rw.diff rw-$mode.back.toc 2>&1 | tr '\n' '|')"
done
in_exec cdrdao-read --media "closed cd-r from $work/image.iso" -- "ready; cdrdao read-cd --device /dev/sg0 --driver generic-mmc --datafile $work/read.bin $work/read.toc"
check $? cdrdao-read "cdrdao read-cd of a data CD"
cmp -s image.iso <(head -c $((blocks * 2048)) read.bin) && pass "cdrdao read-cd: the data track as burned" ||
  fail "cdrdao read-cd: $(ls -l read.bin 2>&1)"

# A write error the drive is told to give mid-burn (through the control socket): the burner
# fails and says so.
in_exec fault --media "blank dvd+r" -- "ready
  echo '{command: WRITE(10), from: 20, sense: 3/0C/00}' | mmc-emu control - drive0 faults -
  if xorriso -as cdrecord -v dev=/dev/sr0 $work/image.iso; then exit 1; fi
  mmc-emu control - drive0 faults"
check $? fault "a burner fails on an injected write error"
grep -qiE 'write error|0C 00|sense' "$work/fault.txt" && pass "xorriso reports the injected write error" ||
  fail "fault: $(grep -iE 'error|fail' "$work/fault.txt" | head -3 | tr '\n' '|')"

finish_exec burners
