# Sourced by guest.sh: tcmu-runner and its fbo handler (file-backed optical, a DVD-RAM drive)
# behind LIO TCMU + tcm_loop, set up by hand as `mmc-emu attach` does for ours.
#   fbo_start            starts dbus-daemon and tcmu-runner ($runner_pid)
#   fbo_attach FILE      a backstore fbo/FILE behind a tcm_loop LUN; sets $fsr and $fsg
#   fbo_detach           removes them again
#   fbo_stop
cfg=/sys/kernel/config/target
fbo_wwn=naa.5001405f0b0c0de1
runner_pid=

# tcmu-runner looks target_core_user up through kmod, which needs /lib/modules/$(uname -r); the
# shared root is the host's, whose kernel is another. So it runs chrooted in a tmpfs root whose
# directories are the host's (bound), except /lib: links to /usr/lib's entries plus the guest
# kernel's modules, which mmc-vm unpacked in its cache.
fbo_root=/mnt # the shared root is read-only: a tmpfs over an empty directory of it
fbo_make_root() {
  local modules e n
  modules=$(ls -d "${SPINDLE_CACHE:-/var/cache/spindle}"/kernel/*/root/lib/modules/"$(uname -r)" 2>/dev/null | head -n1)
  [ -n "$modules" ] || { echo "no modules of $(uname -r) under mmc-vm's cache"; return 1; }
  mount -t tmpfs tcmu-root $fbo_root && mkdir -p $fbo_root/lib/modules || return 1
  for e in /*; do
    n=${e#/}
    case $n in lib | mnt | lost+found) continue ;; esac
    if [ -L "$e" ]; then
      ln -s "$(readlink "$e")" "$fbo_root/$n"
    elif [ -d "$e" ]; then
      mkdir -p "$fbo_root/$n" && mount --rbind "$e" "$fbo_root/$n" || return 1
    fi
  done
  for e in /usr/lib/*; do ln -s "$e" "$fbo_root/lib/${e##*/}"; done
  ln -s "$modules" "$fbo_root/lib/modules/$(uname -r)"
}

fbo_start() {
  fbo_make_root || return 1
  # tcmu-runner registers on the system bus (org.kernel.TCMUService1) and exits without one.
  mkdir -p /run/dbus
  dbus-daemon --system --fork >/tmp/dbus.txt 2>&1 || { echo "dbus-daemon: $(cat /tmp/dbus.txt)"; return 1; }
  chroot $fbo_root tcmu-runner --tcmu-log-dir /var/log >/tmp/tcmu-runner.txt 2>&1 &
  runner_pid=$!
  # A device enabled before it listens is found by its scan at start, and the kernel's LUN scan
  # waits for the handler: no need to know when it is ready, only that it did not exit.
  sleep 1
  kill -0 $runner_pid 2>/dev/null || { echo "tcmu-runner exited: $(tail -5 /var/log/tcmu-runner.log /tmp/tcmu-runner.txt)"; return 1; }
}

fbo_stop() {
  [ -n "$runner_pid" ] && kill -TERM $runner_pid && wait $runner_pid 2>/dev/null
  runner_pid=
}

fbo_attach() {
  local file=$1 b i
  mkdir -p $cfg/core/user_90/fbo0 || return 1
  echo -n "dev_config=fbo/$file" >$cfg/core/user_90/fbo0/control || return 1
  echo -n "dev_size=$(stat -c %s "$file")" >$cfg/core/user_90/fbo0/control || return 1
  echo -n 1 >$cfg/core/user_90/fbo0/enable || return 1
  mkdir -p $cfg/loopback/$fbo_wwn/tpgt_1/lun/lun_0
  echo -n $fbo_wwn >$cfg/loopback/$fbo_wwn/tpgt_1/nexus
  ln -s $cfg/core/user_90/fbo0 $cfg/loopback/$fbo_wwn/tpgt_1/lun/lun_0/fbo0
  fsr= fsg=
  for i in $(seq 100); do # fbo answers INQUIRY as "LIO-ORG VOPTA"
    for b in /sys/block/sr*; do
      [ "$(sed 's/ *$//' "$b/device/model" 2>/dev/null)" = VOPTA ] || continue
      fsr=/dev/${b##*/}
      fsg=/dev/$(ls "$b/device/scsi_generic")
    done
    [ -n "$fsr" ] && break
    sleep 0.1
  done
  [ -n "$fsr" ] || { echo "fbo: no /dev/srN of model VOPTA: $(dmesg | tail -3)"; return 1; }
  for i in $(seq 100); do sg_turs "$fsg" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "fbo: $fsg not ready"
  return 1
}

fbo_detach() {
  rm -f $cfg/loopback/$fbo_wwn/tpgt_1/lun/lun_0/fbo0
  rmdir $cfg/loopback/$fbo_wwn/tpgt_1/lun/lun_0 $cfg/loopback/$fbo_wwn/tpgt_1 $cfg/loopback/$fbo_wwn
  rmdir $cfg/core/user_90/fbo0 $cfg/core/user_90
  fsr= fsg=
}
