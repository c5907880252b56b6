#pragma once
// discrec's exit codes: distinct for what a script most needs to tell apart.
#include "recorder/error.hpp"

namespace spindle::discrec {

enum ExitCode : int {
    ok = 0,
    failure = 1,           // any other failure
    usage = 2,             // bad command line (CLI11 uses 2 as well)
    no_such_device = 3,    // the device does not exist or went away
    no_medium = 4,         // the drive has no disc
    permission_denied = 5, // the device node cannot be opened by this user
    device_locked = 6,     // another program holds the device exclusively
    command_failed = 7,    // `send`: the drive failed the command with sense
};

inline int exit_code_for(const recorder::Error& e) {
    namespace hr = recorder::hr;
    switch (e.hresult()) {
    case hr::dev_not_exist:
    case hr::file_not_found: return no_such_device;
    case hr::media_no_media: return no_medium;
    case hr::e_accessdenied: return permission_denied;
    case hr::recorder_locked: return device_locked;
    case hr::e_invalidarg: return usage;
    default: return failure;
    }
}

} // namespace spindle::discrec
