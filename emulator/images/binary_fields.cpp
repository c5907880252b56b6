#include "emulator/images/binary_fields.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace spindle {

std::expected<std::vector<std::uint8_t>, std::string> read_bytes_at(int fd, std::uint64_t at, std::size_t n,
                                                                    const std::string& name) {
    std::vector<std::uint8_t> bytes(n);
    for (std::size_t got = 0; got < n;) {
        const ssize_t r = ::pread(fd, bytes.data() + got, n - got, static_cast<off_t>(at + got));
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return std::unexpected(name + ": " + std::strerror(errno));
        if (r == 0)
            return std::unexpected(
                refusal_at(name, at + got, "the file ends; expected " + std::to_string(n - got) + " more bytes"));
        got += static_cast<std::size_t>(r);
    }
    return bytes;
}

std::expected<std::uint64_t, std::string> file_size_of(int fd, const std::string& name) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return std::unexpected(name + ": " + std::strerror(errno));
    return static_cast<std::uint64_t>(st.st_size);
}

std::string refusal_at(const std::string& name, std::uint64_t at, std::string_view what) {
    return name + ": byte " + std::to_string(at) + ": " + std::string(what);
}

} // namespace spindle
