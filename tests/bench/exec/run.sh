#!/usr/bin/env bash
# mmc-emu exec's speed, each figure against the same work without exec, in one run:
# - SG_IO round trips: sgio_rate's TEST UNIT READY per second through /dev/sg0 (target 50 000/s);
# - a burn: xorriso writing an image to a BD-R under exec against `discrec burn emu:` writing it
#   to the drive model in its own process (target 0.5x), whole commands; then the data phases
#   alone: xorriso's, from its first WRITE to its last as the drive's log times them (its FIFO
#   made to hold the whole image, so that no refill waits), and the writing rate discrec reports
#   burning through exec's /dev/sg0 and in its own process (the same client both ways: what the
#   transport costs);
# - a read: dd of /dev/sr0 (a ROM made from the image) against dd of the image file (target
#   0.9x); the image is read once first, so both come from the page cache.
# Runs alternate and the best of each is kept.
#   run.sh MMC_EMU DISCREC SGIO_RATE [--mib N] [--commands N] [--runs N]
set -euo pipefail
emu=$(readlink -f "$1") discrec=$(readlink -f "$2") sgio_rate=$(readlink -f "$3")
shift 3
mib=256 commands=100000 runs=3
while [ $# -gt 0 ]; do
  case $1 in
    --mib) mib=$2; shift 2 ;;
    --commands) commands=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
# Sanitized builds (the smoke test's): our programs under exec start with the preloads first.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
head -c $((mib << 20)) /dev/urandom >image.iso
cat image.iso >/dev/null

now() { date +%s%N; }
rate() { awk -v n="$1" -v ns="$2" 'BEGIN { printf "%.0f", n * 1e9 / ns }'; } # per second, of n in ns nanoseconds
best() { printf '%s\n' "$@" | sort -g | tail -1; }
# The writing rate discrec's plain progress reports last, in bytes per second.
writing_rate() { sed -n 's/.*writing: 100%.* \([0-9.]*\) MB\/s.*/\1/p' "$1" | tail -1 | awk '{printf "%.0f", $1 * 1e6}'; }
# Inside exec: waits for the drive, then prints "ns N" around the command.
timed_in_exec='for _ in $(seq 100); do '"$sgio_rate"' /dev/sg0 1 >/dev/null 2>&1 && break; sleep 0.05; done
  t0=$(date +%s%N); "$@" >/dev/null 2>&1; status=$?; echo "ns $(( $(date +%s%N) - t0 ))"; exit $status'

tur=() burn_exec=() burn_emu=() write_exec=() write_emu=() write_discrec_exec=() dd_exec=() dd_file=()
for run in $(seq "$runs"); do
  out=$("$emu" exec --media "closed dvd+r from $work/image.iso" -- sh -c "
    for _ in \$(seq 100); do $sgio_rate /dev/sg0 1 >/dev/null 2>&1 && break; sleep 0.05; done
    $sgio_rate /dev/sg0 $commands")
  tur+=("$(echo "$out" | sed -n 's/.*: \([0-9]*\) commands\/s/\1/p')")

  "$emu" exec --media "blank bd-r" -- sh -c "$timed_in_exec" sh sh -c \
    "xorriso -as cdrecord fs=$((mib + 16))m dev=/dev/sr0 $work/image.iso && $emu control - drive0 log >$work/log.txt" \
    >times.txt
  burn_exec+=("$(rate $((mib << 20)) "$(sed -n 's/^ns //p' times.txt)")")
  # The data phase: WRITE(10)s from the first's arrival to the last's answer.
  write_exec+=("$(awk '$3 == "2A" { if (!first) first = $2 + 0; last = $2 + 0; after = $NF; bytes += substr($(NF-1), 5) }
    END { sub("after=", "", after); sub("ns", "", after); printf "%.0f", bytes / (last - first + after / 1e9) }' log.txt)")
  t0=$(now)
  "$discrec" burn "emu:?media=blank bd-r" "$work/image.iso" --progress=plain >discrec.txt 2>&1
  burn_emu+=("$(rate $((mib << 20)) $(($(now) - t0)))")
  write_emu+=("$(writing_rate discrec.txt)")
  "$emu" exec --media "blank bd-r" -- sh -c "$timed_in_exec" sh sh -c \
    "$discrec burn /dev/sg0 $work/image.iso --progress=plain >$work/discrec-exec.txt 2>&1" >/dev/null
  write_discrec_exec+=("$(writing_rate discrec-exec.txt)")

  t=$("$emu" exec --media "rom from $work/image.iso" -- sh -c "$timed_in_exec" sh dd if=/dev/sr0 of=/dev/null bs=1M |
    sed -n 's/^ns //p')
  dd_exec+=("$(rate $((mib << 20)) "$t")")
  t0=$(now)
  dd if=image.iso of=/dev/null bs=1M status=none
  dd_file+=("$(rate $((mib << 20)) $(($(now) - t0)))")
  echo "run $run: TUR ${tur[-1]}/s; burn: exec xorriso ${burn_exec[-1]} B/s (writing ${write_exec[-1]})," \
    "discrec emu: ${burn_emu[-1]} B/s (writing ${write_emu[-1]}, through exec ${write_discrec_exec[-1]});" \
    "read: dd /dev/sr0 ${dd_exec[-1]} B/s, dd file ${dd_file[-1]} B/s"
done

mb() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
t=$(best "${tur[@]}") be=$(best "${burn_exec[@]}") bm=$(best "${burn_emu[@]}") de=$(best "${dd_exec[@]}") df=$(best "${dd_file[@]}")
we=$(best "${write_exec[@]}") wm=$(best "${write_emu[@]}") wd=$(best "${write_discrec_exec[@]}")
echo "SG_IO through exec: $t TEST UNIT READY/s (target 50000)"
echo "burn $mib MiB to a BD-R, whole commands: xorriso under exec $(mb "$be") MB/s, discrec burn emu: $(mb "$bm") MB/s: $(ratio "$be" "$bm")x (target 0.5x)"
echo "  data phases: xorriso's WRITEs under exec $(mb "$we") MB/s: $(ratio "$we" "$wm")x discrec emu: writing $(mb "$wm") MB/s"
echo "  discrec through exec's /dev/sg0: writing $(mb "$wd") MB/s: $(ratio "$wd" "$wm")x the same in its own process"
echo "read $mib MiB: dd of /dev/sr0 under exec $(mb "$de") MB/s, dd of the image $(mb "$df") MB/s: $(ratio "$de" "$df")x (target 0.9x)"
