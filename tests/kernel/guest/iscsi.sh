#!/usr/bin/env bash
# Runs inside tools/mmc-vm. Drives served over iSCSI (LIO's iscsi_target_mod, `mmc-emu attach
# --iscsi`) to open-iscsi's initiator over loopback, in one boot: discovery with CHAP (refused
# without), logins refused for a wrong secret and for an IQN the CHAP file does not list, then
# a login with mutual CHAP; each of ten drives appears as /dev/srN on the initiator's side
# (more than the eight LUNs Linux would look for without REPORT LUNS); xorriso
# burns a DVD+R through iSCSI, read back byte-identical; a fault rule written to the control
# filesystem is what the burner gets; a logout in the middle of a burn leaves the disc as a
# drive would (what was acknowledged recorded, the track open), seen again after a new login;
# SIGTERM leaves no configfs entry behind.
#   iscsi.sh MMC_EMU
set -uo pipefail
emu=$1
here=$(dirname "$(readlink -f "$0")")
source "$here/lib.sh"
start_guest

cfg=/sys/kernel/config/target
portal=127.0.0.1:3260
tgt=iqn.2003-01.org.linux-iscsi.mmc-vm:spindle-test
ini=iqn.2024-01.org.example.spindle:initiator
stranger=iqn.2024-01.org.example.spindle:stranger

# open-iscsi writes its node database under /etc/iscsi (read-only here) and needs iscsid.
cp /etc/iscsi/iscsid.conf /tmp/iscsid.conf
mount -t tmpfs -o mode=0755 tmpfs /etc/iscsi
cp /tmp/iscsid.conf /etc/iscsi/
echo "InitiatorName=$ini" >/etc/iscsi/initiatorname.iscsi
iscsid || { fail "iscsid did not start"; finish_guest; exit; }
for _ in $(seq 50); do [ -s /run/iscsid.pid ] && break; sleep 0.1; done

# The credentials: ours (mutual CHAP) and discovery's; the file must be its owner's alone.
printf '%s\n' "# spindle test credentials" \
  "initiator $ini alice alice-secret-1 spindle target-secret-1" \
  "discovery finder finder-secret-1" >/tmp/chap
chmod 644 /tmp/chap
"$emu" attach --iscsi --chap /tmp/chap --media "blank dvd+r" 2>/tmp/refused.txt >/dev/null &&
  fail "attach took a CHAP file others may read" ||
  { grep -q 'lets others read' /tmp/refused.txt && pass "a CHAP file of mode 0644 refused: $(cat /tmp/refused.txt)" ||
    fail "CHAP file 0644: $(cat /tmp/refused.txt)"; }
"$emu" attach --iscsi --no-auth --portal 0.0.0.0:3260 --media "blank dvd+r" 2>/tmp/refused.txt >/dev/null &&
  fail "attach served --no-auth on 0.0.0.0" ||
  { grep -q 'only a loopback portal' /tmp/refused.txt && pass "--no-auth on 0.0.0.0 refused" ||
    fail "--no-auth on 0.0.0.0: $(cat /tmp/refused.txt)"; }
chmod 600 /tmp/chap

# Ten drives, each a local LUN (/dev/srN) and an iSCSI LUN: 0 burns, 1 gets a fault, 2 is cut
# off mid-burn; all ten must reach the initiator.
ndrives=10
lines=$((2 * ndrives + 1))
t0=$(uptime_s)
attach --drives $ndrives --media "blank dvd+r" --control /tmp/ctl --iscsi --chap /tmp/chap --iqn "$tgt" --portal "$portal"
expect_eq "attach's iSCSI line" "iscsi $portal $tgt" "${devs[2 * ndrives]}"
pass "$ndrives drives attached with iSCSI in $(echo "$(uptime_s) - $t0" | bc) s"
# Listening sockets on port 3260 (0CBCh), as the kernel lists them: 127.0.0.1 only.
expect_eq "sockets listening on port 3260" "0100007F:0CBC" "$(awk '$4 == "0A" && $2 ~ /:0CBC$/ {print $2}' /proc/net/tcp /proc/net/tcp6)"

# Discovery: refused without CHAP, answered with it.
iscsiadm -m discovery -t st -p "$portal" >/tmp/disc.txt 2>&1 && fail "discovery without CHAP: $(cat /tmp/disc.txt)" ||
  pass "discovery without CHAP refused ($(tail -1 /tmp/disc.txt))"
dn=(-m discoverydb -t st -p "$portal")
iscsiadm "${dn[@]}" -o new >/dev/null
iscsiadm "${dn[@]}" -o update -n discovery.sendtargets.auth.authmethod -v CHAP
iscsiadm "${dn[@]}" -o update -n discovery.sendtargets.auth.username -v finder
iscsiadm "${dn[@]}" -o update -n discovery.sendtargets.auth.password -v finder-secret-1
if iscsiadm "${dn[@]}" --discover >/tmp/disc.txt 2>&1; then
  expect_eq "discovery with CHAP" "$portal,1 $tgt" "$(cat /tmp/disc.txt)"
else
  fail "discovery with CHAP: $(cat /tmp/disc.txt)"
fi

# Logins: a wrong secret and an unlisted IQN refused (24: authorization failure), then ours.
node=(-m node -T "$tgt" -p "$portal")
set_auth() { # USER SECRET [TARGET_USER TARGET_SECRET]
  iscsiadm "${node[@]}" -o update -n node.session.auth.authmethod -v CHAP
  iscsiadm "${node[@]}" -o update -n node.session.auth.username -v "$1"
  iscsiadm "${node[@]}" -o update -n node.session.auth.password -v "$2"
  iscsiadm "${node[@]}" -o update -n node.session.auth.username_in -v "${3:-}"
  iscsiadm "${node[@]}" -o update -n node.session.auth.password_in -v "${4:-}"
}
refused() { # WHAT EXPECTED_STATUS ARGS...
  local what=$1 want=$2 st=0
  shift 2
  iscsiadm "${node[@]}" "$@" --login >/tmp/login.txt 2>&1 || st=$?
  if [ "$st" = "$want" ]; then pass "$what refused (iscsiadm $st: $(grep -o 'iscsiadm: Could not login.*' /tmp/login.txt | head -1))"
  else fail "$what: iscsiadm status $st, expected $want: $(cat /tmp/login.txt)"; iscsiadm "${node[@]}" --logout >/dev/null 2>&1; fi
}
set_auth alice wrong-secret-99 spindle target-secret-1
refused "a wrong secret" 24
set_auth alice alice-secret-1 spindle wrong-secret-99
refused "the target's wrong mutual secret" 19
set_auth alice alice-secret-1 spindle target-secret-1
iscsiadm -m iface -I stranger -o new >/dev/null
iscsiadm -m iface -I stranger -o update -n iface.initiatorname -v "$stranger" >/dev/null
iscsiadm -m node -T "$tgt" -p "$portal" -I stranger -o new >/dev/null 2>&1
for k in authmethod:CHAP username:alice password:alice-secret-1; do
  iscsiadm -m node -T "$tgt" -p "$portal" -I stranger -o update -n "node.session.auth.${k%%:*}" -v "${k#*:}"
done
st=0
iscsiadm -m node -T "$tgt" -p "$portal" -I stranger --login >/tmp/login.txt 2>&1 || st=$?
[ "$st" = 24 ] && pass "an IQN the CHAP file does not list refused (iscsiadm 24)" ||
  fail "unlisted IQN: iscsiadm status $st: $(cat /tmp/login.txt)"
iscsiadm -m node -T "$tgt" -p "$portal" -I stranger -o delete >/dev/null 2>&1

# iscsi_devs: the initiator's srN and sgN of drive k, LUN k+1 ($isr[k], $isg[k]), once the scan
# made them all.
iscsi_devs() {
  local i k d last=$((ndrives - 1))
  isr=() isg=()
  for i in $(seq 150); do
    for ((k = 0; k < ndrives; k++)); do
      d=$(ls -d /sys/class/iscsi_session/session*/device/target*/*:0:0:$((k + 1)) 2>/dev/null | head -1)
      [ -n "$d" ] || continue
      isr[k]=/dev/$(ls "$d/block" 2>/dev/null | head -1)
      isg[k]=/dev/$(ls "$d/scsi_generic" 2>/dev/null | head -1)
    done
    [ ${#isr[@]} = "$ndrives" ] && [ -b "${isr[last]}" ] && [ -c "${isg[last]}" ] && return 0
    sleep 0.1
  done
  return 1
}
t0=$(uptime_s)
if iscsiadm "${node[@]}" --login >/tmp/login.txt 2>&1 && iscsi_devs; then
  pass "login with mutual CHAP; LUNs 1-$ndrives are ${isr[*]} after $(echo "$(uptime_s) - $t0" | bc) s"
else
  fail "login: $(cat /tmp/login.txt); $(iscsiadm -m session -P 3 2>&1 | tail -5)"
  finish_guest
  exit
fi
readlink -f "/sys/class/block/${isr[0]#/dev/}" | grep -q '/session[0-9]*/' && pass "${isr[0]} hangs off an iSCSI session" ||
  fail "${isr[0]} is $(readlink -f "/sys/class/block/${isr[0]#/dev/}")"
sg_inq "${isg[0]}" >/tmp/inq.txt 2>&1 && grep -q 'PDT=5' /tmp/inq.txt && pass "sg_inq ${isg[0]}: a type-5 (MMC) device" ||
  fail "sg_inq ${isg[0]}: $(head -5 /tmp/inq.txt)"
ls -d /sys/class/iscsi_session/session*/device/target*/*:0:0:0 >/dev/null 2>&1 &&
  fail "the initiator made a device of LUN 0, LIO's placeholder" || pass "no device for LUN 0, LIO's placeholder"

# xorriso burns a DVD+R through iSCSI; read back through iSCSI byte-identical.
make_tree /tmp/tree 5
xorriso -as mkisofs -quiet -R -J -V SPINDLE_ISCSI -o /tmp/image.iso /tmp/tree 2>/dev/null
image_blocks=$(($(stat -c %s /tmp/image.iso) / 2048))
wait_ready "(drive 0 through iSCSI)" "${isg[0]}"
t0=$(uptime_s)
if xorriso -as cdrecord -v dev="${isr[0]}" /tmp/image.iso >"$out/xorriso-iscsi.txt" 2>&1; then
  pass "xorriso burned DVD+R through iSCSI ($image_blocks blocks) in $(echo "$(uptime_s) - $t0" | bc) s"
else
  fail "xorriso through iSCSI: $(grep -iE 'fatal|error|fail' "$out/xorriso-iscsi.txt" | head -3)"
fi
eject "${isr[0]}" 2>/dev/null; eject -t "${isr[0]}" 2>/dev/null
wait_ready "(drive 0 through iSCSI, reloaded)" "${isg[0]}"
dd if="${isr[0]}" of=/tmp/back.bin bs=2048 count="$image_blocks" iflag=direct status=none 2>/tmp/dd.txt ||
  fail "dd from ${isr[0]}: $(cat /tmp/dd.txt)"
cmp -s /tmp/image.iso /tmp/back.bin && pass "read back byte-identical through ${isr[0]} (iSCSI)" ||
  fail "read back through iSCSI differs: $(cmp /tmp/image.iso /tmp/back.bin 2>&1 | head -1)"
cmp -s /tmp/image.iso <(head -c $((image_blocks * 2048)) /tmp/ctl/drive0/disc.img) &&
  pass "the control filesystem's disc.img holds the same" || fail "drive0's disc.img differs"

# A fault rule through the control filesystem reaches the burner through iSCSI.
echo '{command: WRITE(10), nth: 5, sense: 3/0C/00}' >/tmp/ctl/drive1/faults || fail "rule refused: $(cat /tmp/ctl/drive1/last_error)"
wait_ready "(drive 1 through iSCSI)" "${isg[1]}"
if xorriso -as cdrecord -v dev="${isr[1]}" /tmp/image.iso >"$out/xorriso-fault.txt" 2>&1; then
  fail "xorriso burned through a WRITE error rule"
else
  grep -qiE '\[3 0C 00\]|write error' "$out/xorriso-fault.txt" &&
    pass "xorriso through iSCSI got the rule's 3/0C/00: $(grep -iE '\[3 0C 00\]|write error' "$out/xorriso-fault.txt" | head -1)" ||
    fail "xorriso's failure does not show 3/0C/00: $(grep -iE 'fatal|error|fail' "$out/xorriso-fault.txt" | head -3)"
fi
grep -q ' -> CHECK CONDITION .*rules=' /tmp/ctl/drive1/log && pass "drive1's log: $(grep -m1 ' -> CHECK CONDITION .*rules=' /tmp/ctl/drive1/log)" ||
  fail "drive1's log shows no rule answering"

# A logout in the middle of a burn: what the drive acknowledged is recorded, the track stays
# open, and a new login sees the same disc.
head -c $((24 * 1024 * 1024)) /dev/urandom >/tmp/big.bin
wait_ready "(drive 2 through iSCSI)" "${isg[2]}"
xorriso -as cdrecord -v dev="${isr[2]}" speed=1 /tmp/big.bin >"$out/xorriso-cut.txt" 2>&1 &
burn_pid=$!
for _ in $(seq 300); do
  [ "$(grep -c '^#[0-9]* [0-9.]*s 2A .* -> GOOD' /tmp/ctl/drive2/log)" -ge 20 ] && break
  sleep 0.1
done
iscsiadm "${node[@]}" --logout >/tmp/logout.txt 2>&1 && pass "logout in the middle of the burn" ||
  fail "logout: $(cat /tmp/logout.txt)"
wait "$burn_pid" && fail "xorriso finished a burn whose session was logged out" ||
  pass "xorriso failed when the session went: $(grep -iE 'fatal|error' "$out/xorriso-cut.txt" | head -1)"
sleep 1 # the drive's buffer drains on its clock
acked=$(grep '^#[0-9]* [0-9.]*s 2A .* -> GOOD' /tmp/ctl/drive2/log | sed 's/.* out=\([0-9]*\).*/\1/' | awk '{s += $1} END {print s / 2048}')
recorded=$(sed -n 's/^recorded: //p' /tmp/ctl/drive2/medium)
status=$(sed -n 's/^status: //p' /tmp/ctl/drive2/medium)
expect_eq "the disc after the logout" appendable "$status"
[ "$recorded" -ge "$acked" ] && [ "$acked" -gt 0 ] && [ "$recorded" -lt $((24 * 512)) ] &&
  pass "recorded $recorded blocks, of which $acked acknowledged by WRITE(10)" ||
  fail "recorded $recorded blocks, acknowledged $acked"
cmp -s <(head -c $((recorded * 2048)) /tmp/big.bin) <(head -c $((recorded * 2048)) /tmp/ctl/drive2/disc.img) &&
  pass "the $recorded recorded blocks are the data sent" || fail "the recorded blocks differ from the data sent"
if iscsiadm "${node[@]}" --login >/tmp/login.txt 2>&1 && iscsi_devs; then
  pass "login again: ${isr[*]}"
  wait_ready "(drive 2 after the new login)" "${isg[2]}"
  sg_raw -r 48 "${isg[2]}" 51 00 00 00 00 00 00 00 30 00 >/tmp/rdi.txt 2>&1 # READ DISC INFORMATION
  di=$(sed -n '/^ 00/p' /tmp/rdi.txt | head -1 | awk '{print $4}') # byte 2: status bits
  expect_eq "READ DISC INFORMATION through iSCSI: disc status (byte 2 & 3)" 1 $((0x${di:-0} & 3))
  dd if="${isr[2]}" of=/tmp/cut.bin bs=2048 count=16 iflag=direct status=none 2>/tmp/dd.txt &&
    cmp -s /tmp/cut.bin <(head -c 32768 /tmp/big.bin) && pass "the first blocks read back through iSCSI after the new login" ||
    fail "reading the cut disc through iSCSI: $(cat /tmp/dd.txt)"
  iscsiadm "${node[@]}" --logout >/dev/null 2>&1
else
  fail "login again: $(cat /tmp/login.txt)"
fi

# SIGTERM: nothing of ours left in configfs, the discovery credentials as they were.
detach
left=$(ls -d $cfg/iscsi/iqn.* $cfg/core/user_*/spindle-* $cfg/loopback/naa.* 2>/dev/null || true)
expect_eq "configfs entries left after SIGTERM" "" "$left"
# (target/iscsi itself goes when attach made it and nothing else uses it.)
[ ! -d $cfg/iscsi ] || expect_eq "discovery CHAP enforcement after SIGTERM" 0 "$(cat $cfg/iscsi/discovery_auth/enforce_discovery_auth)"

# --no-auth on loopback: any initiator logs in without CHAP. Then a crash (SIGKILL) leaves the
# target behind, and `mmc-emu detach` removes it.
lines=1
attach --media "blank dvd+r" --iscsi --no-auth --no-local --name spindle-open
[[ ${devs[0]} == "iscsi $portal iqn.2003-01.org.linux-iscsi."*":spindle-open" ]] &&
  pass "attach --no-local prints only its iSCSI line: ${devs[0]}" || fail "attach --no-local printed '${devs[*]}'"
open_tgt=${devs[0]##* }
iscsiadm -m discovery -t st -p "$portal" >/dev/null 2>&1 # discovery is open again
on=(-m node -T "$open_tgt" -p "$portal")
if iscsiadm "${on[@]}" --login >/tmp/login.txt 2>&1; then
  pass "--no-auth: login without CHAP"
  iscsiadm "${on[@]}" --logout >/dev/null 2>&1
else
  fail "--no-auth login: $(cat /tmp/login.txt)"
fi
kill -KILL "$attach_pid"
wait "$attach_pid" 2>/dev/null || true
[ -d "$cfg/iscsi/$open_tgt" ] && pass "SIGKILL left $open_tgt in configfs" || fail "no target after SIGKILL"
"$emu" detach >/tmp/detach.txt 2>&1 || fail "detach: $(cat /tmp/detach.txt)"
left=$(ls -d $cfg/iscsi/iqn.* $cfg/core/user_*/spindle-* $cfg/loopback/naa.* 2>/dev/null || true)
expect_eq "configfs entries left after mmc-emu detach" "" "$left"

finish_guest
