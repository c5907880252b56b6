#!/bin/sh
# The pictures the tools draw hold what the text says: `mmc-emu exec --trace` writes a Chrome
# trace with one WRITE(10) per write in the drive's command log, in time order, and `run --trace`
# completes it on SIGTERM with the tray change in it; `discrec info --map` draws every track
# where `discrec info --json` puts it, at the scale the SVG states.
# Usage: pictures_test.sh MMC_EMU DISCREC
mmc_emu=$1 discrec=$2
. "$(dirname "$0")/../lib.sh"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
command -v python3 >/dev/null || { echo "SKIP: python3 is needed to read the JSON and SVG"; exit 0; }
check() { # NAME COMMAND...: COMMAND succeeds (its output shown when it does not)
    name=$1
    shift
    if "$@" >"$work/out" 2>&1; then echo "ok   $name"; else
        echo "FAIL: $name" && sed 's/^/    /' "$work/out" && failures=$((failures + 1))
    fi
}
head -c 2000000 /dev/urandom >"$work/image.bin"

# --- exec --trace: a burn, and the log the drive kept of it -----------------------------------
check "exec --trace during a burn" "$mmc_emu" exec --media "blank dvd+r" --trace "$work/exec.json" -- \
    sh -c '"$1" burn /dev/sr0 "$2" --progress none && "$3" control - drive0 log >"$4"' \
    sh "$discrec" "$work/image.bin" "$mmc_emu" "$work/log.txt"
check "the trace has the log's WRITE(10)s, timed and in order" python3 - "$work/exec.json" "$work/log.txt" <<'PY'
import json, re, sys
trace = json.load(open(sys.argv[1]))
log = open(sys.argv[2]).read().splitlines()
commands = [l for l in log if l.startswith("#")]
assert commands and commands[0].startswith("#1 "), "the log lost its first commands"
logged_writes = sum(1 for l in commands if re.match(r"#\d+ \S+s 2A ", l))
events = trace["traceEvents"]
assert trace["displayTimeUnit"] == "ms"
complete = [e for e in events if e["ph"] == "X"]
writes = [e for e in complete if e["name"] == "WRITE(10)"]
assert logged_writes > 0 and len(writes) == logged_writes, (len(writes), logged_writes)
assert len(complete) == len(commands), (len(complete), len(commands))
for e in writes:
    assert isinstance(e["ts"], (int, float)) and isinstance(e["dur"], (int, float)) and e["dur"] >= 0, e
    assert e["args"]["cdb"].startswith("2A ") and e["args"]["data_out"] > 0 and e["args"]["status"] == "GOOD", e
last = {}
for e in events:
    if "ts" in e:
        assert e["ts"] >= last.get(e["tid"], 0), ("time goes back", e)
        last[e["tid"]] = e["ts"]
names = {e["args"]["name"] for e in events if e["ph"] == "M"}
assert {"mmc-emu", "drive0"} <= names, names
assert any(e["ph"] == "C" and "buffer" in e["name"] for e in events), "no buffer counter"
print(len(writes), "writes,", len(complete), "commands")
PY
sed 's/^/    /' "$work/out"

# --- run --trace: stopped by SIGTERM, a control event in it ------------------------------------
"$mmc_emu" run --control-socket "$work/ctl" --media "blank cd-r" --trace "$work/run.json" >"$work/run.out" 2>&1 &
pid=$!
i=0
while [ ! -S "$work/ctl" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
check "a tray change through the control socket" "$mmc_emu" control "$work/ctl" drive0 tray open
kill -TERM $pid
wait $pid
status=$?
check "run --trace ends its trace on SIGTERM (exit $status)" python3 - "$work/run.json" "$status" <<'PY'
import json, sys
assert sys.argv[2] == "0", "run exited " + sys.argv[2]
events = json.load(open(sys.argv[1]))["traceEvents"]
instants = [e for e in events if e["ph"] == "i"]
assert any("tray" in e["name"] for e in instants), instants
PY

# --- info --map: two sessions to scale -----------------------------------------------------------
disc=$work/disc
check "a first session" "$discrec" burn "emu:?media=blank dvd+r capacity=20000 image=$disc" "$work/image.bin" --progress none
check "a second session" "$discrec" burn "emu:?media=saved $disc" "$work/image.bin" --append --progress none
"$discrec" info "emu:?media=saved $disc" --json >"$work/info.json" 2>"$work/out" ||
    { echo "FAIL: info --json" && failures=$((failures + 1)); }
check "info --map" "$discrec" info "emu:?media=saved $disc" --map "$work/map.svg"
check "the map draws each track where info --json puts it" python3 - "$work/info.json" "$work/map.svg" <<'PY'
import json, sys, xml.etree.ElementTree as ET
info = json.load(open(sys.argv[1]))
root = ET.parse(sys.argv[2]).getroot()
ns = "{http://www.w3.org/2000/svg}"
origin, scale = float(root.get("data-origin")), float(root.get("data-scale"))
tracks = [t for t in info["tracks"] if "error" not in t]
boxes = {int(r.get("data-track")): r for r in root.iter(ns + "rect") if r.get("class") == "track"}
assert len(boxes) == len(tracks), (len(boxes), len(tracks))
assert len({t["session"] for t in tracks if not t["blank"]}) == 2, "not two written sessions"
close = lambda a, b: abs(a - b) < 1e-3
for t in tracks:
    r = boxes[t["number"]]
    assert int(r.get("data-start")) == t["start_lba"] and int(r.get("data-size")) == t["track_size"], t
    assert close(float(r.get("x")), origin + t["start_lba"] * scale), (r.attrib, t)
    assert close(float(r.get("width")), t["track_size"] * scale), (r.attrib, t)
    if t["next_writable_address_valid"]:
        nwa = [l for l in root.iter(ns + "line") if l.get("class") == "nwa"]
        assert any(close(float(l.get("x1")), origin + t["next_writable_address"] * scale) for l in nwa), nwa
assert any(r.get("class") == "legend" for r in root.iter(ns + "rect")), "no legend"
print(len(tracks), "tracks")
PY
sed 's/^/    /' "$work/out"

finish
