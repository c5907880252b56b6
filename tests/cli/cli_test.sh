#!/bin/sh
# The command line keeps its word: every usage error exits 2 naming the problem and pointing at
# --help, --version and --help exit 0, exec's statuses are its command's (or 125), README's
# exit-code tables are the ones --help prints (tools/*/exit_codes.hpp hold them), and discrec
# says what happened against emulated drives (emu:, in-process, milliseconds each): errors with
# their own exit codes and what was done, progress in order, JSON where JSON was asked for.
# Usage: cli_test.sh MMC_EMU DISCREC README VERSION
mmc_emu=$1 discrec=$2 readme=$3 version=$4
. "$(dirname "$0")/../lib.sh"
out=$work/out

# expect STATUS TEXT COMMAND...: COMMAND exits STATUS and its output contains TEXT.
expect() {
    want=$1 text=$2
    shift 2
    "$@" >"$out" 2>&1 </dev/null
    got=$?
    if [ "$got" != "$want" ]; then
        echo "FAIL ($got, not $want): $*" && sed 's/^/    /' "$out" && failures=$((failures + 1))
    elif [ -n "$text" ] && ! grep -qF -- "$text" "$out"; then
        echo "FAIL (no '$text'): $*" && sed 's/^/    /' "$out" && failures=$((failures + 1))
    else
        echo "ok   $want: $*"
    fi
}
# also PATTERN / lacks TEXT: the output of the last expect matches the extended regex PATTERN /
# does not contain TEXT.
also() {
    grep -qE -- "$1" "$out" && echo "ok     and /$1/" ||
        { echo "FAIL (no /$1/ in the output above)" && sed 's/^/    /' "$out" && failures=$((failures + 1)); }
}
lacks() {
    ! grep -qF -- "$1" "$out" && echo "ok     and no '$1'" ||
        { echo "FAIL ('$1' in the output)" && sed 's/^/    /' "$out" && failures=$((failures + 1)); }
}
# usage TEXT COMMAND...: a usage error, 2, naming TEXT and the --help to read.
usage() {
    text=$1
    shift
    expect 2 "$text" "$@"
    grep -q -- "--help' for more information" "$out" || { echo "FAIL (no --help hint): $*" && failures=$((failures + 1)); }
}

usage "a subcommand is required (one of: list, info" "$discrec"
usage "unknown subcommand 'bogus'" "$discrec" bogus
usage "DEV is required" "$discrec" info
usage "--bogus" "$discrec" info emu: --bogus
usage "Run 'discrec info --help'" "$discrec" info emu: --bogus
usage "bogus not in" "$discrec" burn emu: "$readme" --progress=bogus
usage "bogus not in" "$discrec" demo --progress bogus
usage "PAGE must be a hex page code" "$discrec" mode-page emu: ZZ
usage "bogus not in" "$discrec" mode-page emu: 2A --type bogus
usage "CDB must be hex bytes" "$discrec" send emu: "12 0"
usage "--in excludes --out" "$discrec" send emu: 12 --in 4 --out "$readme"
usage "--speed" "$discrec" burn emu: "$readme" --speed
# Refused by the command itself, after the parse: 2 as well, the problem named.
expect 2 "--speed takes a multiple of 1x" "$discrec" burn emu: "$readme" --speed fast
usage "a subcommand is required (one of: profile" "$mmc_emu"
usage "unknown subcommand 'bogus'" "$mmc_emu" bogus
usage "unknown subcommand 'bogus' (one of: check, show)" "$mmc_emu" profile bogus
usage "FILE is required" "$mmc_emu" profile check
usage "command is required" "$mmc_emu" exec
usage "--bogus" "$mmc_emu" demo --bogus
usage "--drives" "$mmc_emu" exec --drives many -- true
expect 2 "--media" "$mmc_emu" demo --media "blank dvd+q"

usage "PAGE must be a hex page code" "$discrec" mode-page emu: 0x2G
expect 0 "discrec $version" "$discrec" --version
expect 0 "mmc-emu $version" "$mmc_emu" --version
expect 0 "Exit codes:" "$discrec" --help
expect 0 "Usage: discrec info" "$discrec" info --help
expect 0 "Exit codes:" "$mmc_emu" --help
expect 0 "Usage: mmc-emu exec" "$mmc_emu" exec --help
expect 3 "" "$mmc_emu" exec -- sh -c 'exit 3'
expect 130 "" "$mmc_emu" exec -- sh -c 'kill -INT $$'
expect 125 "/no/such/program" "$mmc_emu" exec -- /no/such/program

# `mmc-emu presets` lists the preset parser's own forms and STATE KIND presets: each one listed
# loads that kind (demo reports its profile), and every other state of every recordable kind
# the parser names is refused.
expect 0 "STATE KIND:" "$mmc_emu" presets
listed=$("$mmc_emu" presets | sed -n '/^STATE KIND:$/,$s/^  //p')
kinds=$("$mmc_emu" demo --media "blank nokind" 2>&1 | sed -n 's/.*expected one of //p' | tr -d ',')
[ -n "$listed" ] && [ -n "$kinds" ] || { echo "FAIL: no presets listed, or no kinds named" && failures=$((failures + 1)); }
presets_bad=0
for kind in $kinds; do
    case $kind in *-rom) continue ;; esac
    for state in blank appendable closed formatted; do
        if printf '%s\n' "$listed" | grep -qx "$state $kind"; then
            "$mmc_emu" demo --media "$state $kind" 2>&1 | grep -q "current profile .*($kind)" ||
                { echo "FAIL: listed '$state $kind' does not load" && presets_bad=1; }
        elif "$mmc_emu" demo --media "$state $kind" >/dev/null 2>&1; then
            echo "FAIL: '$state $kind' loads but is not listed" && presets_bad=1
        fi
    done
done
[ "$presets_bad" = 0 ] && echo "ok   mmc-emu presets: $(printf '%s\n' "$listed" | wc -l) STATE KIND presets, each loads, none missing" ||
    failures=$((failures + 1))

# --- discrec against emulated drives -----------------------------------------------------------
# json_valid doc|lines FILE: FILE is one JSON document, or a JSON value on each line.
json_valid() {
    if command -v python3 >/dev/null; then
        python3 -c 'import json, sys
text = open(sys.argv[2]).read()
if sys.argv[1] == "doc": json.loads(text)
else: [json.loads(line) for line in text.splitlines()]' "$1" "$2" 2>/dev/null
    elif command -v jq >/dev/null; then
        if [ "$1" = doc ]; then jq -e . "$2" >/dev/null 2>&1; else
            while IFS= read -r line; do printf '%s' "$line" | jq -e . >/dev/null 2>&1 || return 1; done <"$2"
        fi
    else
        echo "FAIL: python3 or jq is needed to check JSON" && return 1
    fi
}
# expect_json STATUS doc|lines COMMAND...: COMMAND exits STATUS and its stdout (left in $out.json,
# stderr in $out) is valid JSON of that shape.
expect_json() {
    want=$1 shape=$2
    shift 2
    "$@" >"$out.json" 2>"$out" </dev/null
    got=$?
    if [ "$got" != "$want" ]; then
        echo "FAIL ($got, not $want): $*" && sed 's/^/    /' "$out" && failures=$((failures + 1))
    elif ! [ -s "$out.json" ] || ! json_valid "$shape" "$out.json"; then
        echo "FAIL (stdout is not JSON, $shape): $*" && sed 's/^/    /' "$out.json" && failures=$((failures + 1))
    else
        echo "ok   $want, JSON ($shape): $*"
    fi
}

printf 'identity:\n  vendor: [\n' >"$work/bad.yaml"
printf 'identity:\n  vendor: SPINDLE\n  product: X\n  revision: "1.00"\nprofiles: [bd-r]\nbuffer_size_kib: -3\n' \
    >"$work/bad-field.yaml"
printf 'rules:\n  - {command: READ(10), lba: 300, sense: 3/11/00}\n' >"$work/read-error.yaml"
printf 'rules:\n  - {command: READ(10), condition: sideways}\n' >"$work/bad-faults.yaml"
head -c 2000000 /dev/zero >"$work/image.bin"
head -c 5000000 /dev/zero >"$work/big.bin"
# An ISO 9660 primary volume descriptor at LBA 16 (type 1, "CD001", version 1, identifier at 40).
{ head -c 32768 /dev/zero; printf '\001CD001\001'; head -c 33 /dev/zero; printf '%-32s' SPINDLE_TEST
  head -c 1976 /dev/zero; } >"$work/label.iso"

# A file a device names that does not load is exit 8 with file:line:column, not "no such device".
expect 8 "profile error: $work/bad.yaml:3:1: YAML syntax error" "$discrec" info "emu:$work/bad.yaml"
lacks "ERROR_FILE_NOT_FOUND"
expect 8 "$work/bad-field.yaml:6:18: buffer_size_kib: expected" "$discrec" info "emu:$work/bad-field.yaml"
expect 8 "profile error: $work/none.yaml: cannot open" "$discrec" info "emu:$work/none.yaml"
expect 8 "fault scenario error: $work/bad-faults.yaml:2:" "$discrec" info "emu:?faults=$work/bad-faults.yaml"
expect 8 "cannot open image $work/none.iso" "$discrec" info "emu:?media=rom from $work/none.iso"
expect 8 "$work/none.iso: No such file" "$discrec" burn emu: "$work/none.iso"
expect 2 "unknown media kind" "$discrec" info "emu:?media=blank dvd+q"
expect 3 "ERROR_DEV_NOT_EXIST" "$discrec" info /dev/spindle-no-such-drive

# A pipe that outgrows the disc: what was written, and that the track and session were closed.
expect 1 "the stream does not fit the 1000 free sectors" sh -c \
    'cat "$1" | "$0" burn "emu:?media=blank bd-r capacity=1000" - --progress none' "$discrec" "$work/big.bin"
also 'wrote [0-9]+ sectors \([0-9.]+ MiB\) at LBA 0-[0-9]+, synchronized the cache, closed the track, closed the session'

# A read error while verifying: the write succeeded, verification failed, at which LBA.
expect 1 "E_IMAPI_BURN_VERIFICATION_FAILED" "$discrec" burn "emu:?media=blank%20dvd+r&faults=$work/read-error.yaml" \
    "$work/image.bin" --verify --progress none
also 'the write succeeded \(992 sectors at LBA 0-991\); verification failed: LBA 300 could not be read'

# send answers the command sent: a fresh drive's unit attention is cleared first, unless kept.
expect 0 "cleared a pending unit attention (6/29/00)" "$discrec" send emu: "00 00 00 00 00 00"
expect 7 "sense 6/29/00" "$discrec" send emu: "00 00 00 00 00 00" --keep-unit-attention
expect 0 "0020: 31 2E 30 30" "$discrec" send emu: "12 00 00 00 24 00" --in 36

# The demo through a pipe: its header first, then its steps in order; no percentage where
# nothing is measured; a rewritable disc is not called appendable.
expect 0 "" sh -c '"$0" demo --size 1 --progress plain 2>&1 | cat' "$discrec"
order=$(grep -nE '^spindle demo|^image |validating media|writing: 100%|verifying: 100%|^wrote ' "$out" | cut -d: -f1 | tr '\n' ' ')
[ "$(echo "$order" | wc -w)" = 6 ] && [ "$(echo "$order" | tr ' ' '\n' | sed '/^$/d' | sort -n | tr '\n' ' ')" = "$order" ] &&
    head -1 "$out" | grep -q '^spindle demo' && echo "ok     and in order: header, steps, result" ||
    { echo "FAIL: demo output out of order (lines $order)" && sed 's/^/    /' "$out" && failures=$((failures + 1)); }
lacks "completed: 0%"
lacks "finalizing: 0%"
expect 0 "written in place (a rewritable disc: no session to close)" "$discrec" demo --size 1 --media "blank bd-re"
lacks "appendable"
expect_json 0 lines "$discrec" demo --size 1 --progress json
grep -q '^spindle demo' "$out" && echo "ok     and the words on stderr" ||
    { echo "FAIL: the demo's words are not on stderr" && failures=$((failures + 1)); }
grep -q '"event":"result"' "$out.json" && ! grep '"action":"validating media"' "$out.json" | grep -q remaining_seconds &&
    echo "ok     and a result; no time left where none is estimated" ||
    { echo "FAIL: JSON progress" && sed 's/^/    /' "$out.json" && failures=$((failures + 1)); }
expect_json 0 lines "$discrec" burn emu: "$work/image.bin" --progress json

# An empty stream is refused, from a file, /dev/null or a pipe alike.
: >"$work/empty.bin"
for image in "$work/empty.bin" /dev/null -; do
    expect 1 "E_IMAPI_DF2DATA_STREAM_NOT_SUPPORTED" "$discrec" burn emu: "$image" --progress none
    also 'the stream is empty'
done

# The emulated drive's virtual time is reported as such.
expect 0 "erased (full) in 1:00 of emulated drive time" "$discrec" erase "emu:?media=appendable cd-rw" --full
expect_json 0 lines "$discrec" format "emu:?media=blank bd-re" --progress json
grep -q '"clock":"emulated","event":"result"' "$out.json" && echo "ok     and the result names its clock" ||
    { echo "FAIL: no clock in the result" && tail -1 "$out.json" && failures=$((failures + 1)); }

# Options that mean nothing for the burn are warned about.
expect 0 "warning: --dao applies to DVD-R and DVD-RW only; the BD-R" "$discrec" burn "emu:?media=blank bd-r" \
    "$work/image.bin" --dao --progress none
expect 0 "" "$discrec" burn "emu:?media=blank dvd-r" "$work/image.bin" --dao --progress none
lacks "warning"
expect 0 "warning: --verify has nothing to read back after --simulate" "$discrec" burn "emu:?media=blank cd-r" \
    "$work/image.bin" --simulate --verify --progress none

# mode-page takes 0x2A and names the fields; features, mode-page, list and info speak JSON.
expect 0 "CD/DVD Capabilities and Mechanical Status (2Ah), current:" "$discrec" mode-page emu: 0x2A
also 'Loading Mechanism Type +tray \(1\)'
expect 0 "Write Type                           Track At Once (1)" "$discrec" mode-page emu: 05
expect 0 "Read Retry Count" "$discrec" mode-page emu: 01h
expect 0 "0000: 8D" "$discrec" mode-page emu: 0D
expect_json 0 doc "$discrec" mode-page emu: 2A --json
grep -q '"Buffer Size Supported (KiB)": 4096' "$out.json" && echo "ok     and its fields" ||
    { echo "FAIL: mode-page --json fields" && failures=$((failures + 1)); }
expect_json 0 doc "$discrec" features emu: --json
grep -q '"name": "Random Readable"' "$out.json" && echo "ok     and feature names" ||
    { echo "FAIL: features --json names" && failures=$((failures + 1)); }
expect 0 "Random Readable" "$discrec" features emu:
expect_json 0 doc "$discrec" info emu: --json
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
    expect_json 0 doc "$mmc_emu" exec -- "$discrec" list --json
grep -q '"device": "/dev/sr0"' "$out.json" && echo "ok     and the drive exec shows" ||
    { echo "FAIL: list --json under exec" && sed 's/^/    /' "$out.json" && failures=$((failures + 1)); }

# info names profiles, features and the disc's state as burn does, and shows the volume label.
expect 0 "Current profile:   BD-R (0041h)" "$discrec" info emu:
also 'Core \(0001h\), current'
also '^Medium: +BD-R, blank, [0-9]+ sectors free'
expect 0 "Medium:            DVD+R, appendable" "$discrec" info "emu:?media=appendable dvd+r"
expect 0 "Volume label:      SPINDLE_TEST" "$discrec" info "emu:?media=closed dvd+r from $work/label.iso"
also '^Medium: +DVD\+R, finalized'
rm -f "$out.json"

# README's table for TOOL ("`TOOL` ..." opens it, under "## Exit codes"), as "CODE MEANING" lines.
readme_table() {
    awk -v tool="\`$1\`" '
        /^## / { section = ($0 == "## Exit codes") }
        section && index($0, tool) == 1 { inside = 1; next }
        section && inside && /^\| *[0-9]+ *\|/ {
            split($0, cell, "|"); gsub(/^ +| +$/, "", cell[2]); gsub(/^ +| +$/, "", cell[3])
            print cell[2] " " cell[3]; next
        }
        inside && /^$/ && seen { inside = 0 }
        inside && /^\|/ { seen = 1 }' "$readme"
}
help_table() { "$1" --help | sed -n '/^Exit codes:/,$p' | sed -n 's/^ *\([0-9][0-9]*\)  /\1 /p'; }
for tool in discrec mmc-emu; do
    [ "$tool" = discrec ] && binary=$discrec || binary=$mmc_emu
    if [ -z "$(readme_table "$tool")" ] || [ "$(readme_table "$tool")" != "$(help_table "$binary")" ]; then
        echo "FAIL: README's exit codes for $tool differ from its --help:"
        readme_table "$tool" >"$out.readme"
        help_table "$binary" | diff "$out.readme" - | sed 's/^/    /'
        rm -f "$out.readme"
        failures=$((failures + 1))
    else
        echo "ok   README's exit codes for $tool are its --help's"
    fi
done

finish
