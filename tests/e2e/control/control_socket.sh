#!/usr/bin/env bash
# `mmc-emu run --control-socket S` steered with `mmc-emu control`, as a CI script without FUSE
# would: tray, medium, state and faults change the drive, disc.img and log_pipe stream, the exit
# status says refused (1) or misused (2), SPINDLE_CONTROL stands for '-', SIGTERM removes the socket.
# Where FUSE is usable, the same command also steers a control directory served beside the socket.
#   control_socket.sh MMC_EMU
set -o pipefail
emu=$1
source "$(dirname "$0")/../../lib.sh"
pid=
at_exit '[ -n "$pid" ] && kill -KILL $pid 2>/dev/null; umount -l "$work/ctl" 2>/dev/null'
ctl() { "$emu" control "$sock" drive0 "$@"; }
status_of() { "$@" >/dev/null 2>"$work/err"; echo $?; }

start() {
  rm -f "$work/run.out" # the background job truncates it only once it runs
  "$emu" run "$@" --media "blank dvd+r" >"$work/run.out" 2>"$work/run.err" &
  pid=$!
  for _ in $(seq 200); do [ -s "$work/run.out" ] && break; sleep 0.05; done
  [ -s "$work/run.out" ] || { cat "$work/run.err"; echo "FAIL run did not start"; exit 1; }
}
stop() {
  kill -TERM $pid
  wait $pid && pass "run exits 0 on SIGTERM" || fail "run exit status $?: $(tail -40 "$work/run.err")"
  pid=
}

sock=$work/emu.sock
start --control-socket "$sock"
expect_eq "run prints the socket" "$sock" "$(sed -n 1p "$work/run.out")"
expect_eq "socket mode" "srw-------" "$(stat -c %A "$sock")"

expect_eq "tray" "closed" "$(ctl tray)"
ctl tray open && expect_eq "tray after control tray open" "open" "$(ctl tray)"
ctl tray close && expect_eq "tray after control tray close" "closed" "$(ctl tray)"
grep -q "^type: dvd+r" <(ctl medium) && pass "medium: blank dvd+r" || fail "medium: $(ctl medium)"
ctl state becoming-ready 3s && grep -q "^becoming-ready" <(ctl state) && pass "state: $(ctl state)" ||
  fail "state: $(ctl state)"

printf '%s\n' '{command: READ(10), sense: 3/11/00}' '# a comment' '{command: WRITE(10), sense: 3/0C/00}' |
  ctl faults - 2>"$work/err" || fail "rules from stdin refused: $(cat "$work/err")"
faults=$(ctl faults)
grep -q '^#1 {command: READ(10)' <<<"$faults" && grep -q '^#2 {command: WRITE(10)' <<<"$faults" &&
  pass "faults from stdin: $(tr '\n' ' ' <<<"$faults")" || fail "faults: $faults"

expect_eq "refused write status" 1 "$(status_of ctl tray wobble)"
expect_eq "refused write message" "mmc-emu: drive0/tray: 'wobble': expected open, close, eject or force-open" \
  "$(cat "$work/err")"
expect_eq "last_error" "tray: 'wobble': expected open, close, eject or force-open" "$(ctl last_error)"
expect_eq "read-only file status" 1 "$(status_of ctl log x)"
expect_eq "unknown drive status" 1 "$(status_of "$emu" control "$sock" drive9 tray)"
grep -q "no drive 'drive9'" "$work/err" && pass "unknown drive: $(cat "$work/err")" || fail "unknown drive: $(cat "$work/err")"
expect_eq "unreachable socket status" 1 "$(status_of "$emu" control "$work/nothing.sock" drive0 tray)"
expect_eq "usage error status (no FILE)" 2 "$(status_of "$emu" control "$sock" drive0)"
expect_eq "usage error status (unknown option)" 2 "$(status_of "$emu" control --bogus "$sock" drive0 tray)"
expect_eq "usage error status ('-' without SPINDLE_CONTROL)" 2 \
  "$(status_of env -u SPINDLE_CONTROL "$emu" control - drive0 tray)"
grep -q "^ready\|^becoming-ready" <(SPINDLE_CONTROL=$sock "$emu" control - drive0 state) &&
  pass "SPINDLE_CONTROL for '-': $(SPINDLE_CONTROL=$sock "$emu" control - drive0 state)" ||
  fail "SPINDLE_CONTROL=S control - drive0 state: $(SPINDLE_CONTROL=$sock "$emu" control - drive0 state 2>&1)"

head -c $((2048 * 300)) /dev/urandom >"$work/rom.iso"
ctl medium rom from "$work/rom.iso" 2>"$work/err" || fail "rom refused: $(cat "$work/err")"
ctl disc.img | cmp -s - "$work/rom.iso" && pass "disc.img streamed is the ROM image" || fail "disc.img differs"
timeout 1 "$emu" control "$sock" drive0 log_pipe >"$work/pipe.out"
grep -q "tray: open" "$work/pipe.out" && grep -q "medium: load rom from" "$work/pipe.out" &&
  pass "log_pipe streamed $(wc -l <"$work/pipe.out") lines until stopped" || fail "log_pipe: $(cat "$work/pipe.out")"

stop
[ -e "$sock" ] && fail "socket left after SIGTERM" || pass "socket removed on SIGTERM"
expect_eq "run without --control or --control-socket: a usage error" 2 "$(status_of "$emu" run --media "blank dvd+r")"

if [ -c /dev/fuse ] && [ "$(id -u)" -eq 0 ]; then
  start --control "$work/ctl" --control-socket "$sock"
  expect_eq "run prints the directory, then the socket" "$work/ctl/drive0 $sock" "$(tr '\n' ' ' <"$work/run.out" | sed 's/ $//')"
  "$emu" control "$work/ctl" drive0 tray open && expect_eq "tray opened through the directory, read through the socket" \
    "open" "$(ctl tray)"
  expect_eq "refused write through the directory" 1 "$(status_of "$emu" control "$work/ctl" drive0 tray wobble)"
  expect_eq "its reason (from last_error)" \
    "mmc-emu: drive0/tray: 'wobble': expected open, close, eject or force-open" "$(cat "$work/err")"
  expect_eq "read-only file through the directory" 1 "$(status_of "$emu" control "$work/ctl" drive0 log x)"
  expect_eq "unknown drive through the directory" 1 "$(status_of "$emu" control "$work/ctl" drive9 tray)"
  grep -q "^type: dvd+r" <(SPINDLE_CONTROL=$work/ctl "$emu" control - drive0 medium) &&
    pass "SPINDLE_CONTROL naming the directory" || fail "SPINDLE_CONTROL=DIR: $(cat "$work/err")"
  stop
  mountpoint -q "$work/ctl" && fail "still mounted after SIGTERM" || pass "unmounted on SIGTERM"
else
  echo "skip the control directory part: needs /dev/fuse and root"
fi

finish
