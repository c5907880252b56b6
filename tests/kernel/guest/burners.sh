#!/usr/bin/env bash
# Runs inside tools/mmc-vm. Real burning programs against the default drive through /dev/srN
# and /dev/sgN: each writes a generated ISO image to a fresh disc, the tray is reloaded so
# that the kernel sees the new disc, and the image is read back through /dev/srN
# byte-identical. libburn (xorriso, cdrskin) on DVD-R, CD-R, DVD+RW and BD-RE; growisofs on
# DVD+R and DVD+RW, and -M appending a session to a DVD+R, mounted with the files of both; wodim on CD-R
# (SAO), whose -prcap must show the profile's page 2Ah, and -multi -xa writing two CD-ROM XA
# sessions (TAO) the kernel mounts. The burns exec.burners makes the same way without the
# kernel (xorriso on DVD+R, cdrskin on BD-R and TAO CD-R, wodim TAO) are not repeated here. Then
# audio CDs: two tracks burned by wodim (TAO and SAO), cdrskin (SAO) and cdrdao (SAO, with a
# pregap), ripped back exactly by cdparanoia.
#   burners.sh MMC_EMU
set -uo pipefail
emu=$1
here=$(dirname "$(readlink -f "$0")")
source "$here/lib.sh"
start_guest

"$emu" profile show >/tmp/profile.yaml
make_tree /tmp/tree 3
xorriso -as mkisofs -quiet -R -J -V SPINDLE_BURN -o /tmp/image.iso /tmp/tree 2>/tmp/mkisofs.txt ||
  fail "xorriso -as mkisofs: $(cat /tmp/mkisofs.txt)"
image_blocks=$(($(stat -c %s /tmp/image.iso) / 2048))
echo "     image: $image_blocks blocks"

# start_drive NAME MEDIA WORD...: a fresh drive with MEDIA, attached and ready; `burner` is
# WORD... with DEV_SR and DEV_SG standing for its devices.
start_drive() {
  local name=$1 media=$2 a
  shift 2
  attach --media "$media" --control /tmp/ctl
  wait_ready "($name: $media)" || { detach; return 1; }
  burner=()
  for a in "$@"; do
    a=${a//DEV_SR/$sr}
    burner+=("${a//DEV_SG/$sg}")
  done
}

# stop_drive NAME: the drive's command log is kept in $out, and the drive goes.
stop_drive() {
  cp /tmp/ctl/drive0/log "$out/$1.log" 2>/dev/null || true
  detach
}

# burn NAME MEDIA COMMAND...: a fresh drive with MEDIA, COMMAND burns /tmp/image.iso, then the
# tray is reloaded and the image read back. The command's output is kept in $out.
burn() {
  local name=$1 media=$2 t0
  shift 2
  start_drive "$name" "$media" "$@" || return
  t0=$(uptime_s)
  if "${burner[@]}" >"$out/$name.txt" 2>&1; then
    pass "$name burned $media in $(echo "$(uptime_s) - $t0" | bc) s"
  else
    fail "$name on $media: exit status $? ($out/$name.txt): $(grep -iE 'fatal|error|fail' "$out/$name.txt" | head -3)"
  fi
  reload "($name)"
  rm -f /tmp/back.bin
  # O_DIRECT: exactly the image's blocks. A buffered read would read ahead into the 2 run-out
  # blocks that end a TAO track (wodim, which does not pad), and sr, seeing the error so near
  # the end, cuts the device's size down to the page before it, as on a real drive.
  dd if="$sr" of=/tmp/back.bin bs=2048 count="$image_blocks" iflag=direct status=none 2>/tmp/dd.txt ||
    fail "$name: dd from $sr: $(cat /tmp/dd.txt)"
  cmp -s /tmp/image.iso /tmp/back.bin && pass "$name on $media: read back byte-identical through $sr" ||
    fail "$name on $media: the data read back differs ($(cmp /tmp/image.iso /tmp/back.bin 2>&1 | head -1))"
  stop_drive "$name"
}

# libburn: xorriso's cdrecord emulation and cdrskin.
burn cdrskin-dvd-r "blank dvd-r" cdrskin -v dev=DEV_SR /tmp/image.iso
burn cdrskin-cd-r "blank cd-r" cdrskin -v dev=DEV_SR /tmp/image.iso # SAO: SEND CUE SHEET, pregap at -150
burn xorriso-dvd+rw "blank dvd+rw" xorriso -as cdrecord -v dev=DEV_SR blank=as_needed /tmp/image.iso
burn xorriso-bd-re "formatted bd-re" xorriso -as cdrecord -v dev=DEV_SR /tmp/image.iso

# growisofs (dvd+rw-tools).
burn growisofs-dvd+r "blank dvd+r" growisofs -Z DEV_SR=/tmp/image.iso
burn growisofs-dvd+rw "blank dvd+rw" growisofs -Z DEV_SR=/tmp/image.iso

# growisofs -M appends a session to a DVD+R written with -Z: genisoimage reads the first
# session's tree through the /dev/fd/N growisofs hands it, and the kernel mounts the last
# session from /dev/srN with the files of both.
[ "$(readlink /dev/fd)" = /proc/self/fd ] && [ "$(cat <(echo substituted))" = substituted ] &&
  pass "/dev/fd is /proc/self/fd: process substitution works" || fail "/dev/fd: $(ls -l /dev/fd 2>&1)"
growisofs_append() {
  local t0
  start_drive growisofs-append "blank dvd+r" || return
  mkdir -p /tmp/more && echo "second session" >/tmp/more/added.txt
  t0=$(uptime_s)
  if growisofs -Z "$sr" -R -J /tmp/tree >"$out/growisofs-append.txt" 2>&1 && reload "(growisofs -Z)" &&
    growisofs -M "$sr" -R -J /tmp/more >>"$out/growisofs-append.txt" 2>&1; then
    pass "growisofs -Z, then -M on DVD+R in $(echo "$(uptime_s) - $t0" | bc) s"
  else
    fail "growisofs -Z then -M: exit status $? ($out/growisofs-append.txt): $(grep -iE "error|cannot|fail" "$out/growisofs-append.txt" | head -3)"
  fi
  reload "(growisofs -M)"
  mkdir -p /tmp/mnt
  if mount -t iso9660 -o ro "$sr" /tmp/mnt 2>/tmp/mount.txt; then
    cmp -s /tmp/tree/file2.bin /tmp/mnt/file2.bin && cmp -s /tmp/tree/sub/nested.bin /tmp/mnt/sub/nested.bin &&
      cmp -s /tmp/more/added.txt /tmp/mnt/added.txt &&
      pass "growisofs -M: $sr mounted shows both sessions' files: $(cd /tmp/mnt && find . -type f | sort | tr '\n' ' ')" ||
      fail "growisofs -M: the mounted disc holds $(cd /tmp/mnt && find . -type f | sort | tr '\n' ' ')"
    umount /tmp/mnt
  else
    fail "mount $sr after growisofs -M: $(cat /tmp/mount.txt)"
  fi
  stop_drive growisofs-append
}
growisofs_append

# wodim (cdrkit): page 2Ah as -prcap prints it, then an SAO burn.
attach --media "blank cd-r"
if wodim -prcap dev="$sg" >"$out/wodim-prcap.txt" 2>&1; then
  /usr/bin/python3 "$here/profile_expect.py" /tmp/profile.yaml prcap <"$out/wodim-prcap.txt" >/tmp/check.txt &&
    pass "wodim -prcap: $(cat /tmp/check.txt)" || fail "wodim -prcap: $(cat /tmp/check.txt)"
else
  fail "wodim -prcap: exit status $? ($(tail -3 "$out/wodim-prcap.txt"))"
fi
detach
burn wodim-cd-r-sao "blank cd-r" wodim -v -sao dev=DEV_SG /tmp/image.iso # cdrecord's cue sheet

# wodim -multi -xa: two TAO sessions of CD-ROM XA Form 1 (page 05h data block type 10, session
# format 20h), the second made by genisoimage from the first read through /dev/srN; the kernel
# mounts the last session (isofs, sr's multisession offset) with the files of both.
wodim_xa() {
  local t0 msinfo=
  start_drive wodim-xa "blank cd-r" || return
  rm -rf /tmp/xa1 /tmp/xa2 && mkdir -p /tmp/xa1 /tmp/xa2 /tmp/mnt
  echo "first session" >/tmp/xa1/one.txt && echo "second session" >/tmp/xa2/two.txt
  t0=$(uptime_s)
  if genisoimage -quiet -R -J -o /tmp/xa1.iso /tmp/xa1 && wodim -v -tao -multi -xa gracetime=2 dev="$sg" /tmp/xa1.iso >"$out/wodim-xa.txt" 2>&1 &&
    reload "(wodim -multi -xa, session 1)" && msinfo=$(wodim -msinfo dev="$sg" 2>>"$out/wodim-xa.txt") &&
    genisoimage -quiet -R -J -C "$msinfo" -M "$sr" -o /tmp/xa2.iso /tmp/xa2 2>>"$out/wodim-xa.txt" &&
    wodim -v -tao -multi -xa gracetime=2 dev="$sg" /tmp/xa2.iso >>"$out/wodim-xa.txt" 2>&1; then
    pass "wodim -multi -xa: two sessions (msinfo $msinfo) in $(echo "$(uptime_s) - $t0" | bc) s"
  else
    fail "wodim -multi -xa: exit status $? ($out/wodim-xa.txt): $(grep -iE 'error|cannot|fail' "$out/wodim-xa.txt" | head -3)"
  fi
  reload "(wodim -multi -xa, session 2)"
  if mount -t iso9660 -o ro "$sr" /tmp/mnt 2>/tmp/mount.txt; then
    cmp -s /tmp/xa1/one.txt /tmp/mnt/one.txt && cmp -s /tmp/xa2/two.txt /tmp/mnt/two.txt &&
      pass "wodim -multi -xa: $sr mounted shows both sessions' files: $(cd /tmp/mnt && find . -type f | sort | tr '\n' ' ')" ||
      fail "wodim -multi -xa: the mounted disc holds $(cd /tmp/mnt && find . -type f | sort | tr '\n' ' ')"
    umount /tmp/mnt
  else
    fail "mount $sr after wodim -multi -xa: $(cat /tmp/mount.txt)"
  fi
  stop_drive wodim-xa
}
wodim_xa

# audio_burn NAME PAUSE COMMAND...: two audio tracks (/tmp/audio/a.wav, b.wav) burned to a
# fresh CD-R with PAUSE blocks before the second, the tray reloaded, and both ripped with
# cdparanoia (READ CD of CD-DA through sr).
audio_burn() {
  local name=$1 pause=$2
  shift 2
  start_drive "$name" "blank cd-r" "$@" || return
  "${burner[@]}" >"$out/$name.txt" 2>&1 && pass "$name burned two audio tracks" ||
    fail "$name: exit status $? ($out/$name.txt): $(grep -iE 'fatal|error|fail' "$out/$name.txt" | head -3)"
  reload "($name)"
  rip_audio "$name" "$pause"
  stop_drive "$name"
}
rm -rf /tmp/audio && mkdir /tmp/audio && /usr/bin/python3 "$here/audio_tracks.py" make /tmp/audio
# Track At Once puts 2 s before each track; libburn and cdrecord write cue sheets without one
# (cdrecord sends the first track's pregap as 150 blocks of silence at -150).
audio_burn wodim-audio-tao 150 wodim -v -audio -tao dev=DEV_SG /tmp/audio/a.wav /tmp/audio/b.wav
audio_burn cdrskin-audio-sao 0 cdrskin -v dev=DEV_SR -sao -audio /tmp/audio/a.wav /tmp/audio/b.wav
audio_burn wodim-audio-sao 0 wodim -v -sao -audio dev=DEV_SG /tmp/audio/a.wav /tmp/audio/b.wav
# cdrdao's cue sheet from a toc file: track 2's 2 s pregap as its index 0.
printf 'CD_DA\nTRACK AUDIO\nFILE "/tmp/audio/a.wav" 0\nTRACK AUDIO\nPREGAP 0:2:0\nFILE "/tmp/audio/b.wav" 0\n' >/tmp/audio/disc.toc
audio_burn cdrdao-audio-sao 150 cdrdao write -n --device DEV_SG --driver generic-mmc /tmp/audio/disc.toc

finish_guest
