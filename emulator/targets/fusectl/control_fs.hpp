#pragma once
// The FUSE control filesystem (`mmc-emu run|attach --control DIR`): a directory per drive with
//   profile.yaml  the effective profile                     (read)
//   tray          open / closed / locked                    (read; write open, close, eject, force-open)
//   medium        the disc: type, status, sessions ...      (read; write a media preset, or eject)
//   state         ready, becoming-ready 2.1s, no-medium ... (read; write a condition [duration])
//   faults        active rules with hit counts              (read; write rules, clear, remove N)
//   log           the command log and control events, newest last (read: what is held now)
//   log_pipe      the same as a stream: a read waits for new entries, as trace_pipe does
//   disc.img      the medium's user data (read, seekable; size = the readable extent)
//   disc.cdda     a CD's audio tracks, 2352 bytes a block by LBA (read, seekable)
//   stats         commands, statuses, bytes, per-opcode counts
//   last_error    why the last refused write was refused (cleared by a write taken)
// and at the root, `pid`: the serving process. What one open file writes is one request however
// many write() calls bring it (control_request.hpp); one that makes no sense fails with EINVAL,
// at the write that shows it or else at the close, and changes nothing. Nothing is made,
// removed or renamed in the tree (EACCES, EPERM). Mounted for the invoking user only (0700,
// default_permissions, no allow_other), never over a directory another process serves;
// unmounted by the destructor.
#include "emulator/targets/fusectl/session_loop.hpp"
#include "emulator/targets/served_drive.hpp"

#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace spindle::fusectl {

class ControlFs {
public:
    // Mounts `dir` (made when missing; a stale mount there is removed first; one a live process
    // serves is refused, naming its pid) and serves it from a thread of its own. The drives
    // must outlive the ControlFs.
    static std::expected<std::unique_ptr<ControlFs>, std::string> mount(const std::filesystem::path& dir,
                                                                        std::vector<ServedDrive*> drives);
    ~ControlFs();
    ControlFs(const ControlFs&) = delete;
    ControlFs& operator=(const ControlFs&) = delete;

    const std::filesystem::path& dir() const { return dir_; }
    // Unmounts now (the destructor does it too). Idempotent.
    void unmount();

    struct Impl;

private:
    ControlFs() = default;
    std::filesystem::path dir_;
    std::unique_ptr<Impl> impl_;
};

} // namespace spindle::fusectl
