#!/usr/bin/env bash
# Runs inside tools/mmc-vm: the hardware suite against emulated drives attached as /dev/srN
# through TCMU + tcm_loop, the code path a real drive takes (SG_IO, sr, sg): the read-only part
# with the tray moving, and the write part (burn, verify, erase) on blank and erasable discs.
#   in_mmc_vm.sh MMC_EMU HARDWARE_SUITE PROFILE_DIR
set -uo pipefail
emu=$1
suite=$2
profiles=$3
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

# run PROFILE MEDIA PARTS WRITE: one drive; PARTS "read-only write" or "write"; WRITE "pass"
# (the write part must run and pass) or "skip" (it must skip, saying why).
run() {
  local profile=$1 media=$2 parts=$3 write=$4
  rm -f /tmp/attach.out
  "$emu" attach --profile "$profile" --media "$media" >/tmp/attach.out 2>/tmp/attach.err &
  local pid=$!
  for _ in $(seq 300); do
    [ "$(wc -l </tmp/attach.out 2>/dev/null || echo 0)" -ge 2 ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  local sr
  sr=$(sed -n 1p /tmp/attach.out 2>/dev/null)
  if [ -z "$sr" ]; then
    cat /tmp/attach.err
    fail "attach $profile did not print its devices"
    return
  fi
  echo "== $(basename "$profile") with '$media' as $sr"
  if [[ $parts == *read-only* ]]; then
    SPINDLE_HW_DEVICE=$sr SPINDLE_HW_EJECT=1 "$suite" read-only || fail "read-only part on $sr"
  fi
  local t0=$EPOCHREALTIME status
  SPINDLE_HW_DEVICE=$sr SPINDLE_HW_WRITE=1 "$suite" write | tee /tmp/write.txt
  status=${PIPESTATUS[0]}
  echo "   write part: exit status $status, $(echo "$EPOCHREALTIME - $t0" | bc) s"
  case $write in
    pass) [ "$status" -eq 0 ] || fail "the write part on '$media' did not pass" ;;
    skip)
      [ "$status" -eq 77 ] && grep -q '^skipped: .*neither blank nor erasable' /tmp/write.txt ||
        fail "the write part on '$media' did not skip with its reason" ;;
  esac
  kill "$pid" && wait "$pid" 2>/dev/null
}

run "$profiles/pioneer-bdr-s09.yaml" "appendable dvd+r" "read-only write" skip
run "$profiles/plextor-px-w4012a.yaml" "blank cd-r" "read-only write" pass
run "$profiles/pioneer-bdr-s09.yaml" "blank bd-r" "write" pass
run "$profiles/lite-on-ihas124.yaml" "blank dvd+r" "write" pass
run "$profiles/hl-dt-st-wh16ns40.yaml" "formatted bd-re" "write" pass
run "$profiles/tsstcorp-sh-224db.yaml" "blank dvd-rw" "write" pass
# Without a device the suite says it skipped, and why.
"$suite" write >/tmp/nodev.txt
[ $? -eq 77 ] && grep -q '^skipped: set SPINDLE_HW_DEVICE' /tmp/nodev.txt || fail "no device: $(cat /tmp/nodev.txt)"
echo "hardware suite in mmc-vm: $failures failure(s)"
[ "$failures" -eq 0 ]
