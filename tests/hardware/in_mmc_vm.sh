#!/usr/bin/env bash
# Runs inside tools/mmc-vm: the hardware suite against emulated drives attached as /dev/srN
# through TCMU + tcm_loop, the code path a real drive takes (SG_IO, sr, sg).
#   in_mmc_vm.sh MMC_EMU HARDWARE_SUITE PROFILE_DIR
set -uo pipefail
emu=$1
suite=$2
profiles=$3
failures=0

# One drive per run: PROFILE and MEDIA; the suite's read-only part with the tray moving.
run() {
  local profile=$1 media=$2
  "$emu" attach --profile "$profile" --media "$media" >/tmp/attach.out 2>/tmp/attach.err &
  local pid=$!
  for _ in $(seq 300); do
    [ "$(wc -l </tmp/attach.out)" -ge 2 ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  local sr
  sr=$(sed -n 1p /tmp/attach.out)
  if [ -z "$sr" ]; then
    cat /tmp/attach.err
    echo "FAIL attach $profile did not print its devices"
    failures=$((failures + 1))
    return
  fi
  echo "== $(basename "$profile") with '$media' as $sr"
  SPINDLE_HW_DEVICE=$sr SPINDLE_HW_EJECT=1 "$suite" read-only || failures=$((failures + 1))
  SPINDLE_HW_DEVICE=$sr SPINDLE_HW_WRITE=1 "$suite" write
  [ $? -eq 77 ] || { echo "FAIL the write part did not report itself skipped"; failures=$((failures + 1)); }
  kill "$pid" && wait "$pid" 2>/dev/null
}

run "$profiles/pioneer-bdr-s09.yaml" "appendable dvd+r"
run "$profiles/plextor-px-w4012a.yaml" "blank cd-r"
echo "hardware suite in mmc-vm: $failures failure(s)"
[ "$failures" -eq 0 ]
