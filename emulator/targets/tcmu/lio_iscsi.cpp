#include "emulator/targets/tcmu/lio_iscsi.hpp"

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

std::string fail_text(std::string_view what, const fs::path& p, int e) {
    return fmt::format("{} {}: {}", what, p.string(), std::strerror(e));
}

std::vector<fs::path> entries(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path());
    return out;
}

bool is_link(const fs::path& p) {
    std::error_code ec;
    return fs::is_symlink(p, ec);
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

// --- the target ---------------------------------------------------------------------------

Result IscsiTarget::make_dir(const fs::path& p, std::optional<unsigned> lun) {
    if (::mkdir(p.c_str(), 0755) != 0) return std::unexpected(fail_text("cannot create", p, errno));
    created_.push_back({p, Kind::Directory, lun, {}});
    return {};
}

Result IscsiTarget::make_link(const fs::path& target, const fs::path& p, std::optional<unsigned> lun) {
    if (::symlink(target.c_str(), p.c_str()) != 0) return std::unexpected(fail_text("cannot link", p, errno));
    created_.push_back({p, Kind::Link, lun, {}});
    return {};
}

Result IscsiTarget::set_discovery_auth(const ChapEntry& chap) {
    const auto dir = paths_.target() / "iscsi" / "discovery_auth";
    auto set = [&](std::string_view attr, std::string_view value) -> Result {
        const auto p = dir / attr;
        std::string old = read_line(p);
        if (old.empty()) old = attr == "enforce_discovery_auth" ? "0" : "NULL";
        if (auto r = write_attribute(p, value); !r) return r;
        created_.push_back({p, Kind::Restore, {}, std::move(old)});
        return {};
    };
    if (auto r = set("userid", chap.initiator.user); !r) return r;
    if (auto r = set("password", chap.initiator.secret); !r) return r;
    if (auto r = set("userid_mutual", chap.target ? chap.target->user : "NULL"); !r) return r;
    if (auto r = set("password_mutual", chap.target ? chap.target->secret : "NULL"); !r) return r;
    return set("enforce_discovery_auth", "1");
}

std::expected<IscsiTarget, std::string> IscsiTarget::create(const LioPaths& paths, IscsiSettings settings) {
    if (auto ok = check_iscsi_settings(settings); !ok) return std::unexpected(ok.error());
    const auto fabric = paths.target() / "iscsi";
    if (!fs::is_directory(fabric)) load_module(paths, "iscsi_target_mod");

    IscsiTarget t(paths, std::move(settings));
    // The fabric's directory appears on first use (mkdir loads the module where the kernel may);
    // whoever made it takes it away when empty.
    if (::mkdir(fabric.c_str(), 0755) == 0)
        t.created_.push_back({fabric, Kind::Directory, {}, {}, true});
    else if (errno != EEXIST)
        return std::unexpected(
            fmt::format("{} (is iscsi_target_mod available?)", fail_text("cannot create", fabric, errno)));
    const auto wwn = fabric / t.settings_.iqn;
    if (::mkdir(wwn.c_str(), 0755) != 0)
        return std::unexpected(errno == EEXIST
                                   ? fmt::format("iSCSI target {} exists already (another attach? mmc-emu detach "
                                                 "removes a stale one)",
                                                 t.settings_.iqn)
                                   : fail_text("cannot create", wwn, errno));
    t.created_.push_back({wwn, Kind::Directory, {}, {}});
    t.tpg_ = wwn / "tpgt_1";
    if (auto r = t.make_dir(t.tpg_); !r) return std::unexpected(r.error());

    const auto attrib = t.tpg_ / "attrib";
    auto set = [&](std::string_view attr, std::string_view value) { return write_attribute(attrib / attr, value); };
    if (t.settings_.auth) {
        // Explicit ACLs only: an IQN without one is refused at login and SendTargets hides the
        // target from it; CHAP is required of every session.
        for (const auto& [a, v] :
             {std::pair{"generate_node_acls", "0"}, {"demo_mode_discovery", "0"}, {"authentication", "1"}})
            if (auto r = set(a, v); !r) return std::unexpected(r.error());
        for (const auto& ini : t.settings_.auth->initiators) {
            const auto acl = t.tpg_ / "acls" / ini.iqn;
            if (auto r = t.make_dir(acl); !r) return std::unexpected(r.error());
            const auto auth = acl / "auth";
            if (auto r = write_attribute(auth / "userid", ini.chap.initiator.user); !r)
                return std::unexpected(r.error());
            if (auto r = write_attribute(auth / "password", ini.chap.initiator.secret); !r)
                return std::unexpected(r.error());
            if (ini.chap.target) {
                if (auto r = write_attribute(auth / "userid_mutual", ini.chap.target->user); !r)
                    return std::unexpected(r.error());
                if (auto r = write_attribute(auth / "password_mutual", ini.chap.target->secret); !r)
                    return std::unexpected(r.error());
            }
        }
        if (t.settings_.auth->discovery)
            if (auto r = t.set_discovery_auth(*t.settings_.auth->discovery); !r) return std::unexpected(r.error());
    } else {
        // Any initiator, no CHAP (loopback only, check_iscsi_settings): demo mode, writable (LIO
        // maps demo-mode LUNs read-only to anything it takes for a disk, which a TCMU device is).
        for (const auto& [a, v] : {std::pair{"authentication", "0"},
                                   {"generate_node_acls", "1"},
                                   {"cache_dynamic_acls", "1"},
                                   {"demo_mode_write_protect", "0"}})
            if (auto r = set(a, v); !r) return std::unexpected(r.error());
    }
    return t;
}

IscsiTarget::~IscsiTarget() { remove(); }

Result IscsiTarget::add_lun(unsigned lun, const fs::path& backstore) {
    const auto lun_dir = tpg_ / "lun" / fmt::format("lun_{}", lun);
    if (auto r = make_dir(lun_dir, lun); !r) return r;
    if (auto r = make_link(backstore, lun_dir / backstore.filename(), lun); !r) return r;
    if (settings_.auth)
        for (const auto& ini : settings_.auth->initiators) {
            const auto mapped = tpg_ / "acls" / ini.iqn / fmt::format("lun_{}", lun);
            if (auto r = make_dir(mapped, lun); !r) return r;
            if (auto r = make_link(lun_dir, mapped / "lun", lun); !r) return r;
        }
    return {};
}

Result IscsiTarget::enable() {
    if (auto r = make_dir(tpg_ / "np" / settings_.portal.text()); !r)
        return std::unexpected(fmt::format("{} (is the address this host's, and the port free?)", r.error()));
    if (auto r = write_attribute(tpg_ / "enable", "1"); !r) return r;
    return {};
}

void IscsiTarget::undo(const Created& c) const {
    int e = 0;
    switch (c.kind) {
    case Kind::Directory: e = ::rmdir(c.path.c_str()) == 0 ? 0 : errno; break;
    case Kind::Link: e = ::unlink(c.path.c_str()) == 0 ? 0 : errno; break;
    case Kind::Restore:
        if (auto r = write_attribute(c.path, c.old_value); !r) fmt::print(stderr, "mmc-emu: {}\n", r.error());
        return;
    }
    if (c.shared && (e == EBUSY || e == ENOTEMPTY)) return; // another user still has it
    if (e != 0 && e != ENOENT) fmt::print(stderr, "mmc-emu: cannot remove {}: {}\n", c.path.string(), std::strerror(e));
}

void IscsiTarget::remove_lun(unsigned lun) {
    for (auto it = created_.rbegin(); it != created_.rend(); ++it)
        if (it->lun == lun) undo(*it);
    std::erase_if(created_, [&](const Created& c) { return c.lun == lun; });
}

void IscsiTarget::remove() {
    if (created_.empty()) return;
    // Disabling the TPG ends its sessions; the rest then comes apart in reverse order.
    if (!tpg_.empty() && fs::exists(tpg_ / "enable")) (void)write_attribute(tpg_ / "enable", "0");
    for (auto it = created_.rbegin(); it != created_.rend(); ++it) undo(*it);
    created_.clear();
}

std::vector<std::string> remove_stale_iscsi(const LioPaths& paths, std::string& errors) {
    std::vector<std::string> removed;
    auto remove = [&](const fs::path& p, bool link) {
        const int e = (link ? ::unlink(p.c_str()) : ::rmdir(p.c_str())) == 0 ? 0 : errno;
        if (e == 0)
            removed.push_back(p.string());
        else if (e != ENOENT)
            errors += fmt::format("\n  {}: {}", p.string(), std::strerror(e));
    };
    auto ours = [](const fs::path& l) { return is_link(l) && l.filename().string().starts_with(name_prefix); };
    for (const auto& wwn : entries(paths.target() / "iscsi")) {
        const auto wwn_name = wwn.filename().string();
        if (!fs::is_directory(wwn) || !check_iscsi_name(wwn_name)) continue; // discovery_auth ...
        bool emptied = false;
        for (const auto& tpg : entries(wwn)) {
            if (!tpg.filename().string().starts_with("tpgt_")) continue;
            const auto luns = entries(tpg / "lun");
            const bool mine =
                std::ranges::any_of(luns, [&](const fs::path& lun) { return std::ranges::any_of(entries(lun), ours); });
            if (!mine) continue;
            // The whole TPG is an attach's: sessions ended, then everything in it, deepest first.
            (void)write_attribute(tpg / "enable", "0");
            for (const auto& acl : entries(tpg / "acls")) {
                for (const auto& mapped : entries(acl)) {
                    if (!mapped.filename().string().starts_with("lun_")) continue;
                    for (const auto& l : entries(mapped))
                        if (is_link(l)) remove(l, true);
                    remove(mapped, false);
                }
                remove(acl, false);
            }
            for (const auto& lun : luns) {
                for (const auto& l : entries(lun))
                    if (is_link(l)) remove(l, true);
                remove(lun, false);
            }
            for (const auto& np : entries(tpg / "np")) remove(np, false);
            remove(tpg, false);
            emptied = true;
        }
        if (emptied && std::ranges::none_of(
                           entries(wwn), [](const fs::path& p) { return p.filename().string().starts_with("tpgt_"); }))
            remove(wwn, false);
    }
    return removed;
}

} // namespace spindle::tcmu
