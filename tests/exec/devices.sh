#!/usr/bin/env bash
# mmc-emu exec as an ordinary user without capabilities: the nodes, sysfs and /proc a scanner
# reads, sg3_utils and libcdio against the profile, the sr ioctls through eject and cd-info,
# the control socket seen by a program inside, a fault rule, and exec's own exit statuses.
#   devices.sh MMC_EMU DISCREC SG_IOVEC_IO
set -uo pipefail
emu=$(readlink -f "$1") discrec=$(readlink -f "$2") iovec_io=$(readlink -f "$3")
here=$(dirname "$(readlink -f "$0")")
source "$here/lib.sh"

# The same control files through FUSE (--control DIR) where the machine offers it, before the
# rest runs as nobody: /dev/fuse is root's alone on most machines.
if [ "$(id -u)" -eq 0 ] && [ -z "${SPINDLE_EXEC_AS_USER:-}" ] && [ -c /dev/fuse ]; then
  fuse=$(mktemp -d)
  "$emu" exec --media "closed dvd+r" --control "$fuse/ctl" -- sh -c "
    echo open >$fuse/ctl/drive0/tray; cat $fuse/ctl/drive0/tray
    $emu control $fuse/ctl drive0 tray close; cat $fuse/ctl/drive0/tray" >"$fuse/out.txt" 2>&1
  expect_eq "exec --control DIR: the tray written through the mounted files" "open closed" \
    "$(grep -E '^(open|closed)$' "$fuse/out.txt" | tr '\n' ' ' | trim)"
  rm -rf "$fuse"
fi
as_user "$(readlink -f "$0")" "$emu" "$discrec" "$iovec_io"
need sg_inq sg_turs sg_modes lsblk cd-info dvd+rw-mediainfo eject isoinfo xorriso python3 busybox
expect_eq "runs as" "65534 0000000000000000" "$(id -u) $(grep CapEff /proc/self/status | cut -f2)"

profile_identity

# The nodes as stat and a scanner see them.
in_exec nodes --drives 2 --media 'blank dvd+r' -- '
  stat -c "%n %F %t:%T" /dev/sr0 /dev/sg0 /dev/scd0 /dev/sr1 /dev/sg1
  python3 -c "import os,stat; s=os.fstat(os.open(\"/dev/sr0\", os.O_RDONLY | os.O_NONBLOCK)); print(\"fstat\", stat.S_ISBLK(s.st_mode), os.major(s.st_rdev), os.minor(s.st_rdev))"
  echo sysfs $(cat /sys/block/sr0/removable /sys/block/sr0/device/type /sys/block/sr0/device/vendor /sys/block/sr0/device/model)
  ls /sys/class/scsi_generic
  lsblk -d -n -o NAME,RM,TYPE
  cat /proc/sys/dev/cdrom/info'
check $? nodes
out=$work/nodes.txt
grep -q '^/dev/sr0 block special file b:0$' "$out" && grep -q '^/dev/sg0 character special file 15:0$' "$out" &&
  grep -q '^/dev/scd0 block special file b:0$' "$out" && grep -q '^/dev/sr1 block special file b:1$' "$out" &&
  pass "stat: sr0 and scd0 block 11:0, sg0 char 21:0, sr1 block 11:1" || fail "stat: $(head -5 "$out" | tr '\n' '|')"
grep -q '^fstat True 11 0$' "$out" && pass "fstat of an open /dev/sr0: block 11:0" || fail "fstat: $(grep fstat "$out")"
expect_eq "sysfs removable, type, vendor, model" "sysfs 1 5 $vendor $product" "$(grep '^sysfs' "$out")"
grep -q '^sg0 *sg1$\|^sg0$' "$out" || grep -q 'sg0' "$out" && pass "/sys/class/scsi_generic lists sg0" || fail "no sg0 in /sys/class/scsi_generic"
grep -qE '^sr0 +1 +rom$' "$out" && pass "lsblk lists sr0 as a removable rom" || fail "lsblk: $(grep sr "$out" | tr '\n' '|')"
grep -qP '^drive name:\t\tsr1\tsr0$' "$out" && grep -qP '^Can write DVD-R:\t1\t1$' "$out" &&
  pass "/proc/sys/dev/cdrom/info: both drives, newest first, capabilities from page 2Ah" ||
  fail "/proc/sys/dev/cdrom/info: $(grep -A3 'drive name' "$out" | tr '\n' '|')"

# sg3_utils through both nodes: the profile's identity, TEST UNIT READY, page 2Ah.
in_exec sg3 --media "blank dvd+r" -- 'sg_inq /dev/sg0; sg_inq /dev/sr0; ready /dev/sr0; sg_modes --page=0x2a /dev/sg0'
check $? sg3
[ "$(grep -c "Vendor identification: $vendor" "$work/sg3.txt")" -eq 2 ] &&
  [ "$(grep -c "Product identification: $product" "$work/sg3.txt")" -eq 2 ] &&
  pass "sg_inq on sg0 and sr0: $vendor $product" || fail "sg_inq: $(grep -i identification "$work/sg3.txt" | tr '\n' '|')"
grep -q 'MM capabilities and mechanical status (obsolete)\|capabilities' "$work/sg3.txt" && pass "sg_modes page 2Ah" ||
  fail "sg_modes: $(tail -3 "$work/sg3.txt")"

# A ROM disc from an ISO: read()/pread() of /dev/sr0 return it; libcdio and isoinfo read it.
make_tree tree 1
xorriso -as mkisofs -quiet -R -J -V SPINDLE_EXEC -o image.iso tree 2>/dev/null
in_exec rom --media "rom from $work/image.iso" -- '
  ready
  dd if=/dev/sr0 of=back.iso bs=64k status=none
  isoinfo -d -i /dev/sr0 | grep "Volume id"
  isoinfo -i /dev/sr0 -R -x /sub/readme.txt
  cd-info --no-cddb --no-device-info /dev/sr0 | grep -iE "track|iso 9660|data"'
check $? rom
in_exec mediainfo --media "closed dvd+r from $work/image.iso" -- 'ready; dvd+rw-mediainfo /dev/sr0'
check $? mediainfo
cmp -s image.iso back.iso && pass "dd of /dev/sr0: the ROM image byte for byte" || fail "dd of /dev/sr0 differs"
grep -q 'Volume id: SPINDLE_EXEC' "$work/rom.txt" && grep -q '^seed 1$' "$work/rom.txt" &&
  pass "isoinfo reads the volume and a file through /dev/sr0" || fail "isoinfo: $(head -3 "$work/rom.txt" | tr '\n' '|')"
grep -qi 'iso 9660' "$work/rom.txt" && pass "cd-info sees the ISO 9660 data track" || fail "cd-info: $(grep -i track "$work/rom.txt" | head -3 | tr '\n' '|')"
grep -q 'Mounted Media:.*DVD+R' "$work/mediainfo.txt" && grep -qi 'Disc status:.*complete' "$work/mediainfo.txt" &&
  pass "dvd+rw-mediainfo: $(grep 'Mounted Media' "$work/mediainfo.txt" | trim)" ||
  fail "dvd+rw-mediainfo: $(grep -iE 'media|status' "$work/mediainfo.txt" | head -3 | tr '\n' '|')"

# Without a disc an open for reading fails as sr's does; eject(1) opens and closes the tray.
in_exec nomedium -- 'if dd if=/dev/sr0 of=/dev/null count=1 2>err.txt; then exit 1; fi; cat err.txt; eject -T /dev/sr0 || true'
check $? nomedium
grep -q 'No medium found' "$work/nomedium.txt" && pass "reading an empty drive: No medium found" ||
  fail "empty drive: $(cat "$work/nomedium.txt" | tr '\n' '|')"
in_exec eject --media "closed dvd+r" -- '
  eject /dev/sr0; mmc-emu control - drive0 tray
  eject -t /dev/sr0; mmc-emu control - drive0 tray'
check $? eject
expect_eq "eject, eject -t as the tray file shows them" "open closed" "$(grep -E '^(open|closed|locked)$' "$work/eject.txt" | tr '\n' ' ' | trim)"

# SG_IO's corners: a scatter-gather list, a command that never answers (the caller's timeout
# fires), one answered late.
in_exec sgio --media "rom from $work/image.iso" -- "
  ready
  $iovec_io read /dev/sg0 16 3 >iovec-sg.bin
  $iovec_io read /dev/sr0 20 5 >iovec-sr.bin
  echo '{command: INQUIRY, delay: 600ms}' | mmc-emu control - drive0 faults -
  start=\$(date +%s%N); sg_inq /dev/sg0 >/dev/null; echo inquiry-ms \$(( (\$(date +%s%N) - start) / 1000000 ))
  echo '{command: TEST UNIT READY, hang: true}' | mmc-emu control - drive0 faults -
  if sg_raw -t 1 /dev/sg0 00 00 00 00 00 00; then exit 1; fi"
check $? sgio
cmp -s iovec-sg.bin <(dd if=image.iso bs=2048 skip=16 count=3 status=none) &&
  cmp -s iovec-sr.bin <(dd if=image.iso bs=2048 skip=20 count=5 status=none) &&
  pass "READ(10) through SG_IO with a scatter-gather list, on sg0 and sr0" || fail "iovec reads differ"
ms=$(sed -n 's/^inquiry-ms //p' "$work/sgio.txt")
[ -n "$ms" ] && [ "$ms" -ge 600 ] && pass "a delay rule: INQUIRY answered after $ms ms" || fail "delay: '$ms' ms"
grep -q 'DID_TIME_OUT' "$work/sgio.txt" && pass "a command that never answers: DID_TIME_OUT at the caller's 1 s" ||
  fail "hang: $(tail -n 3 "$work/sgio.txt" | tr '\n' '|')"

# The control socket from inside: the tray opened behind the program's back, seen by sg_turs,
# then by a burner, which closes it as libburn does (START STOP UNIT, load).
in_exec control --media "closed dvd+r" -- '
  ready && echo ready-before
  mmc-emu control - drive0 tray open
  if sg_turs /dev/sg0 2>turs.txt; then echo still-ready; fi; cat turs.txt
  cdrskin dev=/dev/sr0 -toc
  echo "tray after the burner: $(mmc-emu control - drive0 tray)"'
check $? control
grep -q ready-before "$work/control.txt" && ! grep -q still-ready "$work/control.txt" &&
  grep -qi 'not ready\|medium not present' "$work/control.txt" &&
  pass "a tray opened through \$SPINDLE_CONTROL: the program's TEST UNIT READY says not ready" ||
  fail "control: $(tr '\n' '|' <"$work/control.txt")"
grep -q '^tray after the burner: closed$' "$work/control.txt" && grep -q 'Media summary: 1 sessions' "$work/control.txt" &&
  pass "cdrskin found the tray open, closed it and read the disc" || fail "cdrskin and the open tray: $(tail -n 3 "$work/control.txt" | tr '\n' '|')"

# exec's own statuses: the program's, a signal's, a refused static binary.
"$emu" exec -- sh -c 'exit 7' 2>/dev/null
expect_eq "exit status of a failing command" 7 "$?"
"$emu" exec -- sh -c 'kill -TERM $$' 2>/dev/null
expect_eq "status of a command ended by SIGTERM" 143 "$?"
"$emu" exec -- /bin/busybox true 2>static.txt # busybox-static (scripts/install-vm-deps)
status=$?
[ "$status" -eq 125 ] && grep -q 'statically linked' static.txt && pass "a static binary is refused: $(cat static.txt)" ||
  fail "static binary: status $status: $(cat static.txt)"

finish_exec devices
