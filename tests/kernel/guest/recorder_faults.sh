#!/usr/bin/env bash
# Runs inside tools/mmc-vm. The recorder's own end-to-end suite over SG_IO through the real
# kernel (TCMU + tcm_loop, sr, sg): discrec info, burn --verify and erase on /dev/sgN and
# /dev/srN, then the rows of the fault table that need a kernel, injected through the control
# filesystem or `mmc-emu attach --faults` and checked by the exact HRESULT discrec prints:
#   timeout         a hang rule: E_IMAPI_RECORDER_COMMAND_TIMEOUT within the recorder's timeout
#                   (the kernel aborts the held command, the ring keeps working)
#   becoming-ready  the recorder waits, bounded, and succeeds; or MEDIA_BECOMING_READY when
#                   the drive takes too long
#   no-medium        E_IMAPI_RECORDER_MEDIA_NO_MEDIA
#   device-gone     the device vanishes mid-burn: ERROR_DEV_NOT_EXIST at once, the nodes and
#                   the LUN go, the other drives are served on; the same through CUSE
#   recorder_faults.sh MMC_EMU DISCREC
set -uo pipefail
emu=$1
discrec=$2
cfg=/sys/kernel/config/target
here=$(dirname "$(readlink -f "$0")")
source "$here/lib.sh" # reporting, attach, wait_ready
start_guest
now() { date +%s.%N; }
since() { printf '%.1f' "$(echo "$(now) - $1" | bc)"; }
# between WHAT VALUE LOW HIGH: LOW <= VALUE < HIGH
between() {
  if [ "$(echo "$3 <= $2 && $2 < $4" | bc)" = 1 ]; then pass "$1: $2 s"; else fail "$1: $2 s, expected [$3, $4)"; fi
}
# expect_hr WHAT HRESULT-NAME OUTPUT-FILE: discrec printed exactly this error
expect_hr() {
  if grep -qF "discrec: $2 (0x" "$3"; then pass "$1: $2"; else fail "$1: expected $2, got: $(grep discrec: "$3" | tail -2)"; fi
}
ours_in_configfs() { ls -d $cfg/core/user_*/spindle-* $cfg/loopback/naa.*/tpgt_*/lun/lun_*/spindle-* 2>/dev/null; }
gone_within() { # PATH SECONDS
  local i
  for i in $(seq $(($2 * 10))); do [ -e "$1" ] || return 0; sleep 0.1; done
  return 1
}

stop_attach() { # WHAT
  kill -TERM "$attach_pid" 2>/dev/null
  if wait "$attach_pid"; then pass "$1: attach exits 0 on SIGTERM"; else fail "$1: attach exit status $?: $(tail -3 /tmp/attach.err)"; fi
}
burn() { # DEV IMAGE OUTPUT [ARGS...]: discrec burn, no progress
  local dev=$1 img=$2 output=$3
  shift 3
  timeout 300 "$discrec" burn "$dev" "$img" --progress none "$@" >"$output" 2>&1
}

vendor=$("$emu" profile show | sed -n 's/^  vendor: "\(.*\)"$/\1/p')
head -c $((8 * 1024 * 1024)) /dev/urandom >/tmp/a.img
head -c $((2 * 1024 * 1024)) /dev/urandom >/tmp/b.img

# --- the recorder over /dev/sgN and /dev/srN ------------------------------------------------
attach --media "blank dvd+r" --control /tmp/ctl
ctl=/tmp/ctl/drive0
echo "guest: $sr and $sg ready at $(uptime_s) s after boot"
uptime_s >"$out/ready-uptime" 2>/dev/null || true
wait_ready "(blank dvd+r)"
for dev in "$sg" "$sr"; do
  "$discrec" info "$dev" >/tmp/info.txt 2>&1 && pass "discrec info $dev" || fail "discrec info $dev: $(tail -3 /tmp/info.txt)"
  expect_eq "discrec info $dev vendor" "$vendor" "$(sed -n 's/^Vendor: *//p' /tmp/info.txt | trim)"
  grep -q '^Disc: *empty' /tmp/info.txt && pass "discrec info $dev: blank disc" || fail "discrec info $dev: $(grep '^Disc' /tmp/info.txt)"
done

# becoming-ready, short: the recorder waits for the drive (bounded) and burns.
echo "becoming-ready 3s" >$ctl/state
t0=$(now)
if burn "$sr" /tmp/a.img /tmp/burn.txt --verify; then
  pass "discrec burn --verify on $sr through a 3 s becoming-ready, $(since "$t0") s"
else
  fail "discrec burn on $sr: $(tail -3 /tmp/burn.txt)"
fi
n=$(grep -c ' -> CHECK CONDITION 2/04/01 ' $ctl/log || true)
[ "$n" -ge 1 ] && pass "becoming-ready: the drive said 2/04/01 $n time(s) before the burn went on" ||
  fail "becoming-ready never reported: $(head -5 $ctl/log)"
cmp -s /tmp/a.img $ctl/disc.img && pass "disc.img is what the recorder burned through $sr" ||
  fail "disc.img ($(stat -c %s $ctl/disc.img) bytes) differs from the burned image"

# A rewritable disc through /dev/sgN: burn, erase, blank again.
echo "blank dvd-rw" >$ctl/medium
wait_ready "(blank dvd-rw)"
burn "$sg" /tmp/b.img /tmp/burn.txt --verify && pass "discrec burn --verify on $sg (dvd-rw)" ||
  fail "discrec burn on $sg (dvd-rw): $(tail -3 /tmp/burn.txt)"
t0=$(now)
timeout 300 "$discrec" erase "$sg" --progress none >/tmp/erase.txt 2>&1 && pass "discrec erase $sg, $(since "$t0") s" ||
  fail "discrec erase $sg: $(tail -3 /tmp/erase.txt)"
"$discrec" info "$sg" >/tmp/info.txt 2>&1 || true
grep -q '^Disc: *empty' /tmp/info.txt && pass "erased: $(grep '^Disc:' /tmp/info.txt)" || fail "after erase: $(grep '^Disc' /tmp/info.txt)"

# --- timeout: a hang rule; the recorder's own timeout fires, the kernel aborts the command ----
echo "blank dvd+r" >$ctl/medium
wait_ready "(blank dvd+r again)"
read_buffer_capacity() { # DEV TIMEOUT-S: how long discrec takes for READ BUFFER CAPACITY, in s
  local t0
  t0=$(now)
  "$discrec" send "$1" "5C 00 00 00 00 00 00 00 0C 00" --in 12 --timeout "$2" >/tmp/hang.txt 2>&1
  local status=$?
  took=$(since "$t0")
  return $status
}
# The recorder's timeout per node: /dev/sgN keeps to it; on a block node the kernel raises an
# SG_IO timeout under 7 s to 7 s (BLK_MIN_SG_TIMEOUT), and the recorder's message says so.
for dev_timeout in "$sg 3 3" "$sr 3 7"; do
  read -r dev limit waited <<<"$dev_timeout"
  read_buffer_capacity "$dev" "$limit" || fail "READ BUFFER CAPACITY on $dev: $(cat /tmp/hang.txt)"
  baseline=$took # opening the device and asking for its identity, without the fault
  echo '{command: READ BUFFER CAPACITY, hang: true, once: true}' >$ctl/faults || fail "hang rule refused: $(cat $ctl/last_error)"
  if read_buffer_capacity "$dev" "$limit"; then
    fail "a command the drive never answers succeeded on $dev"
  else
    expect_hr "timeout on $dev" E_IMAPI_RECORDER_COMMAND_TIMEOUT /tmp/hang.txt
    # The kernel's abort (ABORT TASK through tcm_loop, which ends the held command) takes a
    # moment after the timeout; TCMU's own command timeout (30 s) plays no part.
    between "timeout on $dev ($limit s asked, $waited s expected): the command ended after (took $took s, $baseline s without the fault)" \
      "$(echo "$took - $baseline" | bc)" "$(echo "$waited - 0.5" | bc)" "$((waited + 3))"
    if [ "$waited" != "$limit" ]; then
      grep -q "no answer within ${limit}000 ms (the kernel gave up after $waited[0-9][0-9][0-9] ms)" /tmp/hang.txt &&
        pass "the message on $dev names the kernel's wait: $(grep -o 'no answer within.*ms)' /tmp/hang.txt)" ||
        fail "the message on $dev does not name the kernel's $waited s: $(grep -i 'answer' /tmp/hang.txt)"
    fi
  fi
done
echo clear >$ctl/faults
cp $ctl/log "$out/timeouts.log" 2>/dev/null || true
expect_eq "held commands in the log" 2 "$(grep -c '^#.* 5C 00 00 00 00 00 00 00 0C 00 -> no answer .*rules=' $ctl/log || true)"
"$discrec" info "$sg" >/tmp/info.txt 2>&1 && pass "discrec info after the aborted commands: the ring works" ||
  fail "discrec info after the timeouts: $(tail -3 /tmp/info.txt)"
burn "$sg" /tmp/b.img /tmp/burn.txt --verify && pass "burn --verify after the timeouts" || fail "burn after the timeouts: $(tail -3 /tmp/burn.txt)"
dmesg | grep -q 'ring is broken' && fail "the kernel calls the ring broken" || pass "ring intact"

# --- becoming-ready for too long: the recorder's bound ends it --------------------------------
echo "blank dvd+r" >$ctl/medium
wait_ready "(a fresh blank dvd+r)"
echo "becoming-ready 10min" >$ctl/state # longer than any recorder waits
t0=$(now)
if burn "$sg" /tmp/b.img /tmp/burn.txt; then
  fail "a burn on a drive that never becomes ready succeeded"
else
  took=$(since "$t0")
  expect_hr "becoming-ready too long" E_IMAPI_RECORDER_MEDIA_BECOMING_READY /tmp/burn.txt
  between "becoming-ready: the recorder gave up after" "$took" 15 60
fi
echo ready >$ctl/state

# --- no medium --------------------------------------------------------------------------------
echo eject >$ctl/medium
if burn "$sg" /tmp/b.img /tmp/burn.txt; then
  fail "a burn with no disc succeeded"
else
  status=$?
  expect_hr "no medium" E_IMAPI_RECORDER_MEDIA_NO_MEDIA /tmp/burn.txt
  expect_eq "no medium: exit status" 4 "$status"
fi
stop_attach "basics and faults"
[ -z "$(ours_in_configfs)" ] && pass "configfs clean" || fail "configfs entries left: $(ours_in_configfs)"

# --- device gone mid-burn, two drives in one process, rule through the control filesystem -----
lines=4
attach --drives 2 --media "blank dvd+r" --control /tmp/ctl
lines=2
sr0=${devs[0]} sg0=${devs[1]} sr1=${devs[2]} sg1=${devs[3]}
wait_ready "(drive0)" "$sg0"
wait_ready "(drive1)" "$sg1"
echo '{command: WRITE(10), nth: 3, vanish: true}' >/tmp/ctl/drive0/faults || fail "vanish rule refused"
t0=$(now)
if burn "$sg0" /tmp/a.img /tmp/burn.txt; then
  fail "a burn on a vanishing drive succeeded"
else
  status=$?
  took=$(since "$t0")
  expect_hr "device gone mid-burn on $sg0" "HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST)" /tmp/burn.txt
  expect_eq "device gone: exit status" 3 "$status"
  between "device gone: the burn ended after" "$took" 0 30
fi
grep -q ' -> device gone .*rules=1' /tmp/ctl/drive0/log && pass "drive0's log: $(grep -m1 ' -> device gone' /tmp/ctl/drive0/log)" ||
  fail "drive0's log has no vanished command"
gone_within "$sg0" 15 && pass "$sg0 removed" || fail "$sg0 still there"
gone_within "$sr0" 5 && pass "$sr0 removed" || fail "$sr0 still there"
expect_eq "configfs: one backstore left" 1 "$(ls -d $cfg/core/user_*/spindle-* 2>/dev/null | wc -l)"
grep -q 'drive0 vanished' /tmp/attach.err && pass "attach: $(grep 'drive0 vanished' /tmp/attach.err)" ||
  fail "attach said: $(cat /tmp/attach.err)"
kill -0 "$attach_pid" 2>/dev/null && pass "attach still serves drive1" || fail "attach exited"
"$discrec" info "$sg1" >/tmp/info.txt 2>&1 && pass "discrec info $sg1 (the other drive)" || fail "discrec info $sg1: $(tail -3 /tmp/info.txt)"
burn "$sg1" /tmp/b.img /tmp/burn.txt --verify && pass "burn --verify on $sg1" || fail "burn on $sg1: $(tail -3 /tmp/burn.txt)"
stop_attach "device gone, two drives"
[ -z "$(ours_in_configfs)" ] && pass "configfs clean" || fail "configfs entries left: $(ours_in_configfs)"

# --- device gone from a scenario (--faults): with nothing left to serve, attach exits ---------
cat >/tmp/vanish.yaml <<'YAML'
rules:
  - {command: WRITE(10), nth: 3, vanish: true}
YAML
attach --media "blank dvd+r" --faults /tmp/vanish.yaml
wait_ready "(--faults)"
if burn "$sr" /tmp/a.img /tmp/burn.txt; then
  fail "a burn on a vanishing drive succeeded ($sr)"
else
  expect_hr "device gone on $sr (--faults)" "HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST)" /tmp/burn.txt
fi
for _ in $(seq 150); do kill -0 "$attach_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$attach_pid" 2>/dev/null; then
  fail "attach still running with its only drive gone"
  kill -TERM "$attach_pid"
fi
wait "$attach_pid" && pass "attach exits 0 once its only drive vanished" || fail "attach exit status $?: $(cat /tmp/attach.err)"
[ ! -e "$sr" ] && [ ! -e "$sg" ] && pass "$sr and $sg removed" || fail "$sr or $sg still there"
[ -z "$(ours_in_configfs)" ] && pass "configfs clean" || fail "configfs entries left: $(ours_in_configfs)"

# --- the same through CUSE: a hang times out, a vanished device's node goes ----------------
lines=1
attach --target cuse --name spindle-faults --media "blank dvd+r" --faults /tmp/vanish.yaml --control /tmp/ctl
dev=${devs[0]}
wait_ready "(cuse)" "$dev"
echo '{command: READ BUFFER CAPACITY, hang: true, once: true}' >/tmp/ctl/drive0/faults
t0=$(now)
"$discrec" send "$dev" "5C 00 00 00 00 00 00 00 0C 00" --in 12 --timeout 2 >/tmp/hang.txt 2>&1 || true
took=$(since "$t0")
expect_hr "timeout on $dev" E_IMAPI_RECORDER_COMMAND_TIMEOUT /tmp/hang.txt
between "timeout on $dev: answered after" "$took" 2 5
if burn "$dev" /tmp/a.img /tmp/burn.txt; then
  fail "a burn on a vanishing CUSE drive succeeded"
else
  expect_hr "device gone on $dev" "HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST)" /tmp/burn.txt
fi
gone_within "$dev" 10 && pass "$dev removed" || fail "$dev still there"
"$discrec" info "$dev" >/tmp/info.txt 2>&1 || true
expect_hr "discrec info on the removed $dev" "HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST)" /tmp/info.txt
kill -0 "$attach_pid" 2>/dev/null && pass "cuse attach serves on (its control filesystem)" || fail "cuse attach exited"
grep -q ' -> device gone ' /tmp/ctl/drive0/log && pass "the control log shows the vanished command" || fail "no vanished command in the log"
stop_attach "cuse"
mountpoint -q /tmp/ctl && fail "/tmp/ctl still mounted" || pass "/tmp/ctl unmounted"

finish_guest
