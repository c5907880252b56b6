#!/usr/bin/env bash
# Runs inside tools/mmc-vm (tests/bench/tcmu/run.sh starts it). The emulated drive against
# tcmu-runner's fbo handler (file-backed optical: a DVD-RAM drive), both behind LIO TCMU +
# tcm_loop in the same boot: dd read of the same image through /dev/srN, and an xorriso burn
# of it. Prints one line per figure; exit status 0 when every step ran.
#   guest.sh MMC_EMU [MIB]
set -uo pipefail
emu=$1
mib=${2:-60}
cfg=/sys/kernel/config/target
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }

# The image: generated files in an ISO9660 image of about MIB MiB.
mkdir -p /tmp/tree
head -c $((mib * 1024 * 1024 - 1024 * 1024)) /dev/urandom >/tmp/tree/data.bin
xorriso -as mkisofs -quiet -o /tmp/image.iso /tmp/tree || { echo "FAIL mkisofs"; exit 1; }
blocks=$(($(stat -c %s /tmp/image.iso) / 2048))
echo "image: $(stat -c %s /tmp/image.iso) bytes ($blocks blocks)"

# best_read DEV: the best of three dd_read runs.
best_read() {
  local best=0 t
  for _ in 1 2 3; do
    t=$(dd_read "$1")
    if [ "$best" = 0 ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}
# dd_read DEV: seconds to read the image's blocks with O_DIRECT (no page cache: every block
# comes through the SCSI path).
dd_read() {
  sync; echo 3 >/proc/sys/vm/drop_caches
  local t0 t1
  t0=$(now)
  dd if="$1" of=/tmp/readback.bin bs=64k count=$((blocks / 32)) iflag=direct status=none || { fail "dd $1"; echo 0; return; }
  t1=$(now)
  cmp -s -n $((blocks / 32 * 65536)) /tmp/image.iso /tmp/readback.bin || fail "data read from $1 differs"
  secs "$t0" "$t1"
}
# burn DEV: seconds for xorriso's cdrecord emulation to write the image.
burn() {
  local t0 t1
  t0=$(now)
  local status=0
  xorriso -as cdrecord -v dev="$1" /tmp/image.iso >/tmp/burn.txt 2>&1 || status=$?
  t1=$(now)
  # fbo knows no SET STREAMING: libburn reports it (SORRY, exit 32) and burns on; the data is
  # compared afterwards.
  if [ $status = 32 ] && grep -q "SORRY : SCSI error on set_streaming" /tmp/burn.txt; then
    echo "note: xorriso on $1: $(grep 'SORRY : SCSI error' /tmp/burn.txt | head -1)" >&2
    status=0
  fi
  [ $status = 0 ] || {
    echo "FAIL xorriso on $1: $(grep -E 'SORRY|FAILURE|FATAL' /tmp/burn.txt | head -5)" >&2
    cp /tmp/burn.txt "${SPINDLE_VM_OUT:-/tmp}/failed-burn.txt" 2>/dev/null
    echo 0
    return
  }
  secs "$t0" "$t1"
}
# cpu PID: user + system CPU seconds the process has used so far (/proc/PID/stat fields 14, 15).
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
wait_turs() { for _ in $(seq 100); do sg_turs "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; return 1; }

# --- spindle -------------------------------------------------------------------------------
attach() {
  rm -f /tmp/attach.out
  "$emu" attach --media "$1" >/tmp/attach.out 2>/tmp/attach.err &
  attach_pid=$!
  for _ in $(seq 300); do [ "$(cat /tmp/attach.out 2>/dev/null | wc -l)" -ge 2 ] && break; sleep 0.05; done
  sr=$(sed -n 1p /tmp/attach.out); sg=$(sed -n 2p /tmp/attach.out)
  wait_turs "$sg" || fail "spindle drive not ready: $(cat /tmp/attach.err)"
}
detach() { kill -TERM "$attach_pid"; wait "$attach_pid"; }

attach "rom from /tmp/image.iso"
c0=$(cpu "$attach_pid")
spindle_read=$(best_read "$sr")
spindle_read_cpu=$(echo "$(cpu "$attach_pid") - $c0" | bc)
detach
attach "formatted dvd-ram"
c0=$(cpu "$attach_pid")
spindle_burn_ram=$(burn "$sr")
spindle_burn_cpu=$(echo "$(cpu "$attach_pid") - $c0" | bc)
detach
attach "blank dvd+r"
spindle_burn_dvdr=$(burn "$sr")
detach

# --- tcmu-runner fbo -----------------------------------------------------------------------
# tcmu-runner looks target_core_user up through kmod, which needs /lib/modules/$(uname -r): the
# shared root has none (the guest's kernel is not the host's). It runs in a root of its own,
# the host's directories bound into a tmpfs, where /lib holds the guest kernel's modules
# (unpacked by mmc-vm in its cache) beside links to /usr/lib.
modules=$(ls -d "${SPINDLE_CACHE:-/var/cache/spindle}"/kernel/*/root/lib/modules/"$(uname -r)" 2>/dev/null | head -n1)
[ -n "$modules" ] || fail "no modules of $(uname -r) in mmc-vm's cache"
r=/mnt/runner-root
mount -t tmpfs none /mnt && mkdir -p $r/lib
for e in /*; do
  n=${e#/}
  case $n in lib | mnt | lost+found) continue ;; esac
  if [ -L "$e" ]; then
    ln -s "$(readlink "$e")" "$r/$n"
  elif [ -d "$e" ]; then
    mkdir -p "$r/$n" && mount --rbind "$e" "$r/$n"
  fi
done
for e in /usr/lib/*; do ln -s "$e" "$r/lib/${e##*/}"; done
mkdir -p $r/lib/modules && ln -s "$modules" "$r/lib/modules/$(uname -r)"
mkdir -p /run/dbus /var/log
dbus-daemon --system --fork 2>/tmp/dbus.txt || fail "dbus-daemon: $(cat /tmp/dbus.txt)"
chroot $r tcmu-runner >/tmp/tcmu-runner.txt 2>&1 &
runner_pid=$!
sleep 2
kill -0 $runner_pid 2>/dev/null || fail "tcmu-runner exited: $(tail -5 /var/log/tcmu-runner.log)"
W=naa.5001405f0b0c0001
# fbo_attach FILE BYTES: a fbo backstore on FILE behind a tcm_loop LUN; sets $fsr and $fsg.
fbo_attach() {
  mkdir -p $cfg/core/user_9/fbo0
  echo -n "dev_config=fbo/$1" >$cfg/core/user_9/fbo0/control
  echo -n "dev_size=$2" >$cfg/core/user_9/fbo0/control
  echo -n 1 >$cfg/core/user_9/fbo0/enable
  mkdir -p $cfg/loopback/$W/tpgt_1/lun/lun_0
  echo -n $W >$cfg/loopback/$W/tpgt_1/nexus
  ln -s $cfg/core/user_9/fbo0 $cfg/loopback/$W/tpgt_1/lun/lun_0/fbo0
  fsr= fsg=
  for _ in $(seq 100); do
    for b in /sys/block/sr*; do
      [ "$(cat "$b/device/model" 2>/dev/null | sed 's/ *$//')" = VOPTA ] || continue
      fsr=/dev/${b##*/}
      fsg=/dev/$(ls "$b/device/scsi_generic")
    done
    [ -n "$fsr" ] && break
    sleep 0.1
  done
  [ -n "$fsr" ] || { fail "fbo: no /dev/srN with model VOPTA"; dmesg | tail -5; return 1; }
  wait_turs "$fsg" || true
}
fbo_detach() {
  [ -n "$fsr" ] || return 0
  rm -f $cfg/loopback/$W/tpgt_1/lun/lun_0/fbo0
  rmdir $cfg/loopback/$W/tpgt_1/lun/lun_0 $cfg/loopback/$W/tpgt_1 $cfg/loopback/$W
  rmdir $cfg/core/user_9/fbo0 $cfg/core/user_9 2>/dev/null || true
}

cp /tmp/image.iso /tmp/fbo-read.img
fbo_read=0 fbo_burn=0 fbo_read_cpu=0 fbo_burn_cpu=0
if fbo_attach /tmp/fbo-read.img "$(stat -c %s /tmp/image.iso)"; then
  c0=$(cpu "$runner_pid")
  fbo_read=$(best_read "$fsr")
  fbo_read_cpu=$(echo "$(cpu "$runner_pid") - $c0" | bc)
  fbo_detach
fi
truncate -s $((2 * mib * 1024 * 1024)) /tmp/fbo-burn.img
if fbo_attach /tmp/fbo-burn.img $((2 * mib * 1024 * 1024)); then
  c0=$(cpu "$runner_pid")
  fbo_burn=$(burn "$fsr")
  fbo_burn_cpu=$(echo "$(cpu "$runner_pid") - $c0" | bc)
  cmp -s -n "$(stat -c %s /tmp/image.iso)" /tmp/image.iso /tmp/fbo-burn.img || fail "fbo's file does not hold the image"
  fbo_detach
fi
kill -TERM $runner_pid

ratio() { if [ "$1" = 0 ] || [ "$2" = 0 ]; then echo "-"; else echo "scale=2; $1 / $2" | bc; fi; }
echo "figures ($mib MiB image, one vCPU under TCG, fast timing; reads: best of 3, O_DIRECT, 64 KiB):"
printf '  dd read   spindle %6.2f s   fbo %6.2f s   fbo/spindle time %s\n' "$spindle_read" "$fbo_read" "$(ratio "$fbo_read" "$spindle_read")"
printf '  xorriso   spindle %6.2f s (DVD-RAM), %6.2f s (DVD+R)   fbo %6.2f s (DVD-RAM)   spindle/fbo time %s\n' \
  "$spindle_burn_ram" "$spindle_burn_dvdr" "$fbo_burn" "$(ratio "$spindle_burn_ram" "$fbo_burn")"
# What bounds it: the handler's own CPU time against the wall time (the rest is the guest
# kernel's SCSI, TCMU and block layers, and dd or xorriso, all on the one emulated CPU).
echo "handler CPU time: reads (3 runs) spindle ${spindle_read_cpu} s, fbo ${fbo_read_cpu} s; burn spindle ${spindle_burn_cpu} s, fbo ${fbo_burn_cpu} s"
echo "done, $failures failure(s)"
[ "$failures" -eq 0 ] && [ "$spindle_read" != 0 ] && [ "$fbo_read" != 0 ] && [ "$spindle_burn_ram" != 0 ] && [ "$fbo_burn" != 0 ]
