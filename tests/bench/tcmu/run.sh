#!/usr/bin/env bash
# The emulated drive against tcmu-runner's fbo handler, in one tools/mmc-vm boot: dd read of
# the same image through /dev/srN and an xorriso burn of it (tests/bench/tcmu/README.md).
#   tests/bench/tcmu/run.sh [BUILD_DIR] [MIB] [ROUNDS]   (as root; default: build, 60 MiB, 5 read rounds)
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
root=$(readlink -f "$here/../../..")
build=$(readlink -f "${1:-$root/build}")
mib=${2:-60}
emu=$build/tools/mmc-emu/mmc-emu
[ -x "$emu" ] || { echo "no $emu: build mmc-emu first (ninja -C $build mmc-emu)" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "run.sh needs root (mmc-vm shares / with the guest)" >&2; exit 2; }
"$root/scripts/install-vm-deps"
missing=()
for p in tcmu-runner dbus; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
exec "$root/tools/mmc-vm/mmc-vm" --timeout 900 --memory 1024 -- "$here/guest.sh" "$emu" "$mib" "${3:-5}"
