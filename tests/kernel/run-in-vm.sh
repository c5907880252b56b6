#!/usr/bin/env bash
# Runs a guest script in tools/mmc-vm for ctest: exit 77 (skip) only when QEMU cannot run here
# at all; everything else (no kernel, a failed download, a failing guest) is a failure.
#   run-in-vm.sh ARTIFACT_DIR GUEST_SCRIPT ARGS...
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
root=$(readlink -f "$here/../..")
artifacts=$1
shift

# Always asked (it returns at once when everything is there): the guest scripts use the host's
# burners and tools, which a machine with QEMU alone lacks.
if [ "$(id -u)" -eq 0 ] || sudo -n true 2>/dev/null; then
  "$root/scripts/install-vm-deps" || { echo "cannot install the VM's packages"; exit 1; }
elif ! command -v qemu-system-x86_64 >/dev/null 2>&1; then
  echo "SKIP: qemu-system-x86_64 is not installed and cannot be installed (not root)"
  exit 77
fi
if ! echo quit | timeout 20 qemu-system-x86_64 -M none -nodefaults -display none -monitor stdio >/dev/null 2>&1; then
  echo "SKIP: qemu-system-x86_64 cannot start a machine here"
  exit 77
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: mmc-vm needs root (it shares / with the guest and runs it as root)"
  exit 77
fi

rm -rf "$artifacts" && mkdir -p "$artifacts"
start=$(date +%s.%N)
# The console, kept in ARTIFACT_DIR.console.log (one per test: they run side by side); the line
# announcing the ready drive gets the host's own measure of the time since mmc-vm started
# (guest clocks under TCG are approximate).
t0=$EPOCHREALTIME
"$root/tools/mmc-vm/mmc-vm" --timeout 480 --out "$artifacts" -- "$@" 2>&1 |
  while IFS= read -r line; do
    case $line in
      *"guest: "*" ready at "*) line+=" (host: $(echo "$EPOCHREALTIME - $t0" | bc | xargs printf '%.1f') s after mmc-vm started)" ;;
    esac
    printf '%s\n' "$line"
  done | tee "$artifacts.console.log"
status=${PIPESTATUS[0]}
end=$(date +%s.%N)
printf 'mmc-vm: whole run %.1f s; guest ready at %s s after boot; exit status %d\n' \
  "$(echo "$end - $start" | bc 2>/dev/null || echo 0)" "$(cat "$artifacts/ready-uptime" 2>/dev/null || echo '?')" "$status"
exit $status
