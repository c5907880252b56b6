#!/usr/bin/env bash
# `mmc-emu run --control DIR` on this host, driven with echo and cat as a CI script would:
# tray, medium, state and faults change the drive, the log shows them, disc.img is the disc,
# nonsense is refused with its reason, rules piped in pieces are one list, a second run on the
# directory is refused naming the first, SIGTERM unmounts, a crash's stale mount is cleaned up,
# --faults loads a scenario at start (and a bad one stops the start with a located error).
#   run_control.sh MMC_EMU
set -uo pipefail
emu=$1
if [ ! -c /dev/fuse ] || [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: needs /dev/fuse and root (no fusermount3 for other users here)"
  exit 77
fi
source "$(dirname "$0")/../../lib.sh"
pid=
at_exit 'kill -KILL $pid 2>/dev/null; umount -l "$work/ctl" 2>/dev/null'

start() {
  rm -f "$work/run.out" # the background job truncates it only once it runs
  "$emu" run --control "$work/ctl" "$@" >"$work/run.out" 2>"$work/run.err" &
  pid=$!
  for _ in $(seq 200); do [ -s "$work/run.out" ] && break; sleep 0.05; done
  [ -s "$work/run.out" ] || { cat "$work/run.err"; echo "FAIL run did not start"; exit 1; }
  ctl=$(sed -n 1p "$work/run.out")
}

head -c $((2048 * 300)) /dev/urandom >"$work/rom.iso"
start --media "rom from $work/rom.iso"
expect_eq "directory" "$work/ctl/drive0" "$ctl"
expect_eq "tray" "closed" "$(cat "$ctl/tray")"
echo open >"$ctl/tray" && expect_eq "tray after echo open" "open" "$(cat "$ctl/tray")"
echo close >"$ctl/tray" && expect_eq "tray after echo close" "closed" "$(cat "$ctl/tray")"
cmp -s "$work/rom.iso" "$ctl/disc.img" && pass "disc.img is the ROM image" || fail "disc.img differs"
expect_eq "disc.img size" "$((2048 * 300))" "$(stat -c %s "$ctl/disc.img")"
if echo "blank floppy" >"$ctl/medium" 2>/dev/null; then fail "a bad preset was accepted"; else pass "bad preset refused"; fi
grep -q "^medium: 'blank floppy'" "$ctl/last_error" && pass "last_error: $(cat "$ctl/last_error")" || fail "last_error: $(cat "$ctl/last_error")"
grep -q "^type: dvd-rom\|^type: cd-rom" "$ctl/medium" && pass "the ROM disc stayed" || fail "medium: $(cat "$ctl/medium")"
echo "becoming-ready 3s" >"$ctl/state" || fail "state refused: $(cat "$ctl/last_error")"
grep -q "^becoming-ready" "$ctl/state" && pass "state: $(cat "$ctl/state")" || fail "state: $(cat "$ctl/state")"
# Time passes with no initiator: a timed tray-open happens at once and ends on time, and the
# load the close starts ends by itself (the profile's becoming-ready time, 1.5 s).
echo "tray-open 1s" >"$ctl/state" && expect_eq "state after tray-open 1s" "tray-open" "$(cat "$ctl/state")"
sleep 1.2
grep -q "^becoming-ready" "$ctl/state" && pass "the tray closed by itself: $(cat "$ctl/state")" ||
  fail "after 1.2 s: $(cat "$ctl/state")"
sleep 1.6
expect_eq "the disc became ready by itself" "ready" "$(cat "$ctl/state")"
echo "{command: READ(10), sense: 3/11/00}" >"$ctl/faults" || fail "rule refused: $(cat "$ctl/last_error")"
grep -q "READ(10)" "$ctl/faults" && pass "faults: $(cat "$ctl/faults")" || fail "faults: $(cat "$ctl/faults")"
grep -q "tray: open" "$ctl/log" && grep -q "state: becoming-ready 3s" "$ctl/log" && pass "log has the changes" ||
  fail "log: $(cat "$ctl/log")"
echo "load blank dvd+r" >"$ctl/medium" 2>/dev/null && fail "'load ...' accepted" || pass "'load blank dvd+r' refused (a preset is written bare)"
echo "blank dvd+r" >"$ctl/medium" && grep -q "^type: dvd+r" "$ctl/medium" && pass "blank dvd+r loaded" || fail "medium: $(cat "$ctl/medium")"
grep -q "^commands: " "$ctl/stats" && pass "stats readable" || fail "stats: $(cat "$ctl/stats")"

# Rules through a pipe arrive in pieces cut anywhere: one list all the same, or none with the
# bad line's line:column.
echo clear >"$ctl/faults"
seq 3000 | sed 's/.*/{command: READ(10), lba: [&, &], sense: 3\/11\/00}/' >"$work/rules.txt"
cat "$work/rules.txt" | cat >"$ctl/faults" && expect_eq "3000 rules piped in" 3000 "$(wc -l <"$ctl/faults")" ||
  fail "piped rules refused: $(cat "$ctl/last_error")"
echo clear >"$ctl/faults"
sed '2900s/sense/sence/' "$work/rules.txt" | cat >"$ctl/faults" 2>/dev/null && fail "a bad rule in a pipe was taken" ||
  expect_eq "a bad piped rule refuses all, at its line:column" "faults: 2900:40: sence: unknown key; 0" \
    "$(cut -d';' -f1 <"$ctl/last_error"); $(wc -l <"$ctl/faults")"
echo "{command: INQUIRY, sense: 5/24/00}" >"$ctl/faults" && expect_eq "last_error after a good write" "" "$(cat "$ctl/last_error")"
# A directory this run serves is refused to another, naming this one's pid; this one serves on.
"$emu" run --control "$work/ctl" >/dev/null 2>"$work/second.err" && fail "a second run mounted over the first" ||
  expect_eq "a second run on the directory" "mmc-emu: $work/ctl: mmc-emu (pid $pid) serves a control filesystem there already; stop it (kill $pid) or choose another directory" "$(cat "$work/second.err")"
expect_eq "pid file" "$pid" "$(cat "$work/ctl/pid")"
touch "$ctl/new" 2>/dev/null && fail "touch made a file" || pass "touch of a new file refused: EACCES"
rm -f "$ctl/tray" 2>"$work/rm.err" && fail "rm removed tray" || grep -q "Operation not permitted" "$work/rm.err" &&
  pass "rm refused: $(cat "$work/rm.err")" || fail "rm: $(cat "$work/rm.err")"

kill -TERM $pid
wait $pid && pass "run exits 0 on SIGTERM" || fail "run exit status $?: $(tail -40 "$work/run.err")"
mountpoint -q "$work/ctl" && fail "still mounted after SIGTERM" || pass "unmounted on SIGTERM"

start --media "blank dvd+r"
kill -KILL $pid
wait $pid 2>/dev/null
# The daemon is gone, its mount stays: a stale mount for the next run to clean up.
grep -q " $work/ctl fuse" /proc/mounts && pass "stale mount after SIGKILL" || fail "no stale mount after SIGKILL?"
start --media "blank dvd+r"
expect_eq "tray after restart over a stale mount" "closed" "$(cat "$ctl/tray")"
kill -TERM $pid
wait $pid && pass "second run exits 0" || fail "second run exit status $?: $(tail -40 "$work/run.err")"

# A scenario loaded at start (--faults): its rules are live in the faults file; a bad one is
# refused with the loader's located message and nothing starts.
cat >"$work/scenario.yaml" <<'YAML'
seed: 7
rules:
  - {command: READ(10), lba: [100, 199], sense: 3/11/00}
  - {command: TEST UNIT READY, times: 2, condition: becoming-ready}
YAML
start --media "blank dvd+r" --faults "$work/scenario.yaml"
grep -q '^#1 {command: READ(10), lba: \[100, 199\], sense: 3/11/00}' "$ctl/faults" &&
  grep -q '^#2 .*TEST UNIT READY.*becoming-ready' "$ctl/faults" && pass "--faults: $(tr '\n' ' ' <"$ctl/faults")" ||
  fail "--faults rules: $(cat "$ctl/faults")"
kill -TERM $pid
wait $pid && pass "run --faults exits 0" || fail "run --faults exit status $?"
printf 'rules:\n  - {command: READ(10), sense: 3/11}\n' >"$work/bad.yaml"
if "$emu" run --control "$work/ctl" --faults "$work/bad.yaml" >"$work/run.out" 2>"$work/run.err"; then
  fail "a bad scenario was accepted"
else
  grep -q "bad.yaml:2:[0-9]*: rules\[0\].sense: " "$work/run.err" && pass "bad scenario: $(cat "$work/run.err")" ||
    fail "bad scenario message: $(cat "$work/run.err")"
fi
mountpoint -q "$work/ctl" && fail "mounted despite a bad scenario" || pass "nothing mounted for a bad scenario"

finish
