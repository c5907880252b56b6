#include "emulator/targets/tcmu/iscsi_settings.hpp"

#include "emulator/targets/tcmu/lio_config.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <span>
#include <sys/stat.h>
#include <unistd.h>

namespace spindle::tcmu {

namespace fs = std::filesystem;
using Result = std::expected<void, std::string>;

namespace {

constexpr std::size_t max_iscsi_name = 223; // RFC 3720 §3.2.6.1: 223 bytes, no terminator
constexpr std::size_t min_secret = 12;      // RFC 3720 §8.2.1: 96 bits; Windows asks 12 to 16
constexpr std::size_t max_chap_field = 255; // LIO refuses 256 bytes and more in an ACL's auth/

bool name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':'; }
bool all_hex(std::string_view s) {
    return std::ranges::all_of(s, [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}
bool all_digits(std::string_view s) {
    return std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string_view> words(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
        if (i > start) out.push_back(line.substr(start, i - start));
    }
    return out;
}

// USER SECRET as the file names them; `what` names the pair in errors.
std::expected<ChapSecret, std::string> chap_pair(std::string_view user, std::string_view secret, std::string_view where,
                                                 std::string_view what) {
    auto printable = [](std::string_view s) {
        return std::ranges::all_of(s, [](char c) { return c > ' ' && c < 0x7f; });
    };
    if (user.size() > max_chap_field || !printable(user))
        return std::unexpected(fmt::format("{}: {} user name: expected 1 to {} printable characters, got '{}'", where,
                                           what, max_chap_field, user));
    if (secret.size() < min_secret || secret.size() > max_chap_field || !printable(secret))
        return std::unexpected(fmt::format("{}: {} secret: expected {} to {} printable characters (RFC 3720 asks for "
                                           "96 bits; Windows' initiator takes 12 to 16), got {}",
                                           where, what, min_secret, max_chap_field, secret.size()));
    return ChapSecret{std::string(user), std::string(secret)};
}

// The words after the keyword (and the initiator's name): USER SECRET [TARGET_USER TARGET_SECRET].
std::expected<ChapEntry, std::string> chap_entry(std::span<const std::string_view> w, std::string_view where) {
    if (w.size() != 2 && w.size() != 4)
        return std::unexpected(fmt::format(
            "{}: expected USER SECRET, then optionally TARGET_USER TARGET_SECRET (mutual CHAP); got {} word(s)", where,
            w.size()));
    auto initiator = chap_pair(w[0], w[1], where, "the initiator's");
    if (!initiator) return std::unexpected(initiator.error());
    ChapEntry entry{*initiator, {}};
    if (w.size() == 4) {
        auto target = chap_pair(w[2], w[3], where, "the target's (mutual)");
        if (!target) return std::unexpected(target.error());
        if (target->secret == initiator->secret)
            return std::unexpected(fmt::format(
                "{}: the mutual secret must differ from the initiator's (RFC 3720 §8.2.1: one secret per direction)",
                where));
        entry.target = *target;
    }
    return entry;
}

} // namespace

// --- portals ------------------------------------------------------------------------------

std::string Portal::text() const {
    return ipv6 ? fmt::format("[{}]:{}", address, port) : fmt::format("{}:{}", address, port);
}

std::expected<Portal, std::string> parse_portal(std::string_view text) {
    const auto bad = [&](std::string_view why) {
        return std::unexpected(fmt::format("portal '{}': {} (expected ADDRESS[:PORT], such as 127.0.0.1:3260, or "
                                           "[IPV6]:PORT)",
                                           text, why));
    };
    Portal p;
    std::string_view address = text;
    std::string_view port;
    if (text.starts_with('[')) {
        const auto close = text.find(']');
        if (close == std::string_view::npos) return bad("no ']' after the IPv6 address");
        address = text.substr(1, close - 1);
        const auto rest = text.substr(close + 1);
        if (!rest.empty()) {
            if (!rest.starts_with(':')) return bad("expected ':PORT' after ']'");
            port = rest.substr(1);
            if (port.empty()) return bad("no port after ':'");
        }
        p.ipv6 = true;
    } else if (const auto colon = text.find(':'); colon != std::string_view::npos) {
        if (text.find(':', colon + 1) != std::string_view::npos) return bad("an IPv6 address goes in brackets");
        address = text.substr(0, colon);
        port = text.substr(colon + 1);
        if (port.empty()) return bad("no port after ':'");
    }
    if (address.empty()) return bad("no address");
    p.address = std::string(address);
    std::array<unsigned char, 16> bytes{};
    if (::inet_pton(p.ipv6 ? AF_INET6 : AF_INET, p.address.c_str(), bytes.data()) != 1)
        return bad(p.ipv6 ? "not an IPv6 address" : "not an IPv4 address (host names are not resolved)");
    if (!port.empty()) {
        unsigned value = 0;
        const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535)
            return bad(fmt::format("port '{}' is not a number from 1 to 65535", port));
        p.port = static_cast<std::uint16_t>(value);
    }
    return p;
}

bool is_loopback(const Portal& portal) {
    std::array<unsigned char, 16> b{};
    if (!portal.ipv6) return ::inet_pton(AF_INET, portal.address.c_str(), b.data()) == 1 && b[0] == 127;
    if (::inet_pton(AF_INET6, portal.address.c_str(), b.data()) != 1) return false;
    const bool zeros10 = std::all_of(b.begin(), b.begin() + 10, [](unsigned char c) { return c == 0; });
    if (zeros10 && b[10] == 0 && b[11] == 0 && b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] == 1) return true; // ::1
    return zeros10 && b[10] == 0xff && b[11] == 0xff && b[12] == 127; // ::ffff:127.x.y.z
}

bool is_wildcard(const Portal& portal) {
    std::array<unsigned char, 16> b{};
    if (::inet_pton(portal.ipv6 ? AF_INET6 : AF_INET, portal.address.c_str(), b.data()) != 1) return false;
    return std::all_of(b.begin(), b.begin() + (portal.ipv6 ? 16 : 4), [](unsigned char c) { return c == 0; });
}

// --- names --------------------------------------------------------------------------------

Result check_iscsi_name(std::string_view name) {
    const auto bad = [&](std::string_view why) {
        return std::unexpected(fmt::format("iSCSI name '{}': {}", name, why));
    };
    if (name.empty()) return bad("empty");
    if (name.size() > max_iscsi_name) return bad(fmt::format("longer than {} bytes", max_iscsi_name));
    if (name.starts_with("eui.") || name.starts_with("naa.")) {
        const auto hex = name.substr(4);
        const bool eui = name.starts_with("eui.");
        if (!all_hex(hex) || (eui ? hex.size() != 16 : hex.size() != 16 && hex.size() != 32))
            return bad(eui ? "expected 'eui.' and 16 hex digits" : "expected 'naa.' and 16 or 32 hex digits");
        return {};
    }
    if (!name.starts_with("iqn."))
        return bad("expected iqn.YYYY-MM.reversed.domain[:name], eui.<16 hex digits> or naa.<16 or 32 hex digits>");
    for (const char c : name)
        if (!name_char(c))
            return bad(std::isupper(static_cast<unsigned char>(c))
                           ? "upper case: iSCSI names are compared in lower case (RFC 3722), write it so"
                           : fmt::format("character '{}': expected a-z, 0-9, '-', '.' or ':'", c));
    // iqn.YYYY-MM.authority: the date the naming authority owned the domain.
    const auto date = name.substr(4, 7);
    if (date.size() < 7 || !all_digits(date.substr(0, 4)) || date[4] != '-' || !all_digits(date.substr(5, 2)))
        return bad("expected a date YYYY-MM after 'iqn.'");
    const int month = (date[5] - '0') * 10 + (date[6] - '0');
    if (month < 1 || month > 12) return bad(fmt::format("month {:02} is not 01 to 12", month));
    const auto rest = name.substr(11);
    if (!rest.starts_with('.') || rest.size() < 2 || rest[1] == '.' || rest[1] == ':' || rest[1] == '-')
        return bad("expected '.' and a reversed domain name after the date (iqn.2003-01.org.example)");
    return {};
}

std::string default_target_iqn(std::string_view host, std::string_view label) {
    auto fold = [](std::string_view s, bool dots) {
        std::string out;
        for (const char c : s) {
            const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            out += (name_char(l) && (dots || l != ':')) ? l : '-';
        }
        return out;
    };
    std::string h = fold(host, true);
    std::erase(h, ':');
    while (h.starts_with('.') || h.starts_with('-')) h.erase(0, 1);
    if (h.empty()) h = "localhost";
    std::string name = fmt::format("iqn.2003-01.org.linux-iscsi.{}:{}", h, fold(label, false));
    if (name.size() > max_iscsi_name) name.resize(max_iscsi_name);
    return name;
}

// --- credentials --------------------------------------------------------------------------

std::expected<ChapConfig, std::string> parse_chap_config(std::string_view text, std::string_view file_name) {
    ChapConfig config;
    std::size_t line_no = 0;
    while (!text.empty()) {
        ++line_no;
        const auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        const auto w = words(line);
        if (w.empty()) continue;
        const std::string where = fmt::format("{}:{}", file_name, line_no);
        if (w[0] == "initiator") {
            if (w.size() < 2)
                return std::unexpected(fmt::format("{}: expected the initiator's IQN after 'initiator'", where));
            if (auto ok = check_iscsi_name(w[1]); !ok) return std::unexpected(fmt::format("{}: {}", where, ok.error()));
            if (std::ranges::any_of(config.initiators, [&](const InitiatorAccess& a) { return a.iqn == w[1]; }))
                return std::unexpected(fmt::format("{}: initiator {} is listed twice", where, w[1]));
            auto entry = chap_entry(std::span(w).subspan(2), where);
            if (!entry) return std::unexpected(entry.error());
            config.initiators.push_back({std::string(w[1]), std::move(*entry)});
        } else if (w[0] == "discovery") {
            if (config.discovery) return std::unexpected(fmt::format("{}: a second 'discovery' line", where));
            auto entry = chap_entry(std::span(w).subspan(1), where);
            if (!entry) return std::unexpected(entry.error());
            config.discovery = std::move(*entry);
        } else {
            return std::unexpected(fmt::format("{}: expected 'initiator IQN USER SECRET [TARGET_USER TARGET_SECRET]' "
                                               "or 'discovery USER SECRET [...]', got '{}'",
                                               where, w[0]));
        }
    }
    if (config.initiators.empty())
        return std::unexpected(fmt::format("{}: no 'initiator' line: nobody could log in", file_name));
    return config;
}

std::expected<ChapConfig, std::string> load_chap_config(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return std::unexpected(fail_text("cannot open the CHAP file", file, errno));
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    // Checked on the open file, not the name: what is read is what was checked.
    struct stat st {};
    if (::fstat(fd, &st) != 0) return std::unexpected(fail_text("cannot stat", file, errno));
    if (!S_ISREG(st.st_mode)) return std::unexpected(fmt::format("{}: not a regular file", file.string()));
    if (st.st_uid != ::geteuid())
        return std::unexpected(fmt::format("{}: owned by uid {}, not by the user serving (uid {}): its secrets must "
                                           "be that user's alone",
                                           file.string(), st.st_uid, ::geteuid()));
    if ((st.st_mode & 077) != 0)
        return std::unexpected(fmt::format("{}: mode {:04o} lets others read or change the secrets; expected 0600 "
                                           "(chmod 600 {})",
                                           file.string(), st.st_mode & 07777, file.string()));
    if (st.st_size > 1 << 20) return std::unexpected(fmt::format("{}: larger than 1 MiB", file.string()));
    std::string text(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t got = 0;
    while (got < text.size()) {
        const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return std::unexpected(fail_text("cannot read", file, errno));
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    text.resize(got);
    return parse_chap_config(text, file.string());
}

Result check_iscsi_settings(const IscsiSettings& s) {
    if (auto ok = check_iscsi_name(s.iqn); !ok) return ok;
    if (!s.auth && !is_loopback(s.portal))
        return std::unexpected(fmt::format("--no-auth on portal {}: without authentication only a loopback portal "
                                           "(127.0.0.1, ::1) is served; give --chap FILE",
                                           s.portal.text()));
    if (s.auth && s.auth->initiators.empty())
        return std::unexpected("no initiator may log in: the CHAP file lists none");
    return {};
}

} // namespace spindle::tcmu
