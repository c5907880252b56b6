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
    bad_file = 8,
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
    {bad_file, "a file the command names is missing or invalid: burn's IMAGE, or an emu: DEV's profile, fault "
               "scenario or disc image (file:line:column printed)"},
};

inline int exit_code_for(const recorder::Error& e) {
    namespace hr = recorder::hr;
    switch (e.hresult()) {
    case hr::dev_not_exist: return no_such_device;
    // Only files the command line names are looked up by path (a device node that is not
    // there is ERROR_DEV_NOT_EXIST); ERROR_INVALID_DATA is such a file that does not load.
    case hr::file_not_found:
    case hr::invalid_data: return bad_file;
    case hr::media_no_media: return no_medium;
    case hr::e_accessdenied: return permission_denied;
    case hr::recorder_locked: return device_locked;
    case hr::e_invalidarg: return usage;
    default: return failure;
    }
}

// What discrec prints for an error: the IMAPI2 error in full, except for a file the command
// names, where the detail alone (file:line:column: what is wrong) says it, as mmc-emu does.
inline std::string error_text(const recorder::Error& e) {
    return exit_code_for(e) == bad_file && !e.detail().empty() ? e.detail() : e.to_string();
}

} // namespace spindle::discrec
