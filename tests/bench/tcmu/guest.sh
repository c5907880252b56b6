#!/usr/bin/env bash
# Runs inside tools/mmc-vm (tests/bench/tcmu/run.sh starts it). The emulated drive against
# tcmu-runner's fbo handler (file-backed optical: a DVD-RAM drive), both behind LIO TCMU +
# tcm_loop in the same boot: dd read of the same image through /dev/srN, and an xorriso burn
# of it. The two alternate round by round, so that a busy host slows both alike; the median
# of the rounds is reported, with each handler's own CPU time. Exit status 0 when every step ran.
#   guest.sh MMC_EMU [MIB] [ROUNDS]
set -uo pipefail
emu=$1
mib=${2:-60}
rounds=${3:-5}
cfg=/sys/kernel/config/target
failures=0
fail() { echo "FAIL $*" >&2; failures=$((failures + 1)); touch /tmp/bench-failed; } # also from $(...)
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { echo "scale=2; $1 / $2" | bc; }
# cpu PID: user + system CPU seconds the process has used so far (/proc/PID/stat fields 14, 15).
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
wait_turs() { for _ in $(seq 100); do sg_turs "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; return 1; }

# The image: generated data in an ISO9660 image of MIB MiB.
mkdir -p /tmp/tree
head -c $((mib * 1024 * 1024 - 1024 * 1024)) /dev/urandom >/tmp/tree/data.bin
xorriso -as mkisofs -quiet -o /tmp/image.iso /tmp/tree || { echo "FAIL mkisofs"; exit 1; }
bytes=$(stat -c %s /tmp/image.iso)
echo "image: $bytes bytes; $rounds read rounds, 2 burn rounds"

# timed_read DEV PID: seconds to read the image with O_DIRECT in 64 KiB requests (no page
# cache: every block comes through the SCSI path); PID's CPU seconds go to /tmp/cpu.
timed_read() {
  local t0 t1 c0
  sync && echo 3 >/proc/sys/vm/drop_caches
  c0=$(cpu "$2")
  t0=$(now)
  dd if="$1" of=/tmp/readback.bin bs=64k count=$((bytes / 65536)) iflag=direct status=none || fail "dd $1"
  t1=$(now)
  echo "$(cpu "$2") - $c0" | bc >/tmp/cpu
  cmp -s -n $((bytes / 65536 * 65536)) /tmp/image.iso /tmp/readback.bin || fail "data read from $1 differs"
  secs "$t0" "$t1"
}
# timed_burn DEV PID: seconds for xorriso's cdrecord emulation to write the image.
timed_burn() {
  local t0 t1 c0 status=0
  c0=$(cpu "$2")
  t0=$(now)
  xorriso -as cdrecord -v dev="$1" /tmp/image.iso >/tmp/burn.txt 2>&1 || status=$?
  t1=$(now)
  echo "$(cpu "$2") - $c0" | bc >/tmp/cpu
  # fbo knows no SET STREAMING: libburn says so (SORRY, exit 32) and burns on; the data is
  # compared afterwards.
  [ $status = 32 ] && grep -q "SORRY : SCSI error on set_streaming" /tmp/burn.txt && status=0
  [ $status = 0 ] || fail "xorriso on $1: $(grep -E 'SORRY|FAILURE|FATAL' /tmp/burn.txt | head -3)"
  secs "$t0" "$t1"
}

# --- spindle -------------------------------------------------------------------------------
attach() {
  rm -f /tmp/attach.out
  "$emu" attach --media "$1" --control /tmp/ctl >/tmp/attach.out 2>/tmp/attach.err &
  attach_pid=$!
  for _ in $(seq 300); do [ "$(cat /tmp/attach.out 2>/dev/null | wc -l)" -ge 2 ] && break; sleep 0.05; done
  sr=$(sed -n 1p /tmp/attach.out) sg=$(sed -n 2p /tmp/attach.out)
  wait_turs "$sg" || fail "spindle drive not ready: $(cat /tmp/attach.err)"
}
detach() { kill -TERM "$attach_pid" && wait "$attach_pid"; }

# --- tcmu-runner with fbo ------------------------------------------------------------------
# tcmu-runner looks target_core_user up through kmod, which needs /lib/modules/$(uname -r): the
# shared root has none (the guest's kernel is not the host's). It runs in a root of its own,
# the host's directories bound into a tmpfs, where /lib holds the guest kernel's modules
# (unpacked by mmc-vm in its cache) beside links to /usr/lib.
start_runner() {
  local modules r=/mnt/runner-root e n
  modules=$(ls -d "${SPINDLE_CACHE:-/var/cache/spindle}"/kernel/*/root/lib/modules/"$(uname -r)" 2>/dev/null | head -n1)
  [ -n "$modules" ] || { fail "no modules of $(uname -r) in mmc-vm's cache"; return 1; }
  mount -t tmpfs none /mnt && mkdir -p $r/lib/modules
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
  ln -s "$modules" "$r/lib/modules/$(uname -r)"
  mkdir -p /run/dbus /var/log
  dbus-daemon --system --fork 2>/tmp/dbus.txt || { fail "dbus-daemon: $(cat /tmp/dbus.txt)"; return 1; }
  chroot $r tcmu-runner >/tmp/tcmu-runner.txt 2>&1 &
  runner_pid=$!
  sleep 2
  kill -0 $runner_pid 2>/dev/null || { fail "tcmu-runner exited: $(tail -5 /var/log/tcmu-runner.log)"; return 1; }
}
W=naa.5001405f0b0c0001
# fbo_attach FILE BYTES: a fbo backstore on FILE behind a tcm_loop LUN; sets $fsr and $fsg.
fbo_attach() {
  local b
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
      [ "$(sed 's/ *$//' "$b/device/model" 2>/dev/null)" = VOPTA ] || continue
      fsr=/dev/${b##*/} fsg=/dev/$(ls "$b/device/scsi_generic")
    done
    [ -n "$fsr" ] && break
    sleep 0.1
  done
  [ -n "$fsr" ] || { fail "fbo: no /dev/srN with model VOPTA"; return 1; }
  wait_turs "$fsg" || true
}
fbo_detach() {
  rm -f $cfg/loopback/$W/tpgt_1/lun/lun_0/fbo0
  rmdir $cfg/loopback/$W/tpgt_1/lun/lun_0 $cfg/loopback/$W/tpgt_1 $cfg/loopback/$W 2>/dev/null
  rmdir $cfg/core/user_9/fbo0 $cfg/core/user_9 2>/dev/null || true
}

# Once tcmu-runner listens on TCMU's netlink, it refuses every device whose handler it does not
# know: spindle's drive is attached first, and its discs are changed through its control files.
attach "rom from /tmp/image.iso"
start_runner || exit 1
# change_disc PRESET: another disc in spindle's drive.
change_disc() {
  echo "$1" >/tmp/ctl/drive0/medium || fail "changing the disc to $1"
  sleep 0.5
  wait_turs "$sg" || fail "spindle drive not ready with $1"
}

# --- reads: both drives attached, alternating ------------------------------------------------
cp /tmp/image.iso /tmp/fbo-read.img
fbo_attach /tmp/fbo-read.img "$bytes" || exit 1
s_read=() f_read=() s_rcpu=() f_rcpu=()
for i in $(seq "$rounds"); do
  s_read+=("$(timed_read "$sr" "$attach_pid")") s_rcpu+=("$(cat /tmp/cpu)")
  f_read+=("$(timed_read "$fsr" "$runner_pid")") f_rcpu+=("$(cat /tmp/cpu)")
  echo "  read round $i: spindle ${s_read[-1]} s (handler CPU ${s_rcpu[-1]} s), fbo ${f_read[-1]} s (handler CPU ${f_rcpu[-1]} s)"
done
fbo_detach

# --- burns: a fresh disc each time, alternating ----------------------------------------------
s_burn=() f_burn=() s_bcpu=() f_bcpu=()
for i in 1 2; do
  change_disc "formatted dvd-ram"
  s_burn+=("$(timed_burn "$sr" "$attach_pid")") s_bcpu+=("$(cat /tmp/cpu)")
  rm -f /tmp/fbo-burn.img && truncate -s $((2 * mib * 1024 * 1024)) /tmp/fbo-burn.img
  fbo_attach /tmp/fbo-burn.img $((2 * mib * 1024 * 1024)) || break
  f_burn+=("$(timed_burn "$fsr" "$runner_pid")") f_bcpu+=("$(cat /tmp/cpu)")
  cmp -s -n "$bytes" /tmp/image.iso /tmp/fbo-burn.img || fail "fbo's file does not hold the image"
  fbo_detach
  echo "  burn round $i: spindle ${s_burn[-1]} s (handler CPU ${s_bcpu[-1]} s), fbo ${f_burn[-1]} s (handler CPU ${f_bcpu[-1]} s)"
done
kill -TERM $runner_pid
detach

sr_m=$(median "${s_read[@]}") fr_m=$(median "${f_read[@]}")
sb_m=$(median "${s_burn[@]}") fb_m=$(median "${f_burn[@]:-0}")
echo "figures ($mib MiB image; one vCPU under TCG; spindle in fast timing; medians):"
echo "  dd read      spindle $sr_m s ($(echo "scale=1; $mib / $sr_m" | bc) MiB/s), fbo $fr_m s ($(echo "scale=1; $mib / $fr_m" | bc) MiB/s): spindle reads $(ratio "$fr_m" "$sr_m")x fbo's rate"
echo "  xorriso burn spindle $sb_m s (DVD-RAM), fbo $fb_m s: spindle takes $(ratio "$sb_m" "$fb_m")x fbo's time"
echo "  handler CPU per read: spindle $(median "${s_rcpu[@]}") s, fbo $(median "${f_rcpu[@]}") s; per burn: spindle $(median "${s_bcpu[@]}") s, fbo $(median "${f_bcpu[@]:-0}") s"
[ -e /tmp/bench-failed ] && failures=$((failures > 0 ? failures : 1))
echo "done, $failures failure(s)"
[ "$failures" -eq 0 ]
