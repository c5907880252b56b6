#!/usr/bin/env bash
# Runs inside tools/mmc-vm (run.sh starts it). The emulated drive against tcmu-runner's fbo
# handler, both behind LIO TCMU + tcm_loop in the same boot, on the same ISO image:
#   read: dd from /dev/srN with O_DIRECT (every block through the SCSI path, none from the page
#         cache), RUNS times each, the two drives alternating which goes first;
#   burn: xorriso -as cdrecord writing the image, RUNS times each, alternating; ours on a blank
#         DVD+R (the medium a burner's users write most) and on a formatted DVD-RAM (fbo's own medium).
# Every burn is checked: the image file behind the drive must hold the image afterwards.
# Prints a table of seconds, MB/s and ratios, and each handler's CPU time (what bounds it).
#   guest.sh MMC_EMU [MIB] [RUNS] [DD_BS]
set -uo pipefail
emu=$1
mib=${2:-60}
runs=${3:-3}
bs=${4:-1M}
bs_bytes=$(numfmt --from=iec "${bs^^}") || { echo "DD_BS '$bs': expected a size such as 64K or 1M"; exit 2; }
here=$(dirname "$(readlink -f "$0")")
out=${SPINDLE_VM_OUT:-/tmp}
source "$here/fbo.sh"
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
now() { echo "$EPOCHREALTIME"; }
# cpu PID: user + system CPU seconds the process has used so far (/proc/PID/stat 14, 15).
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# idle: seconds the (one) CPU has been idle since boot, from /proc/stat.
idle() { awk -v hz="$(getconf CLK_TCK)" '/^cpu / { printf "%.2f", ($5 + $6) / hz }' /proc/stat; }
echo "guest: $(nproc) CPU(s), kernel $(uname -r)"

# The image: random data (incompressible, all distinct) in an ISO 9660 image of MIB MiB, on
# the guest's tmpfs like every file below, so that neither handler waits for a disk.
w=/tmp/bench
mkdir -p $w/tree
head -c $((mib * 1024 * 1024 - 512 * 1024)) /dev/urandom >$w/tree/data.bin
xorriso -as mkisofs -quiet -V BENCH -o $w/image.iso $w/tree 2>$w/mkisofs.txt || { echo "FAIL mkisofs: $(cat $w/mkisofs.txt)"; exit 1; }
rm -rf $w/tree
size=$(stat -c %s $w/image.iso)
echo "image: $size bytes ($((size / 2048)) blocks)"

# --- our drive ----------------------------------------------------------------------------
attach_pid=
# attach MEDIA [ARGS...]: mmc-emu attach in the background; sets $sr, $sg, $attach_pid.
attach() {
  local media=$1 i
  shift
  rm -f $w/attach.out
  "$emu" attach --media "$media" "$@" >$w/attach.out 2>$w/attach.err &
  attach_pid=$!
  for i in $(seq 300); do
    [ "$(wc -l <$w/attach.out 2>/dev/null)" -ge 2 ] 2>/dev/null && break
    kill -0 $attach_pid 2>/dev/null || break
    sleep 0.05
  done
  sr=$(sed -n 1p $w/attach.out) sg=$(sed -n 2p $w/attach.out)
  [ -n "$sg" ] || { fail "attach $media: $(cat $w/attach.err)"; return 1; }
  for i in $(seq 100); do sg_turs "$sg" >/dev/null 2>&1 && return 0; sleep 0.1; done
  fail "our drive ($media) not ready"
  return 1
}
detach() { kill -TERM $attach_pid && wait $attach_pid; attach_pid=; }

# --- the figures -------------------------------------------------------------------------
declare -A total count cpu_total idle_total times
# record KEY SECONDS CPU IDLE: one run's wall time, the handler's CPU time, the guest's idle time.
record() {
  printf '  %-20s %7.3f s   handler CPU %5.2f s   guest idle %5.2f s\n' "$1" "$2" "$3" "$4"
  total[$1]=$(echo "${total[$1]:-0} + $2" | bc)
  times[$1]="${times[$1]:-} $2"
  count[$1]=$((${count[$1]:-0} + 1))
  cpu_total[$1]=$(echo "${cpu_total[$1]:-0} + $3" | bc)
  idle_total[$1]=$(echo "${idle_total[$1]:-0} + $4" | bc)
}

# read KEY DEV PID: one timed dd over the whole image.
read_once() {
  local key=$1 dev=$2 pid=$3 t0 t1 c0 c1 i0
  sync; echo 3 >/proc/sys/vm/drop_caches
  c0=$(cpu "$pid") i0=$(idle)
  t0=$(now)
  dd if="$dev" of=/dev/null bs=$bs_bytes count=$((read_bytes / bs_bytes)) \
    iflag=direct status=none 2>$w/dd.txt || { fail "dd from $dev ($key): $(cat $w/dd.txt)"; return; }
  t1=$(now)
  c1=$(cpu "$pid")
  record "$key" "$(echo "$t1 - $t0" | bc)" "$(echo "$c1 - $c0" | bc)" "$(echo "$(idle) - $i0" | bc)"
}
read_bytes=$((size / 1048576 * 1048576))

# burn KEY DEV PID FILE: one timed xorriso burn of the image; FILE must hold it afterwards.
burn_once() {
  local key=$1 dev=$2 pid=$3 file=$4 t0 t1 c0 c1 i0 i1 status=0
  c0=$(cpu "$pid") i0=$(idle)
  t0=$(now)
  xorriso -as cdrecord -v dev="$dev" $w/image.iso >$w/burn.txt 2>&1 || status=$?
  t1=$(now)
  c1=$(cpu "$pid") i1=$(idle)
  # fbo has no SET STREAMING: libburn says so (SORRY, exit status 32) and burns on.
  if [ $status = 32 ] && ! grep -E '(libburn|xorriso) : (SORRY|FAILURE|FATAL)' $w/burn.txt | grep -qv 'set_streaming'; then status=0; fi
  cp $w/burn.txt "$out/$key.txt" 2>/dev/null
  if [ $status != 0 ]; then
    fail "xorriso on $dev ($key): exit status $status: $(grep -E 'SORRY|FAILURE|FATAL' $w/burn.txt | head -3)"
    cp $w/burn.txt "$out/failed-burn-$key.txt" 2>/dev/null
    return
  fi
  cmp -s -n "$size" $w/image.iso "$file" || { fail "$key: $file does not hold the image after the burn"; return; }
  record "$key" "$(echo "$t1 - $t0" | bc)" "$(echo "$c1 - $c0" | bc)" "$(echo "$i1 - $i0" | bc)"
}

fbo_start || { fail "tcmu-runner does not run"; exit 1; }

# Reads: both drives attached for the whole phase, on copies of the image (fbo opens its file
# read-write).
cp $w/image.iso $w/ours-rom.iso && cp $w/image.iso $w/fbo-rom.img
attach "rom from $w/ours-rom.iso" || exit 1
fbo_attach $w/fbo-rom.img || { fail "fbo attach"; exit 1; }
echo "read: ours $sr, fbo $fsr; dd bs=$bs iflag=direct, $read_bytes bytes, $runs run(s) each"
# Once each, untimed: what the drives read is the image. This also warms what the first read
# would otherwise pay alone (dd's binary fetched over 9p, the sr driver's first open, each
# handler's first touch of its data area).
for dev in "$sr" "$fsr"; do
  dd if="$dev" bs=$bs_bytes count=$((read_bytes / bs_bytes)) iflag=direct status=none 2>$w/dd.txt |
    cmp -s -n $read_bytes - $w/image.iso || fail "what $dev reads is not the image: $(cat $w/dd.txt)"
done
for r in $(seq "$runs"); do
  if [ $((r % 2)) = 1 ]; then
    read_once read-ours "$sr" $attach_pid; read_once read-fbo "$fsr" $runner_pid
  else
    read_once read-fbo "$fsr" $runner_pid; read_once read-ours "$sr" $attach_pid
  fi
done
cmp -s $w/image.iso $w/fbo-rom.img || fail "fbo changed the image it read"
detach
fbo_detach

# Burns: a fresh disc (ours) or a fresh zero-filled file (fbo) each time.
burn_ours() { # KEY MEDIA
  rm -f $w/ours.img $w/ours.img.json
  attach "$2" --image $w/ours.img || return
  burn_once "$1" "$sr" $attach_pid $w/ours.img
  detach
}
burn_fbo() {
  rm -f $w/fbo.img && truncate -s $((size + 16 * 1048576)) $w/fbo.img
  fbo_attach $w/fbo.img || { fail "fbo attach"; return; }
  burn_once burn-fbo "$fsr" $runner_pid $w/fbo.img
  fbo_detach
}
echo "burn: xorriso -as cdrecord, $size bytes, $runs run(s) each"
for r in $(seq "$runs"); do
  if [ $((r % 2)) = 1 ]; then
    burn_ours burn-ours-dvd+r "blank dvd+r"; burn_fbo; burn_ours burn-ours-dvd-ram "formatted dvd-ram"
  else
    burn_ours burn-ours-dvd-ram "formatted dvd-ram"; burn_fbo; burn_ours burn-ours-dvd+r "blank dvd+r"
  fi
done
fbo_stop

# --- the table ---------------------------------------------------------------------------
mean() { [ "${count[$1]:-0}" -gt 0 ] && echo "scale=3; ${total[$1]} / ${count[$1]}" | bc || echo 0; }
# median KEY: the middle run (the mean of the two middle ones for an even count); a run the
# host's other work slowed down moves the mean, not the median.
median() {
  [ "${count[$1]:-0}" -gt 0 ] || { echo 0; return; }
  local -a v
  v=($(printf '%s\n' ${times[$1]} | sort -g)) # (the guest has no /dev/fd for <(...))
  local n=${#v[@]}
  if [ $((n % 2)) = 1 ]; then echo "${v[n / 2]}"; else echo "scale=3; (${v[n / 2 - 1]} + ${v[n / 2]}) / 2" | bc; fi
}
mbs() { [ "$(mean "$1")" != 0 ] && echo "scale=2; $2 / 1000000 / $(mean "$1")" | bc || echo -; }
ratio() { [ "$1" != 0 ] && [ "$2" != 0 ] && echo "scale=2; $1 / $2" | bc || echo -; }
row() { # KEY BYTES LABEL
  local c=0 i=0
  if [ "${count[$1]:-0}" -gt 0 ]; then
    c=$(echo "scale=2; ${cpu_total[$1]} / ${count[$1]}" | bc)
    i=$(echo "scale=2; ${idle_total[$1]} / ${count[$1]}" | bc)
  fi
  printf '  %-28s %7.2f s %7s MB/s   median %7.2f s   handler CPU %6.2f s   guest idle %6.2f s   (%s runs)\n' \
    "$3" "$(mean "$1")" "$(mbs "$1" "$2")" "$(median "$1")" "$c" "$i" "${count[$1]:-0}"
}
echo
echo "figures: $(nproc) vCPU under TCG; each drive's mean (and MB/s at the mean), and median"
row read-ours "$read_bytes" "dd read, ours"
row read-fbo "$read_bytes" "dd read, fbo"
row burn-ours-dvd+r "$size" "xorriso burn, ours DVD+R"
row burn-ours-dvd-ram "$size" "xorriso burn, ours DVD-RAM"
row burn-fbo "$size" "xorriso burn, fbo DVD-RAM"
ratios() { # LABEL NUMERATOR DENOMINATOR TARGET
  printf '%-30s means %5s   medians %5s   %s\n' "$1" "$(ratio "$(mean "$2")" "$(mean "$3")")" \
    "$(ratio "$(median "$2")" "$(median "$3")")" "$4"
}
ratios "read speed ours/fbo:" read-fbo read-ours "(target >= 1.5)"
ratios "burn time ours DVD+R/fbo:" burn-ours-dvd+r burn-fbo "(target <= 0.8)"
ratios "burn time ours DVD-RAM/fbo:" burn-ours-dvd-ram burn-fbo ""
echo "done, $failures failure(s)"
[ "$failures" -eq 0 ]
