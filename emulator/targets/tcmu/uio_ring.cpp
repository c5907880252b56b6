#include "emulator/targets/tcmu/uio_ring.hpp"

#include "emulator/targets/tcmu/kernel_abi.hpp"

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <sys/mman.h>
#include <unistd.h>
#include <utility>

namespace spindle::tcmu {

namespace fs = std::filesystem;

namespace {

std::string errno_text(int e) { return std::strerror(e); }

std::string read_line(const fs::path& p) {
    std::ifstream in(p);
    std::string s;
    std::getline(in, s);
    return s;
}

} // namespace

bool uio_name_matches(std::string_view uio_name, std::string_view device, std::string_view dev_config) {
    constexpr std::string_view prefix = "tcm-user/";
    if (!uio_name.starts_with(prefix)) return false;
    auto rest = uio_name.substr(prefix.size());
    const auto slash = rest.find('/'); // after the HBA number
    if (slash == std::string_view::npos) return false;
    rest = rest.substr(slash + 1);
    return rest.size() == device.size() + 1 + dev_config.size() && rest.starts_with(device) &&
           rest[device.size()] == '/' && rest.substr(device.size() + 1) == dev_config;
}

std::expected<UioRing, std::string> UioRing::open(std::string_view device, std::string_view dev_config,
                                                  const fs::path& sysfs) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(sysfs / "class/uio", ec)) {
        const std::string name = read_line(entry.path() / "name");
        if (!uio_name_matches(name, device, dev_config)) continue;

        const std::string size_text = read_line(entry.path() / "maps/map0/size");
        std::size_t size = 0;
        try {
            size = std::stoul(size_text, nullptr, 0);
        } catch (const std::exception&) {
            return std::unexpected(fmt::format("{}: unreadable map size '{}'", entry.path().string(), size_text));
        }
        const auto node = fs::path("/dev") / entry.path().filename();
        int fd = -1;
        do fd = ::open(node.c_str(), O_RDWR | O_CLOEXEC | O_NONBLOCK);
        while (fd < 0 && errno == EINTR);
        if (fd < 0) return std::unexpected(fmt::format("cannot open {}: {}", node.string(), errno_text(errno)));
        void* base = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (base == MAP_FAILED) {
            const int e = errno;
            ::close(fd);
            return std::unexpected(fmt::format("cannot map {} ({} bytes): {}", node.string(), size, errno_text(e)));
        }
        return UioRing(fd, static_cast<std::uint8_t*>(base), size, name);
    }
    if (ec) return std::unexpected(fmt::format("cannot list {}: {}", (sysfs / "class/uio").string(), ec.message()));
    return std::unexpected(fmt::format("no UIO device for tcm-user/*/{}/{}", device, dev_config));
}

UioRing::UioRing(UioRing&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), base_(std::exchange(other.base_, nullptr)),
      size_(std::exchange(other.size_, 0)), name_(std::move(other.name_)) {}

UioRing UioRing::in_memory(MutableByteView map, std::string name) {
    return UioRing(-1, map.data(), map.size(), std::move(name));
}

UioRing::~UioRing() {
    if (fd_ < 0) return; // in memory: the bytes are the caller's
    if (base_ != nullptr) ::munmap(base_, size_);
    ::close(fd_);
}

// The mailbox words are naturally aligned 32-bit fields of the page-aligned map.
std::uint32_t UioRing::load_head() const {
    auto* p = reinterpret_cast<std::uint32_t*>(base_ + offsetof(tcmu_mailbox, cmd_head));
    return std::atomic_ref<std::uint32_t>(*p).load(std::memory_order_acquire);
}

void UioRing::store_tail(std::uint32_t tail) const {
    auto* p = reinterpret_cast<std::uint32_t*>(base_ + offsetof(tcmu_mailbox, cmd_tail));
    std::atomic_ref<std::uint32_t>(*p).store(tail, std::memory_order_release);
}

std::expected<bool, std::string> UioRing::acknowledge() const {
    if (fd_ < 0) return true;
    std::uint32_t count = 0;
    for (;;) {
        const auto n = ::read(fd_, &count, sizeof count);
        if (n == static_cast<ssize_t>(sizeof count)) return true;
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EAGAIN) return true;
        if (n < 0 && (errno == EIO || errno == ENODEV)) return false; // the device was removed
        return std::unexpected(fmt::format("reading {}: {}", name_, n < 0 ? errno_text(errno) : "short read"));
    }
}

std::expected<void, std::string> UioRing::notify() const {
    if (fd_ < 0) return {};
    const std::uint32_t one = 1;
    for (;;) {
        const auto n = ::write(fd_, &one, sizeof one);
        if (n == static_cast<ssize_t>(sizeof one)) return {};
        if (n < 0 && errno == EINTR) continue;
        return std::unexpected(fmt::format("notifying {}: {}", name_, n < 0 ? errno_text(errno) : "short write"));
    }
}

} // namespace spindle::tcmu
