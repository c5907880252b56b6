# Sourced by the guest scripts of tests/kernel: reporting, and emulated drives attached with
# `mmc-emu attach` (TCMU + tcm_loop, or CUSE). Needs $emu (the mmc-emu binary).
uptime_s() { cut -d' ' -f1 /proc/uptime; }

# Where a guest script leaves what the host keeps (dmesg.txt, ...).
out=${SPINDLE_VM_OUT:-/tmp}
# start_guest: a guest script's first line of output (tests/kernel/run-in-vm.sh times the boot
# by it), and from then on a command failing unexpectedly counts as a failure.
start_guest() {
  echo "guest: command started at $(uptime_s) s after boot"
  trap 'fail "unexpected failure at line $LINENO"' ERR
}
# finish_guest: the script's last command: the kernel log kept in $out, the count of failures,
# and the status (0 only when there were none).
finish_guest() {
  trap - ERR
  dmesg >"$out/dmesg.txt" 2>/dev/null || true
  echo "guest: done at $(uptime_s) s, $failures failure(s)"
  [ "$failures" -eq 0 ]
}

failures=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
expect_eq() { # what expected actual
  if [ "$2" = "$3" ]; then pass "$1: $3"; else fail "$1: expected '$2', got '$3'"; fi
}
trim() { sed -e 's/^ *//' -e 's/ *$//'; }

# attach ARGS...: starts `mmc-emu attach ARGS...` and waits for its device lines ($lines: two
# per drive through TCMU, /dev/srN then /dev/sgN; one through CUSE), setting devs=(...), $sr and
# $sg (the first two) and $attach_pid. The output file is removed first: the background job
# creates it only once it runs, and lines of an earlier attach must not count.
attach_pid=
lines=2
attach() {
  rm -f /tmp/attach.out /tmp/attach.err
  "$emu" attach "$@" >/tmp/attach.out 2>/tmp/attach.err &
  attach_pid=$!
  for _ in $(seq 600); do
    [ "$(cat /tmp/attach.out 2>/dev/null | wc -l)" -ge "$lines" ] && break
    kill -0 "$attach_pid" 2>/dev/null || break
    sleep 0.05
  done
  devs=()
  [ -f /tmp/attach.out ] && mapfile -t devs </tmp/attach.out
  if [ ${#devs[@]} -lt "$lines" ]; then
    cat /tmp/attach.err
    dmesg | tail -20
    echo "FAIL attach $* did not print its devices"
    exit 1
  fi
  sr=${devs[0]} sg=${devs[1]:-}
}

# detach: SIGTERM, and the attach must exit 0.
detach() {
  kill -TERM "$attach_pid"
  wait "$attach_pid" || fail "attach exit status $? on SIGTERM: $(tail -3 /tmp/attach.err)"
  attach_pid=
}

# wait_ready WHAT [DEV]: polls TEST UNIT READY on DEV ($sg unless given) as a program polling a
# real drive does: unit attentions and "becoming ready" first, then good. Status 1 if it never is.
wait_ready() {
  local what=$1 dev=${2:-$sg} i
  for i in $(seq 100); do
    sg_turs "$dev" >/tmp/tur.txt 2>&1 && { pass "sg_turs $what (after $((i - 1)) not-ready answer(s))"; return; }
    grep -qiE 'unit attention|not ready' /tmp/tur.txt || break
    sleep 0.1
  done
  fail "sg_turs $what: $(cat /tmp/tur.txt)"
  return 1
}

# reload WHAT: the tray opened and closed again with eject(1), through the sr driver, then
# ready: the kernel re-reads the disc's size when it is next opened.
reload() {
  eject "$sr" 2>/tmp/eject.txt || fail "eject $sr ($1): $(cat /tmp/eject.txt)"
  eject -t "$sr" 2>/tmp/eject.txt || fail "eject -t $sr ($1): $(cat /tmp/eject.txt)"
  wait_ready "after reloading $1"
}

# make_tree DIR SEED: a few files of generated data (sizes vary with SEED) in DIR and a subdirectory.
make_tree() {
  rm -rf "$1" && mkdir -p "$1/sub"
  local i
  for i in 1 2 3; do
    head -c $((100000 * i + 7919 * $2)) /dev/urandom >"$1/file$i.bin"
  done
  head -c $((50000 + $2)) /dev/urandom >"$1/sub/nested.bin"
  echo "seed $2" >"$1/sub/readme.txt"
}

# rip_audio NAME PAUSE: cdparanoia rips every track of the disc in $sr, and audio_tracks.py
# compares them with /tmp/audio's a.wav and b.wav, PAUSE blocks of silence after the first.
# Needs $here (the guest scripts) and $out.
rip_audio() {
  local name=$1 pause=$2 bad=0
  rm -rf /tmp/rip && mkdir /tmp/rip
  if ! (cd /tmp/rip && cdparanoia -d "$sr" -B 1- >"$out/$name-cdparanoia.txt" 2>&1); then
    fail "$name: cdparanoia: $(tail -3 "$out/$name-cdparanoia.txt")"
    return
  fi
  /usr/bin/python3 "$here/audio_tracks.py" check /tmp/rip "$pause" >/tmp/audio-check.txt || bad=$?
  sed "s/^\(ok  \|FAIL\) /&$name: /" /tmp/audio-check.txt
  failures=$((failures + bad))
}
