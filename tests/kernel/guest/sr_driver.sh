#!/usr/bin/env bash
# Runs inside tools/mmc-vm. The default drive as sg3_utils and the Linux sr driver see it:
# sg_modes -a and sg_get_config against the profile, the kernel's page 2Ah line against the
# profile, a burned ISO9660 disc mounted through /dev/srN, a medium change (eject, another
# disc, close) that the kernel notices, that disc's whole sectors read with READ CD by cdrdao
# and by the sr driver's CDROMREADRAW, CDROMREADMODE1 and CDROMSUBCHNL, and an audio CD made
# from sound files (media preset cd-da) ripped exactly by cdparanoia and played by the drive
# (CDROMPLAYMSF, CDROMSUBCHNL, CDROMPAUSE, CDROMRESUME, CDROMSTOP), and a multisession cue sheet
# mounted at its last session.
#   sr_driver.sh MMC_EMU
set -uo pipefail
emu=$1
here=$(dirname "$(readlink -f "$0")")
source "$here/lib.sh"
expect=("/usr/bin/python3" "$here/profile_expect.py" /tmp/profile.yaml)
start_guest

"$emu" profile show >/tmp/profile.yaml

attach --media "blank dvd+r" --control /tmp/ctl
echo "guest: $sr and $sg ready at $(uptime_s) s after boot"
uptime_s >"$out/ready-uptime" 2>/dev/null || true
wait_ready "(blank dvd+r)"

# --- sg3_utils against the profile -------------------------------------------------------------
if sg_modes -a "$sg" >/tmp/modes.txt 2>&1; then
  "${expect[@]}" modes </tmp/modes.txt >/tmp/check.txt && pass "sg_modes -a: $(cat /tmp/check.txt)" ||
    fail "sg_modes -a: $(cat /tmp/check.txt)"
else
  fail "sg_modes -a: $(cat /tmp/modes.txt)"
fi
if sg_get_config -R "$sg" >/tmp/config.bin 2>/tmp/config.err; then
  "${expect[@]}" config dvd+r </tmp/config.bin >/tmp/check.txt && pass "sg_get_config: $(cat /tmp/check.txt)" ||
    fail "sg_get_config: $(cat /tmp/check.txt)"
else
  fail "sg_get_config -R: $(cat /tmp/config.err)"
fi
expect_eq "sg_get_config current profile" "Current profile: DVD+R" "$(sg_get_config "$sg" | grep '^Current profile')"

# --- the sr driver's capability line ---------------------------------------------------------
want=$("${expect[@]}" capability-line)
got=$(dmesg | sed -n "s/^.*\[${sr#/dev/}\] \(scsi3-mmc drive: .*\)$/\1/p" | tail -n1 | sed 's/ *$//')
expect_eq "kernel capability line of $sr" "$want" "$got"

# --- a burned ISO9660 disc, mounted ----------------------------------------------------------
make_tree /tmp/tree1 1
size=$(blockdev --getsize64 "$sr" 2>/dev/null || echo none)
echo "     blank disc: $sr size $size"
if xorriso -outdev "$sr" -volid SPINDLE_ONE -map /tmp/tree1 / -commit >/tmp/xorriso.txt 2>&1; then
  pass "xorriso built and burned an ISO9660 session"
else
  fail "xorriso: $(tail -5 /tmp/xorriso.txt)"
fi
reload "(burned dvd+r)"
size=$(blockdev --getsize64 "$sr" 2>/tmp/blockdev.txt) || fail "blockdev: $(cat /tmp/blockdev.txt)"
[ "${size:-0}" -gt 0 ] && pass "the kernel sees the burned disc: $size bytes" || fail "the kernel sees no data on the burned disc"
mkdir -p /tmp/disc
if mount -t iso9660 -o ro "$sr" /tmp/disc 2>/tmp/mount.txt; then
  diff -r /tmp/tree1 /tmp/disc >/tmp/diff.txt && pass "mount $sr: files as burned" ||
    fail "mounted files differ: $(head -5 /tmp/diff.txt)"
  expect_eq "volume id" "SPINDLE_ONE" "$(blkid -o value -s LABEL "$sr" 2>/dev/null || echo '?')"
  umount /tmp/disc
else
  fail "mount $sr: $(cat /tmp/mount.txt)"
fi

# --- a medium change: eject, another disc on the tray, close ------------------------------------
make_tree /tmp/tree2 2
xorriso -as mkisofs -quiet -V SPINDLE_TWO -o /tmp/two.iso /tmp/tree2 2>/tmp/mkisofs.txt ||
  fail "xorriso -as mkisofs: $(cat /tmp/mkisofs.txt)"
eject "$sr" 2>/tmp/eject.txt && pass "eject $sr" || fail "eject $sr: $(cat /tmp/eject.txt)"
expect_eq "tray after eject" "open" "$(cat /tmp/ctl/drive0/tray)"
echo "rom from /tmp/two.iso" >/tmp/ctl/drive0/medium 2>/tmp/medium.txt || fail "loading another disc: $(cat /tmp/medium.txt)"
eject -t "$sr" 2>/tmp/eject.txt && pass "eject -t $sr" || fail "eject -t $sr: $(cat /tmp/eject.txt)"
wait_ready "(the other disc)"
expect_eq "size the kernel sees after the change" "$(stat -c %s /tmp/two.iso)" "$(blockdev --getsize64 "$sr" 2>&1)"
expect_eq "/sys/block sectors" "$(($(stat -c %s /tmp/two.iso) / 512))" "$(cat /sys/block/${sr#/dev/}/size)"
if mount -t iso9660 -o ro "$sr" /tmp/disc 2>/tmp/mount.txt; then
  diff -r /tmp/tree2 /tmp/disc >/tmp/diff.txt && pass "mount after the change: the other disc's files" ||
    fail "files after the change differ: $(head -5 /tmp/diff.txt)"
  umount /tmp/disc
else
  fail "mount after the change: $(cat /tmp/mount.txt)"
fi
dmesg | grep -i "${sr#/dev/}" | tail -5

# --- whole CD sectors: READ CD through cdrdao and the sr driver's ioctls ------------------------
if cdrdao read-cd --device "$sg" --driver generic-mmc --read-raw --read-subchan rw_raw \
  --datafile /tmp/raw.bin /tmp/raw.toc >"$out/cdrdao.txt" 2>&1; then
  pass "cdrdao read-cd --read-raw --read-subchan rw_raw"
  /usr/bin/python3 "$here/cd_sectors.py" raw /tmp/raw.bin /tmp/two.iso || failures=$((failures + $?))
else
  fail "cdrdao read-cd: $(tail -5 "$out/cdrdao.txt")"
fi
/usr/bin/python3 "$here/cd_sectors.py" ioctl "$sr" /tmp/two.iso 17 || failures=$((failures + $?))

# --- an audio CD from sound files (media preset cd-da), ripped by cdparanoia ---------------------
mkdir -p /tmp/audio && /usr/bin/python3 "$here/audio_tracks.py" make /tmp/audio
eject "$sr" 2>/tmp/eject.txt || fail "eject $sr: $(cat /tmp/eject.txt)"
echo "cd-da from /tmp/audio/a.wav /tmp/audio/b.wav" >/tmp/ctl/drive0/medium 2>/tmp/medium.txt ||
  fail "loading the audio CD: $(cat /tmp/medium.txt)"
eject -t "$sr" 2>/tmp/eject.txt || fail "eject -t $sr: $(cat /tmp/eject.txt)"
wait_ready "(the audio CD)"
rip_audio cd-da-preset 0
/usr/bin/python3 "$here/audio_play.py" "$sr" || failures=$((failures + $?))

# --- a multisession cue sheet (redump's form, a BIN per session): the kernel mounts its last ---
# session, whose directory holds the first one's files too (mkisofs -C/-M, as burners append).
mkdir -p /tmp/ms/new && make_tree /tmp/ms/new/later 3 # beside the first session's files, not over them
first=$(($(stat -c %s /tmp/two.iso) / 2048))
second=$((first + 11400)) # after the first session's lead-out, the next lead-in and pregap
xorriso -as mkisofs -quiet -V SPINDLE_MS -C "0,$second" -M /tmp/two.iso -o /tmp/ms/2.iso /tmp/ms/new \
  2>/tmp/mkisofs.txt || fail "mkisofs -C 0,$second -M: $(cat /tmp/mkisofs.txt)"
printf 'REM SESSION 01\nFILE "%s" BINARY\n  TRACK 01 MODE1/2048\n    INDEX 01 00:00:00\nREM SESSION 02\nFILE "%s" BINARY\n  TRACK 02 MODE1/2048\n    INDEX 01 00:00:00\n' \
  /tmp/two.iso /tmp/ms/2.iso >/tmp/ms/disc.cue
eject "$sr" 2>/tmp/eject.txt || fail "eject $sr: $(cat /tmp/eject.txt)"
echo "rom from /tmp/ms/disc.cue" >/tmp/ctl/drive0/medium 2>/tmp/medium.txt ||
  fail "loading the multisession cue: $(cat /tmp/medium.txt)"
eject -t "$sr" 2>/tmp/eject.txt || fail "eject -t $sr: $(cat /tmp/eject.txt)"
wait_ready "(the multisession cue)"
if mount -t iso9660 -o ro "$sr" /tmp/disc 2>/tmp/mount.txt; then
  mkdir -p /tmp/ms/both && cp -r /tmp/tree2/. /tmp/ms/new/. /tmp/ms/both/
  diff -r /tmp/ms/both /tmp/disc >/tmp/diff.txt && pass "mount of a multisession cue: both sessions' files" ||
    fail "multisession cue files differ: $(head -5 /tmp/diff.txt)"
  umount /tmp/disc
else
  fail "mount of the multisession cue: $(cat /tmp/mount.txt)"
fi

detach
finish_guest
