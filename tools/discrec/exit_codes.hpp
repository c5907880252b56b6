#pragma once
// discrec's exit codes: distinct for what a script most needs to tell apart.
#include "recorder/error.hpp"
#include "tools/common/exit_code_table.hpp"

namespace spindle::discrec {

enum ExitCode : int {
    ok = 0,
    failure = 1,
    usage = 2,
    no_such_device = 3,
    no_medium = 4,
    permission_denied = 5,
    device_locked = 6,
    command_failed = 7,
};

// The documented table: --help prints it, README.md's "Exit codes" repeats it (tests/cli compares).
inline constexpr cli::ExitCodeDoc exit_code_docs[] = {
    {ok, "success"},
    {failure, "any other failure (burn, erase and format print the IMAPI2 error, E_IMAPI_...)"},
    {usage, "bad command line: unknown subcommand or option, missing or invalid argument"},
    {no_such_device, "the device does not exist or went away"},
    {no_medium, "the drive has no disc"},
    {permission_denied, "the device node cannot be opened by this user"},
    {device_locked, "another program holds the device exclusively"},
    {command_failed, "send: the drive failed the command (its sense is printed)"},
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
