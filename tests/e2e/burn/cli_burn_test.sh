#!/bin/sh
# discrec burn/erase/format/info/eject/load against in-process emulated drives: exit codes and output.
discrec=$1
. "$(dirname "$0")/../../lib.sh"
dir=$work

check() { # check NAME EXPECTED-STATUS COMMAND... ; output in $dir/out
  name=$1 want=$2
  shift 2
  "$@" >"$dir/out" 2>&1
  got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: exit $got, expected $want"; sed 's/^/    /' "$dir/out"; failures=$((failures + 1))
  else
    echo "ok   $name"
  fi
}
contains() { # contains NAME TEXT
  if ! grep -q -- "$2" "$dir/out"; then
    echo "FAIL $1: output lacks '$2'"; sed 's/^/    /' "$dir/out"; failures=$((failures + 1))
  fi
}

head -c 3000000 /dev/urandom >"$dir/image.iso"

for media in "blank dvd+r" "blank cd-r" "blank bd-re" "formatted dvd-ram" "blank dvd-rw"; do
  check "burn --verify on $media" 0 "$discrec" burn "emu:?media=$media" "$dir/image.iso" --verify
  contains "burn --verify on $media" "verified: read back"
done

check "burn --close --progress=json" 0 "$discrec" burn "emu:?media=blank dvd+r" "$dir/image.iso" --close --verify --progress=json
contains "json progress" '"event":"progress"'
contains "json result" '"verified":true'

check "burn from stdin" 0 sh -c "cat '$dir/image.iso' | '$discrec' burn 'emu:?media=blank bd-r' - --verify --progress=plain"
contains "burn from stdin" "writing"

check "burn --simulate" 0 "$discrec" burn "emu:?media=blank cd-rw" "$dir/image.iso" --simulate
contains "burn --simulate" "simulated"

check "burn --speed 4" 0 "$discrec" burn "emu:?media=blank dvd-r" "$dir/image.iso" --speed 4
contains "burn --speed 4" "speed:"
# 16x on DVD+R is the drive's 16x: 22160 kB/s, 10820 sectors/s of 2048 bytes (not its 12x, 8115).
check "burn --speed 16x on dvd+r" 0 "$discrec" burn "emu:?media=blank dvd+r" "$dir/image.iso" --speed 16x
contains "burn --speed 16x on dvd+r" "speed:  10820 sectors/s"
# 16x on CD-R: 16 x 75 sectors of 2352 bytes, the drive's 2822 kB/s.
check "burn --speed 16x on cd-r" 0 "$discrec" burn "emu:?media=blank cd-r" "$dir/image.iso" --speed 16x
contains "burn --speed 16x on cd-r" "speed:  1199 sectors/s"

check "too large" 1 "$discrec" burn "emu:?media=blank dvd+r capacity=1000" "$dir/image.iso"
contains "too large" "E_IMAPI_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA"

check "appendable without --append" 1 "$discrec" burn "emu:?media=appendable dvd+r" "$dir/image.iso"
contains "appendable without --append" "--append"
check "appendable with --append" 0 "$discrec" burn "emu:?media=appendable dvd+r" "$dir/image.iso" --append --verify

check "no medium" 4 "$discrec" burn "emu:?media=none" "$dir/image.iso"
contains "no medium" "E_IMAPI_RECORDER_MEDIA_NO_MEDIA"
check "missing image" 8 "$discrec" burn "emu:" "$dir/missing.iso"
contains "missing image" "missing.iso: No such file or directory"
check "bad speed" 2 "$discrec" burn "emu:" "$dir/image.iso" --speed fast

check "erase cd-rw" 0 "$discrec" erase "emu:?media=closed cd-rw" --progress=plain
contains "erase cd-rw" "erased (quick)"
check "erase --full dvd-rw" 0 "$discrec" erase "emu:?media=closed dvd-rw" --full
check "erase dvd+r" 1 "$discrec" erase "emu:?media=blank dvd+r"
contains "erase dvd+r" "E_IMAPI_ERASE_MEDIA_IS_NOT_ERASABLE"
check "format bd-re" 0 "$discrec" format "emu:?media=blank bd-re"
contains "format bd-re" "formatted"
check "format dvd+rw json" 0 "$discrec" format "emu:?media=blank dvd+rw" --progress=json
contains "format dvd+rw json" '"event":"result"'

# Ctrl-C while the burn waits for more of its stream: cancelled, the disc left consistent.
check "SIGINT cancels" 1 sh -c "(head -c 3000000 '$dir/image.iso'; sleep 3) | '$discrec' burn 'emu:?media=blank dvd+r' - --progress=none & pid=\$!; sleep 1; kill -INT \$pid; wait \$pid"
contains "SIGINT cancels" "E_IMAPI_REQUEST_CANCELLED"

# info lists every track: an appendable disc's open one, an audio CD's tracks.
check "info appendable cd-r" 0 "$discrec" info "emu:?media=appendable cd-r"
contains "info appendable cd-r" "Track 1: .*session 1, start 0, size 16384, data, mode 1h"
contains "info appendable cd-r" "Track 2: .*session 2, start 27784, .* blank, next writable 27784"
head -c $((2352 * 300)) /dev/urandom >"$dir/one.cdda"
head -c $((2352 * 310)) /dev/urandom >"$dir/two.cdda"
check "info cd-da" 0 "$discrec" info "emu:?media=cd-da from $dir/one.cdda $dir/two.cdda"
contains "info cd-da" "Track 2: .*session 1, start 300, size 310, audio"

check "eject" 0 "$discrec" eject "emu:"
check "load" 0 "$discrec" load "emu:"

check "demo" 0 "$discrec" demo --size 8 --progress=plain
contains "demo" "verified read back"

finish
