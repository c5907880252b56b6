#!/usr/bin/env bash
# The emulated drive against tcmu-runner's fbo handler in one tools/mmc-vm boot (guest.sh):
# dd reads through /dev/srN and xorriso burns of the same image, with a table of the figures.
#   tests/bench/kernel/run.sh [--mmc-emu PATH] [--mib N] [--runs N] [--bs SIZE] [--out DIR]
# Needs root, QEMU and what scripts/install-vm-deps installs, plus tcmu-runner
# (`apt-get install tcmu-runner`; it is not in install-vm-deps, as nothing CI runs needs it).
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
root=$(readlink -f "$here/../../..")
emu=$root/build/tools/mmc-emu/mmc-emu
mib=60 runs=3 bs=1M out=$root/build/bench-kernel
usage() { sed -n '2,6s/^# \{0,1\}//p' "$0"; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case $1 in
    --mmc-emu) emu=${2:?}; shift 2 ;;
    --mib) mib=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    --bs) bs=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    -h | --help) usage ;;
    *) echo "run.sh: unknown argument '$1'"; usage 2 ;;
  esac
done
[ -x "$emu" ] || { echo "run.sh: no mmc-emu at $emu (build it, or give --mmc-emu)"; exit 2; }
command -v tcmu-runner >/dev/null || { echo "run.sh: tcmu-runner is not installed (apt-get install tcmu-runner)"; exit 2; }
[[ $mib =~ ^[0-9]+$ && $mib -ge 2 ]] || { echo "run.sh: --mib $mib: expected a whole number of MiB, at least 2"; exit 2; }
[[ $runs =~ ^[0-9]+$ && $runs -ge 1 ]] || { echo "run.sh: --runs $runs: expected a count, at least 1"; exit 2; }
emu=$(readlink -f "$emu")
mkdir -p "$out"
# The image lives in the guest's RAM (tmpfs): memory for it, its copies and the page cache.
exec "$root/tools/mmc-vm/mmc-vm" --timeout 1200 --memory $((1024 + 8 * mib)) --out "$out" -- \
  "$here/guest.sh" "$emu" "$mib" "$runs" "$bs"
