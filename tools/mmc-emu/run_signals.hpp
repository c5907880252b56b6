#pragma once
// SIGINT and SIGTERM, taken synchronously: blocked before any serving thread starts (threads
// inherit the mask), then waited for with sigwait by the main thread.
#include <expected>
#include <signal.h>
#include <string>

namespace spindle::cli {

sigset_t stop_signals();
// Blocks SIGINT and SIGTERM in the calling thread (and the threads it starts later).
std::expected<void, std::string> block_stop_signals();
// Whether SIGINT or SIGTERM is pending (a look between steps of a long start).
bool stop_requested();
// Waits for SIGINT or SIGTERM; returns the signal.
int wait_for_stop();
// Waits for SIGINT or SIGTERM, or for `fd` (an eventfd another thread writes) to become
// readable, whose count it then consumes. Returns the signal, or 0 when `fd` woke it.
int wait_for_stop_or(int fd);

} // namespace spindle::cli
