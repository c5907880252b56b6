#pragma once
// The client side of `mmc-emu control`: one request to a control socket (protocol in
// emulator/targets/fusectl/control_socket.hpp) or one file of a mounted control filesystem.
// Content read is copied to a file descriptor as it arrives (disc.img, log_pipe stream).
#include <expected>
#include <filesystem>
#include <optional>
#include <string>

namespace spindle::cli {

// `body` absent: a read, its content copied to `out`. Present: a write of it. The error is the
// reason a refusal gives, or why the target could not be reached.
std::expected<void, std::string> socket_request(const std::filesystem::path& socket, const std::string& drive,
                                                const std::string& file, const std::optional<std::string>& body,
                                                int out);
std::expected<void, std::string> directory_request(const std::filesystem::path& dir, const std::string& drive,
                                                   const std::string& file, const std::optional<std::string>& body,
                                                   int out);

} // namespace spindle::cli
