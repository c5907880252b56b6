#!/usr/bin/env bash
# Runs inside tools/mmc-vm. The default drive as an sg character device made through CUSE
# (`mmc-emu attach --target cuse`), used by sg3_utils and the recorder as they use /dev/sgN,
# and steered through the control filesystem mounted next to it; then the control filesystem
# in front of a TCMU drive (the kernel's commands and the shell's writes share one drive).
# SG_IO comes from 64-bit and 32-bit programs (sg_iovec_io and its 32-bit build, which the
# kernel's sg driver answers on the TCMU drive at the end: the two answers must agree).
#   cuse_device.sh MMC_EMU DISCREC HARDWARE_SUITE SG_IOVEC_IO SG_IOVEC_IO32
set -uo pipefail
emu=$1
discrec=$2
suite=$3
iovec_io=$4
iovec_io32=$5
here=$(dirname "$(readlink -f "$0")")
source "$here/lib.sh" # reporting, attach, wait_ready
start_guest

lines=1 # CUSE: one device line per drive
# attach_cuse ARGS...: lib.sh's attach through CUSE; $dev is the device it made.
attach_cuse() {
  attach --target cuse "$@"
  dev=${devs[0]}
}

head -c $((2048 * 600)) /dev/urandom >/tmp/rom.img
vendor=$("$emu" profile show | sed -n 's/^  vendor: "\(.*\)"$/\1/p')
product=$("$emu" profile show | sed -n 's/^  product: "\(.*\)"$/\1/p')

# --- a ROM disc behind /dev/spindle-cuse, with the control filesystem -------------------------
attach_cuse --name spindle-cuse --media "rom from /tmp/rom.img" --control /tmp/ctl
expect_eq "device path" "/dev/spindle-cuse" "$dev"
[ -c "$dev" ] && pass "$dev is a character device" || fail "$dev is not a character device"
echo "guest: $dev ready at $(uptime_s) s after boot"
uptime_s >"$out/ready-uptime" 2>/dev/null || true

sg_inq "$dev" >/tmp/inq.txt || fail "sg_inq exit status $?"
expect_eq "sg_inq vendor" "$vendor" "$(sed -n 's/^ *Vendor identification://p' /tmp/inq.txt | trim)"
expect_eq "sg_inq product" "$product" "$(sed -n 's/^ *Product identification://p' /tmp/inq.txt | trim)"
grep -q 'Peripheral device type: cd/dvd' /tmp/inq.txt && pass "sg_inq: cd/dvd" || fail "sg_inq: not cd/dvd"
wait_ready "(rom)" "$dev"

sg_modes -p 0x2a "$dev" >/tmp/modes.txt 2>&1 && pass "sg_modes page 2Ah" || fail "sg_modes: $(cat /tmp/modes.txt)"
grep -qi 'capabilit\|2a' /tmp/modes.txt && pass "sg_modes shows page 2Ah" || fail "sg_modes output: $(head -5 /tmp/modes.txt)"
sg_get_config -c "$dev" >/tmp/config.txt 2>&1 && pass "sg_get_config" || fail "sg_get_config: $(cat /tmp/config.txt)"
grep -qi 'Current profile:.*DVD-ROM\|Current profile:.*CD-ROM\|Current profile:.*BD-ROM' /tmp/config.txt &&
  pass "sg_get_config: $(grep -i 'Current profile' /tmp/config.txt | trim)" ||
  fail "sg_get_config current profile: $(head -3 /tmp/config.txt)"
expect_eq "sg_readcap -b" "0x258 0x800" "$(sg_readcap -b "$dev" | tr -s ' ')"

# READ(10) of 16 blocks through SG_IO (data-in, 32 KiB).
sg_raw -r 32768 -o /tmp/head.bin "$dev" 28 00 00 00 00 00 00 00 10 00 >/tmp/raw.txt 2>&1 || fail "sg_raw READ(10): $(cat /tmp/raw.txt)"
head -c $((2048 * 16)) /tmp/rom.img | cmp -s - /tmp/head.bin && pass "READ(10) 16 blocks through SG_IO" || fail "READ(10) data differ"
# iovec_read DEV WHO [CLIENT]: 40 blocks from LBA 7 into three uneven buffers (SG_IO with
# iovec_count 3); the header's fields are left in /tmp/iovec.txt.
iovec_read() {
  if "${3:-$iovec_io}" read "$1" 7 40 >/tmp/iovec.bin 2>/tmp/iovec.txt; then
    dd if=/tmp/rom.img bs=2048 skip=7 count=40 status=none | cmp -s - /tmp/iovec.bin &&
      pass "$2: READ(10) through an SG_IO scatter-gather list ($(cat /tmp/iovec.txt))" ||
      fail "$2: what the scatter-gather list received differs from the image"
  else
    fail "$2: SG_IO with iovec_count 3: $(cat /tmp/iovec.txt)"
  fi
}
# past_end DEV CLIENT: a READ(10) past the disc's end; the header and sense the client got.
past_end() { "$2" read "$1" 1000 2 2>&1 >/dev/null || true; }
iovec_read "$dev" "cuse"
cp /tmp/iovec.txt /tmp/iovec64.txt
[ -x "$iovec_io32" ] || fail "no 32-bit SG_IO client at '$iovec_io32': install g++-multilib (scripts/install-vm-deps) and build again"
if [ -x "$iovec_io32" ]; then
  iovec_read "$dev" "cuse, a 32-bit caller" "$iovec_io32"
  expect_eq "cuse: a 32-bit caller's header" "$(cat /tmp/iovec64.txt)" "$(cat /tmp/iovec.txt)"
  cuse_past_end32=$(past_end "$dev" "$iovec_io32")
  expect_eq "cuse: a 32-bit caller's READ past the end" "$(past_end "$dev" "$iovec_io")" "$cuse_past_end32"
fi
# A CDB the drive refuses: sense comes back through SG_IO.
sg_raw "$dev" 28 00 00 00 FF FF 00 00 01 00 >/tmp/bad.txt 2>&1 || true
grep -qi 'illegal request' /tmp/bad.txt && pass "sense returned: $(grep -i 'illegal request' /tmp/bad.txt | head -1 | trim)" || fail "no sense for a read past the end: $(cat /tmp/bad.txt)"

# The recorder, unchanged.
"$discrec" info "$dev" >/tmp/info.txt 2>&1 && pass "discrec info" || fail "discrec info: $(cat /tmp/info.txt)"
expect_eq "discrec info vendor" "$vendor" "$(sed -n 's/^Vendor: *//p' /tmp/info.txt | trim)"
grep -q '^Disc: *complete' /tmp/info.txt && pass "discrec info: $(grep '^Disc:' /tmp/info.txt)" || fail "discrec info disc: $(grep '^Disc' /tmp/info.txt)"
"$discrec" mode-page "$dev" 2A >/tmp/page.txt 2>&1 && pass "discrec mode-page 2A" || fail "discrec mode-page: $(cat /tmp/page.txt)"

# The recorder's hardware suite (read-only part, with the tray moving) over the CUSE device.
SPINDLE_HW_DEVICE=$dev SPINDLE_HW_EJECT=1 "$suite" read-only >/tmp/suite.txt 2>&1 &&
  pass "hardware suite read-only over $dev: $(tail -1 /tmp/suite.txt)" || fail "hardware suite: $(tail -30 /tmp/suite.txt)"
wait_ready "(after the suite)" "$dev"

# The control filesystem steers the same drive.
ctl=/tmp/ctl/drive0
expect_eq "control: tray" "closed" "$(cat $ctl/tray)"
echo open >$ctl/tray && pass "echo open > tray" || fail "echo open > tray"
sg_turs "$dev" >/tmp/tur.txt 2>&1 || true
grep -qi 'not ready\|medium not present' /tmp/tur.txt && pass "tray open seen by sg_turs" || fail "after opening the tray: $(cat /tmp/tur.txt)"
echo close >$ctl/tray
wait_ready "(tray closed again)" "$dev"
cmp -s /tmp/rom.img $ctl/disc.img && pass "disc.img is the ROM image" || fail "disc.img differs"
echo '{command: INQUIRY, delay: 5s}' >$ctl/faults && pass "fault rule written" || fail "fault rule refused: $(cat $ctl/last_error)"
t0=$(uptime_s)
if sg_raw -t 1 -r 36 "$dev" 12 00 00 00 24 00 >/tmp/late.txt 2>&1; then
  fail "an INQUIRY slower than its timeout succeeded"
else
  pass "the timeout fired after $(echo "$(uptime_s) - $t0" | bc) s: $(grep -i 'time' /tmp/late.txt | head -1 | trim)"
fi
echo clear >$ctl/faults
sg_inq "$dev" >/dev/null 2>&1 && pass "sg_inq after the timeout" || fail "sg_inq after the timeout"
grep -q '^#.* 12 00 00 00 24 00 .*rules=1' $ctl/log && pass "the late INQUIRY is in the log" || fail "log: $(tail -3 $ctl/log)"
echo nonsense >$ctl/tray 2>/dev/null && fail "nonsense accepted" || pass "nonsense refused: $(cat $ctl/last_error)"

kill -TERM "$attach_pid"
if wait "$attach_pid"; then pass "attach exits 0 on SIGTERM"; else fail "attach exit status $?: $(cat /tmp/attach.err)"; fi
[ ! -e "$dev" ] && pass "$dev gone" || fail "$dev still there"
mountpoint -q /tmp/ctl && fail "/tmp/ctl still mounted" || pass "/tmp/ctl unmounted"

# --- a crash: the next run cleans the stale control mount ---------------------------------
attach_cuse --name spindle-cuse --media "blank dvd+r" --control /tmp/ctl
kill -KILL "$attach_pid"
wait "$attach_pid" 2>/dev/null || true
attach_cuse --name spindle-cuse --media "blank dvd+r" --control /tmp/ctl
expect_eq "control after a crash" "closed" "$(cat /tmp/ctl/drive0/tray)"
wait_ready "(blank dvd+r)" "$dev"
"$discrec" info "$dev" >/tmp/info.txt 2>&1 && pass "discrec info (blank dvd+r)" || fail "discrec info: $(cat /tmp/info.txt)"
grep -q '^Disc: *empty' /tmp/info.txt && pass "discrec: blank disc" || fail "discrec disc: $(grep '^Disc' /tmp/info.txt)"
# The recorder burns an ISO 9660 image through the CUSE device; disc.img is what it burned,
# and the kernel mounts it through a loop device.
mkdir -p /tmp/tree/sub && head -c $((3 * 1024 * 1024)) /dev/urandom >/tmp/tree/sub/data.bin && date >/tmp/tree/note.txt
xorriso -as mkisofs -quiet -V CUSE -o /tmp/burn.img /tmp/tree 2>/tmp/mkisofs.txt || fail "mkisofs: $(cat /tmp/mkisofs.txt)"
"$discrec" burn "$dev" /tmp/burn.img --verify --progress none >/tmp/burn.txt 2>&1 &&
  pass "discrec burn --verify over $dev" || fail "discrec burn: $(tail -5 /tmp/burn.txt)"
# (A DVD+R holds whole 32 KiB ECC blocks: the last one is padded.)
size=$(stat -c %s /tmp/burn.img) disc_size=$(stat -c %s /tmp/ctl/drive0/disc.img)
cmp -s -n "$size" /tmp/burn.img /tmp/ctl/drive0/disc.img && [ "$disc_size" -ge "$size" ] &&
  [ "$disc_size" -lt $((size + 32768)) ] && pass "disc.img is what the recorder burned ($size + $((disc_size - size)) bytes)" ||
  fail "disc.img ($disc_size bytes) differs from the burned image ($size bytes)"
mkdir -p /tmp/loop-mnt
if mount -o loop,ro -t iso9660 /tmp/ctl/drive0/disc.img /tmp/loop-mnt 2>/tmp/mount.txt; then
  diff -r /tmp/tree /tmp/loop-mnt >/tmp/diff.txt 2>&1 && pass "mount -o loop disc.img: the burned tree, diff -r clean" ||
    fail "mounted disc.img differs: $(head -3 /tmp/diff.txt)"
  umount /tmp/loop-mnt || fail "umount of the loop-mounted disc.img"
else
  fail "mount -o loop disc.img: $(cat /tmp/mount.txt)"
fi
grep -q "^opcode 2Ah WRITE(10): " /tmp/ctl/drive0/stats && pass "stats: $(grep '^opcode 2Ah' /tmp/ctl/drive0/stats)" ||
  fail "no WRITE(10) in stats"
kill -TERM "$attach_pid"
wait "$attach_pid" && pass "attach exits 0" || fail "attach exit status $?: $(cat /tmp/attach.err)"

# Data-out through a scatter-gather list: written to a DVD-RAM, read back through another.
attach_cuse --name spindle-cuse --media "formatted dvd-ram" --control /tmp/ctl
wait_ready "(formatted dvd-ram)" "$dev"
head -c $((2048 * 40)) /dev/urandom >/tmp/iovec-out.bin
# The 32-bit client writes (its list in the 32-bit layout), the 64-bit one reads back.
if "$iovec_io32" write "$dev" 100 40 </tmp/iovec-out.bin 2>/tmp/iovec.txt; then
  pass "cuse: WRITE(10) through a 32-bit caller's SG_IO scatter-gather list ($(cat /tmp/iovec.txt))"
  dd if=/tmp/ctl/drive0/disc.img bs=2048 skip=100 count=40 status=none | cmp -s - /tmp/iovec-out.bin &&
    pass "cuse: the disc holds what the list sent" || fail "cuse: the disc does not hold what the list sent"
  "$iovec_io" read "$dev" 100 40 2>/tmp/iovec.txt | cmp -s - /tmp/iovec-out.bin &&
    pass "cuse: read back through a list" || fail "cuse: read back through a list: $(cat /tmp/iovec.txt)"
else
  fail "cuse: SG_IO WRITE with iovec_count 3: $(cat /tmp/iovec.txt)"
fi
kill -TERM "$attach_pid"
wait "$attach_pid" || fail "attach (dvd-ram) exit status $?: $(cat /tmp/attach.err)"

# --- the same control filesystem in front of a TCMU drive (/dev/srN) ------------------------
lines=2
attach --media "rom from /tmp/rom.img" --control /tmp/ctl
wait_ready "(tcmu $sg)"
iovec_read "$sg" "tcmu, the kernel's sg driver"
if [ -x "$iovec_io32" ]; then
  iovec_read "$sg" "tcmu, the kernel's sg driver, a 32-bit caller" "$iovec_io32"
  expect_eq "the sg driver and the CUSE device answer a 32-bit caller's READ past the end alike" \
    "$(past_end "$sg" "$iovec_io32")" "$cuse_past_end32"
fi
echo open >/tmp/ctl/drive0/tray && pass "tcmu: echo open > tray" || fail "tcmu: echo open > tray"
sg_turs "$sg" >/tmp/tur.txt 2>&1 || true
grep -qi 'not ready\|medium not present' /tmp/tur.txt && pass "tcmu: tray open seen by sg_turs" || fail "tcmu: $(cat /tmp/tur.txt)"
grep -q "^opcode 00h TEST UNIT READY: " /tmp/ctl/drive0/stats && pass "tcmu: stats count the kernel's commands" ||
  fail "tcmu stats: $(cat /tmp/ctl/drive0/stats)"
kill -TERM "$attach_pid"
wait "$attach_pid" && pass "tcmu attach --control exits 0" || fail "tcmu attach exit status $?: $(cat /tmp/attach.err)"
mountpoint -q /tmp/ctl && fail "tcmu: /tmp/ctl still mounted" || pass "tcmu: /tmp/ctl unmounted"

finish_guest
