#!/bin/sh
# The command line keeps its word: every usage error exits 2 naming the problem and pointing at
# --help, --version and --help exit 0, exec's statuses are its command's (or 125), and README's
# exit-code tables are the ones --help prints (tools/*/exit_codes.hpp hold them).
# Usage: cli_test.sh MMC_EMU DISCREC README VERSION
set -u
mmc_emu=$1 discrec=$2 readme=$3 version=$4
failures=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

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

expect 0 "discrec $version" "$discrec" --version
expect 0 "mmc-emu $version" "$mmc_emu" --version
expect 0 "Exit codes:" "$discrec" --help
expect 0 "Usage: discrec info" "$discrec" info --help
expect 0 "Exit codes:" "$mmc_emu" --help
expect 0 "Usage: mmc-emu exec" "$mmc_emu" exec --help
expect 3 "" "$mmc_emu" exec -- sh -c 'exit 3'
expect 130 "" "$mmc_emu" exec -- sh -c 'kill -INT $$'
expect 125 "/no/such/program" "$mmc_emu" exec -- /no/such/program

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

[ "$failures" = 0 ] || { echo "$failures failed"; exit 1; }
