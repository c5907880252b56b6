#include "emulator/targets/tcmu/lio_iscsi.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace spindle::tcmu {

namespace fs = std::filesystem;
using Result = std::expected<void, std::string>;

namespace {

bool is_link(const fs::path& p) {
    std::error_code ec;
    return fs::is_symlink(p, ec);
}

} // namespace

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

Result IscsiTarget::add_drive(std::size_t drive, const fs::path& backstore) {
    const unsigned lun = drive_lun(drive);
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

void IscsiTarget::remove_drive(std::size_t drive) {
    const unsigned lun = drive_lun(drive);
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
    for (const auto& wwn : children(paths.target() / "iscsi")) {
        const auto wwn_name = wwn.filename().string();
        if (!fs::is_directory(wwn) || !check_iscsi_name(wwn_name)) continue; // discovery_auth ...
        bool emptied = false;
        for (const auto& tpg : children(wwn)) {
            if (!tpg.filename().string().starts_with("tpgt_")) continue;
            const auto luns = children(tpg / "lun");
            const bool mine = std::ranges::any_of(
                luns, [&](const fs::path& lun) { return std::ranges::any_of(children(lun), ours); });
            if (!mine) continue;
            // The whole TPG is an attach's: sessions ended, then everything in it, deepest first.
            (void)write_attribute(tpg / "enable", "0");
            for (const auto& acl : children(tpg / "acls")) {
                for (const auto& mapped : children(acl)) {
                    if (!mapped.filename().string().starts_with("lun_")) continue;
                    for (const auto& l : children(mapped))
                        if (is_link(l)) remove(l, true);
                    remove(mapped, false);
                }
                remove(acl, false);
            }
            for (const auto& lun : luns) {
                for (const auto& l : children(lun))
                    if (is_link(l)) remove(l, true);
                remove(lun, false);
            }
            for (const auto& np : children(tpg / "np")) remove(np, false);
            remove(tpg, false);
            emptied = true;
        }
        if (emptied && std::ranges::none_of(
                           children(wwn), [](const fs::path& p) { return p.filename().string().starts_with("tpgt_"); }))
            remove(wwn, false);
    }
    return removed;
}

} // namespace spindle::tcmu
