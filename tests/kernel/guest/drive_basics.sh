#!/usr/bin/env bash
# Runs inside tools/mmc-vm. The default drive, attached through TCMU + tcm_loop, as the kernel
# and sg3_utils see it: identity, readiness, capacity, and data read back through /dev/srN.
# Then a crashed attach (SIGKILL) is cleaned up by `mmc-emu detach`, and a command the kernel
# times out leaves the ring working.
#   drive_basics.sh MMC_EMU
set -uo pipefail
emu=$1
cfg=/sys/kernel/config/target
here=$(dirname "$(readlink -f "$0")")
source "$here/lib.sh" # reporting, attach, wait_ready
start_guest

no_spindle_entries() {
  ! ls -d $cfg/core/user_*/spindle-* $cfg/loopback/naa.*/tpgt_*/lun/lun_*/spindle-* 2>/dev/null | grep -q .
}

# --- a ROM disc ---------------------------------------------------------------------------
head -c $((2048 * 600)) /dev/urandom >/tmp/rom.img
vendor=$("$emu" profile show | sed -n 's/^  vendor: "\(.*\)"$/\1/p')
product=$("$emu" profile show | sed -n 's/^  product: "\(.*\)"$/\1/p')

attach --media "rom from /tmp/rom.img"
echo "guest: $sr and $sg ready at $(uptime_s) s after boot"
uptime_s >"$out/ready-uptime" 2>/dev/null || true

sg_inq "$sg" >/tmp/inq.txt || fail "sg_inq exit status $?"
expect_eq "sg_inq vendor" "$vendor" "$(sed -n 's/^ *Vendor identification://p' /tmp/inq.txt | trim)"
expect_eq "sg_inq product" "$product" "$(sed -n 's/^ *Product identification://p' /tmp/inq.txt | trim)"
grep -q 'Peripheral device type: cd/dvd' /tmp/inq.txt && pass "sg_inq: cd/dvd" || fail "sg_inq: not cd/dvd"

# TEST UNIT READY first reports what happened (unit attentions: reset, the disc's arrival),
# then "becoming ready" while the disc loads, then good: as a program polling a real drive
# sees it.
wait_ready "(rom)"

expect_eq "sg_readcap -b" "0x258 0x800" "$(sg_readcap -b "$sg" | tr -s ' ')"

dd if="$sr" of=/tmp/head.bin bs=2048 count=16 status=none || fail "dd $sr"
head -c $((2048 * 16)) /tmp/rom.img | cmp -s - /tmp/head.bin && pass "dd first 16 blocks" || fail "dd first 16 blocks differ"
dd if="$sr" of=/tmp/tail.bin bs=2048 skip=500 count=100 status=none || fail "dd $sr skip=500"
tail -c $((2048 * 100)) /tmp/rom.img | cmp -s - /tmp/tail.bin && pass "dd last 100 blocks" || fail "dd last 100 blocks differ"

kill -TERM "$attach_pid"
if wait "$attach_pid"; then pass "attach exits 0 on SIGTERM"; else fail "attach exit status $?: $(tail -40 /tmp/attach.err)"; fi
no_spindle_entries && pass "configfs clean after SIGTERM" || fail "configfs entries left after SIGTERM"
[ ! -e "$sr" ] && pass "$sr gone" || fail "$sr still there"

# --- two drives in one process ----------------------------------------------------------------
lines=4
attach --drives 2 --media "rom from /tmp/rom.img"
lines=2
mapfile -t devs </tmp/attach.out
for i in 0 2; do
  sr=${devs[$i]} sg=${devs[$((i + 1))]}
  wait_ready "($sg)"
  expect_eq "sg_inq $sg vendor" "$vendor" "$(sg_inq "$sg" | sed -n 's/^ *Vendor identification://p' | trim)"
  dd if="$sr" of=/tmp/two.bin bs=2048 count=32 status=none || fail "dd $sr"
  head -c $((2048 * 32)) /tmp/rom.img | cmp -s - /tmp/two.bin && pass "dd $sr" || fail "dd $sr differs"
done
kill -TERM "$attach_pid"
if wait "$attach_pid"; then pass "two drives: exit 0 on SIGTERM"; else fail "two drives: exit status $?: $(tail -40 /tmp/attach.err)"; fi
no_spindle_entries && pass "two drives: configfs clean" || fail "two drives: configfs entries left"

# --- a blank DVD+R, then a crash -------------------------------------------------------------
attach --media "blank dvd+r"
wait_ready "(blank dvd+r)"
kill -KILL "$attach_pid"
wait "$attach_pid" 2>/dev/null || true
"$emu" detach >/tmp/detach.txt 2>&1 && pass "detach after SIGKILL" || fail "detach: $(cat /tmp/detach.txt)"
no_spindle_entries && pass "configfs clean after detach" || fail "configfs entries left after detach"

# --- a command the kernel gives up on ------------------------------------------------------
# A stopped disc takes spin_up_ms to answer the next read; with the kernel's command timeout
# below that, the kernel fails the read, and the drive's late completion must not break the
# ring: the next commands are served as usual.
"$emu" profile show | sed 's/^\(  spin_up_ms:\) .*/\1 3000/' >/tmp/slow.yaml
attach --profile /tmp/slow.yaml --command-timeout 1 --media "rom from /tmp/rom.img"
wait_ready "(slow spin-up)"
if ! sg_start --stop "$sg" >/tmp/stop.txt 2>&1 && grep -qi 'invalid opcode\|not supported' /tmp/stop.txt; then
  echo "skip the command timeout: this drive does not implement START STOP UNIT yet"
else
  timeout_section=1
fi
if [ -n "${timeout_section:-}" ]; then
t0=$(uptime_s)
if sg_dd if="$sg" of=/tmp/late.bin bs=2048 count=4 skip=8 >/tmp/late.txt 2>&1; then
  fail "a read slower than the command timeout succeeded: $(cat /tmp/late.txt)"
else
  pass "the kernel failed the slow read after $(echo "$(uptime_s) - $t0" | bc) s"
fi
sleep 3 # the late completion arrives
kill -0 "$attach_pid" 2>/dev/null && pass "attach still serving" || fail "attach died"
wait_ready "(after the timeout)"
dd if="$sr" of=/tmp/again.bin bs=2048 count=16 status=none iflag=direct 2>/tmp/dd.txt &&
  head -c $((2048 * 16)) /tmp/rom.img | cmp -s - /tmp/again.bin && pass "dd after the timeout" ||
  fail "dd after the timeout: $(cat /tmp/dd.txt)"
dmesg | grep -q 'ring is broken' && fail "the kernel calls the ring broken" || pass "ring intact"
fi
kill -TERM "$attach_pid"
if wait "$attach_pid"; then pass "attach exits 0 on SIGTERM"; else fail "attach exit status $?: $(tail -40 /tmp/attach.err)"; fi
no_spindle_entries && pass "configfs clean" || fail "configfs entries left"

finish_guest
