#!/usr/bin/env bash
# Many drives and iSCSI, measured in one tools/mmc-vm boot (issue 23's figures):
#   attach: `mmc-emu attach --drives N --iscsi` (each drive a tcm_loop LUN and an iSCSI LUN)
#           until all N /dev/srN are bound, the process's resident memory then; open-iscsi's
#           login until the initiator has all N LUNs as /dev/srN too;
#   read:   dd (O_DIRECT) of a DVD image through iSCSI over loopback against the same through
#           tcm_loop, RUNS times each, alternating; the same of LIO's ramdisk (rd_mcp);
#   burns:  xorriso burning PAR drives through iSCSI one after another, then all at once, each
#           burn verified against the image.
#   tests/bench/iscsi_scale.sh [--mmc-emu PATH] [--drives N] [--par N] [--mib N] [--burn-mib N] [--runs N] [--smp N]
# Run as root on the host (it boots mmc-vm itself); figures from a Release build.
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
root=$(readlink -f "$here/../..")
emu=$root/build-release/tools/mmc-emu/mmc-emu drives=64 par=8 mib=100 burn_mib=8 runs=3 smp=1
while [ $# -gt 0 ]; do
  case $1 in
    --mmc-emu) emu=${2:?}; shift 2 ;;
    --drives) drives=${2:?}; shift 2 ;;
    --par) par=${2:?}; shift 2 ;;
    --mib) mib=${2:?}; shift 2 ;;
    --burn-mib) burn_mib=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    --smp) smp=${2:?}; shift 2 ;;
    -h | --help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "iscsi_scale.sh: unknown argument '$1'"; exit 2 ;;
  esac
done
if [ -z "${SPINDLE_VM:-}" ]; then
  [ -x "$emu" ] || { echo "iscsi_scale.sh: no mmc-emu at $emu (build it, or give --mmc-emu)"; exit 2; }
  exec "$root/tools/mmc-vm/mmc-vm" --timeout 1500 --smp "$smp" --memory $((1536 + 5 * mib)) --modules sd_mod -- "$0" \
    --mmc-emu "$(readlink -f "$emu")" --drives "$drives" --par "$par" --mib "$mib" --burn-mib "$burn_mib" --runs "$runs"
fi

# --- in the guest ---------------------------------------------------------------------------
now() { echo "$EPOCHREALTIME"; }
since() { echo "$(now) - $1" | bc; }
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
echo "guest: $(nproc) CPU(s), kernel $(uname -r), $(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) MiB"
portal=127.0.0.1:3260 tgt=iqn.2003-01.org.linux-iscsi.mmc-vm:spindle-bench
ini=iqn.2024-01.org.example.spindle:bench
cp /etc/iscsi/iscsid.conf /tmp/iscsid.conf
mount -t tmpfs -o mode=0755 tmpfs /etc/iscsi && cp /tmp/iscsid.conf /etc/iscsi/
echo "InitiatorName=$ini" >/etc/iscsi/initiatorname.iscsi
iscsid
printf 'initiator %s bench bench-secret-1\n' "$ini" >/tmp/chap && chmod 600 /tmp/chap
node=(-m node -T "$tgt" -p "$portal")
login() {
  iscsiadm -m discovery -t st -p "$portal" >/dev/null
  iscsiadm "${node[@]}" -o update -n node.session.auth.authmethod -v CHAP
  iscsiadm "${node[@]}" -o update -n node.session.auth.username -v bench
  iscsiadm "${node[@]}" -o update -n node.session.auth.password -v bench-secret-1
  iscsiadm "${node[@]}" --login >/dev/null
}
# iscsi_srs N: waits until the session has N drives' LUNs (1..N) with block devices; sets
# isr=(/dev/srX ...) by drive.
iscsi_srs() {
  local n=$1 k d
  for _ in $(seq 3000); do
    isr=()
    for ((k = 0; k < n; k++)); do
      d=$(ls /sys/class/iscsi_session/session*/device/target*/*:0:0:$((k + 1))/block 2>/dev/null | head -1)
      [ -n "$d" ] && [ -b "/dev/$d" ] && isr[k]=/dev/$d
    done
    [ ${#isr[@]} -eq "$n" ] && return 0
    sleep 0.05
  done
  return 1
}
start_attach() { # LINES ARGS...: starts attach, waits for LINES lines of output
  local want=$1
  shift
  rm -f /tmp/attach.out
  "$emu" attach "$@" >/tmp/attach.out 2>/tmp/attach.err &
  attach_pid=$!
  local t=$(now)
  while [ "$(echo "$(now) - $t < 900" | bc)" = 1 ]; do
    [ "$(wc -l </tmp/attach.out 2>/dev/null || echo 0)" -ge "$want" ] && return 0
    kill -0 "$attach_pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "attach did not start: $(tail -5 /tmp/attach.err)"
  return 1
}
stop_attach() { kill -TERM "$attach_pid"; wait "$attach_pid" || fail "attach exit status $?"; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

# 1. N drives: attach until every /dev/srN is bound, memory, the initiator's login and scan.
t0=$(now)
start_attach $((2 * drives + 1)) --drives "$drives" --media "blank dvd+r" --iscsi --chap /tmp/chap --iqn "$tgt" ||
  exit 1
attach_s=$(since "$t0")
rss=$(rss_kib "$attach_pid")
t0=$(now)
login && iscsi_srs "$drives" || fail "the initiator did not get $drives LUNs"
login_s=$(since "$t0")
printf 'attach: %d drives (tcm_loop + iSCSI) ready in %.2f s; resident memory %d KiB (%.1f MiB, %.0f KiB a drive)\n' \
  "$drives" "$attach_s" "$rss" "$(echo "$rss / 1024" | bc -l)" "$(echo "$rss / $drives" | bc -l)"
printf 'login: %d LUNs as /dev/srN on the initiator in %.2f s after the login began\n' "${#isr[@]}" "$login_s"
echo "memory of the attach: $(grep -E '^Vm(HWM|RSS|Size)' /proc/$attach_pid/status | tr -s ' \t' ' ' | tr '\n' ';')"
iscsiadm "${node[@]}" --logout >/dev/null
t0=$(now)
stop_attach
printf 'detach (SIGTERM) of %d drives: %.2f s\n' "$drives" "$(since "$t0")"

# 2. dd of a DVD through iSCSI and through tcm_loop, the same drive, alternating; and the same
#    of LIO's own ramdisk (rd_mcp, in the kernel: no TCMU, no userspace), exported through a
#    tcm_loop target of its own and as LUN 2 of the drive's iSCSI target, which tells what the
#    kernel's iSCSI path costs against tcm_loop in this boot whatever serves the LUN.
mkdir -p /tmp/dvd && head -c $((mib * 1024 * 1024)) /dev/urandom >/tmp/dvd/data.bin
xorriso -as mkisofs -quiet -o /tmp/dvd.iso /tmp/dvd 2>/dev/null && rm -rf /tmp/dvd
start_attach 3 --media "dvd-rom from /tmp/dvd.iso" --iscsi --chap /tmp/chap --iqn "$tgt" || exit 1
local_sr=$(head -1 /tmp/attach.out)
cfg=/sys/kernel/config/target
rd=$cfg/core/rd_mcp_0/spindle-bench-rd loop=$cfg/loopback/naa.5001405bbbbbbbbb/tpgt_1 ilun=$cfg/iscsi/$tgt/tpgt_1/lun/lun_2
mkdir -p "$rd" && echo "rd_pages=$((mib * 256 + 256))" >"$rd/control" && echo 1 >"$rd/enable"
mkdir -p "$loop/lun/lun_0" && echo "${loop%/tpgt_1}" | sed 's,.*/,,' >"$loop/nexus" && ln -s "$rd" "$loop/lun/lun_0/rd"
mkdir "$ilun" && ln -s "$rd" "$ilun/rd" && mkdir "$cfg/iscsi/$tgt/tpgt_1/acls/$ini/lun_2" &&
  ln -s "$ilun" "$cfg/iscsi/$tgt/tpgt_1/acls/$ini/lun_2/lun"
login && iscsi_srs 1 || fail "no iSCSI LUN for the read"
disk_at() { # SYSFS_GLOB: the /dev/sdX there, once it is there
  local d
  for _ in $(seq 300); do
    d=$(ls $1/block 2>/dev/null | head -1)
    [ -n "$d" ] && [ -b "/dev/$d" ] && { echo "/dev/$d"; return; }
    sleep 0.05
  done
  fail "no disk at $1"
}
local_rd=$(disk_at "/sys/class/scsi_device/$(cat "$loop/address"):0/device") # tcm_loop's "host:0:tpgt", LUN 0
iscsi_rd=$(disk_at "/sys/class/iscsi_session/session*/device/target*/*:0:0:2")
read_s() { # DEV: seconds for dd of the whole image
  local t
  t=$(now)
  dd if="$1" of=/dev/null bs=1M count="$mib" iflag=direct status=none || fail "dd $1"
  since "$t"
}
# The disc becomes ready some seconds after the attach (its unit attentions read first).
for dev in "$local_sr" "${isr[0]}"; do
  for _ in $(seq 300); do sg_turs "$dev" >/dev/null 2>&1 && break; sleep 0.1; done
  sg_turs "$dev" >/dev/null 2>&1 || fail "$dev never became ready"
done
mbs() { echo "$mib * 1.048576 * $runs / $1" | bc -l; }
sum_l=0 sum_i=0 sum_lr=0 sum_ir=0
for ((r = 0; r < runs; r++)); do
  if ((r % 2)); then i=$(read_s "${isr[0]}"); l=$(read_s "$local_sr"); else l=$(read_s "$local_sr"); i=$(read_s "${isr[0]}"); fi
  lr=$(read_s "$local_rd") ir=$(read_s "$iscsi_rd")
  echo "read run $r: drive: tcm_loop $l s, iSCSI $i s; ramdisk: tcm_loop $lr s, iSCSI $ir s"
  sum_l=$(echo "$sum_l + $l" | bc) sum_i=$(echo "$sum_i + $i" | bc)
  sum_lr=$(echo "$sum_lr + $lr" | bc) sum_ir=$(echo "$sum_ir + $ir" | bc)
done
printf 'read %d MiB, the drive: tcm_loop %.1f MB/s, iSCSI %.1f MB/s: iSCSI/tcm_loop %.2fx\n' "$mib" \
  "$(mbs "$sum_l")" "$(mbs "$sum_i")" "$(echo "$sum_l / $sum_i" | bc -l)"
printf 'read %d MiB, LIO ramdisk: tcm_loop %.1f MB/s, iSCSI %.1f MB/s: iSCSI/tcm_loop %.2fx\n' "$mib" \
  "$(mbs "$sum_lr")" "$(mbs "$sum_ir")" "$(echo "$sum_lr / $sum_ir" | bc -l)"
printf 'read through iSCSI, the drive against LIO ramdisk: %.2fx\n' "$(echo "$sum_ir / $sum_i" | bc -l)"
iscsiadm "${node[@]}" --logout >/dev/null
rm "$cfg/iscsi/$tgt/tpgt_1/acls/$ini/lun_2/lun" "$ilun/rd" "$loop/lun/lun_0/rd"
rmdir "$cfg/iscsi/$tgt/tpgt_1/acls/$ini/lun_2" "$ilun" "$loop/lun/lun_0" "$loop" "${loop%/tpgt_1}" "$rd"
stop_attach
rm -f /tmp/dvd.iso

# 3. PAR burns through iSCSI: one after another, then all at once; each verified.
head -c $((burn_mib * 1024 * 1024)) /dev/urandom >/tmp/burn.bin
burn_blocks=$((burn_mib * 512))
burn_round() { # WHAT PARALLEL(0|1): fresh drives, burns, verification; prints the seconds
  local what=$1 parallel=$2 k t pids=()
  start_attach 1 --drives "$par" --media "blank dvd+r" --iscsi --no-local --control /tmp/ctl \
    --chap /tmp/chap --iqn "$tgt" || exit 1
  login && iscsi_srs "$par" || fail "$what: no $par iSCSI LUNs"
  for ((k = 0; k < par; k++)); do sg_turs "${isr[k]}" >/dev/null 2>&1 || true; done # the first unit attentions
  t=$(now)
  for ((k = 0; k < par; k++)); do
    if [ "$parallel" = 1 ]; then
      xorriso -as cdrecord dev="${isr[k]}" /tmp/burn.bin >/tmp/burn$k.txt 2>&1 &
      pids+=($!)
    else
      xorriso -as cdrecord dev="${isr[k]}" /tmp/burn.bin >/tmp/burn$k.txt 2>&1 || fail "$what: burn $k: $(tail -2 /tmp/burn$k.txt)"
    fi
  done
  for k in "${!pids[@]}"; do wait "${pids[k]}" || fail "$what: burn $k: $(tail -2 /tmp/burn$k.txt)"; done
  round_s=$(since "$t")
  for ((k = 0; k < par; k++)); do
    cmp -s /tmp/burn.bin <(head -c $((burn_blocks * 2048)) /tmp/ctl/drive$k/disc.img) ||
      fail "$what: drive$k's disc differs from the image"
  done
  iscsiadm "${node[@]}" --logout >/dev/null
  stop_attach
}
burn_round "one after another" 0
serial_s=$round_s
burn_round "all at once" 1
parallel_s=$round_s
printf 'burns: %d x %d MiB DVD+R through iSCSI: one after another %.1f s, all at once %.1f s: %.2fx (all verified unless FAIL above)\n' \
  "$par" "$burn_mib" "$serial_s" "$parallel_s" "$(echo "$parallel_s / $serial_s" | bc -l)"
echo "guest: done, $failures failure(s)"
[ "$failures" -eq 0 ]
