#include "emulator/targets/fusectl/control_fs.hpp"

#include "emulator/targets/fusectl/control_nodes.hpp"
#include "emulator/targets/fusectl/control_request.hpp"
#include "emulator/targets/fusectl/control_text.hpp"
#include "emulator/targets/fusectl/drive_report.hpp"
#include "emulator/targets/fusectl/mount_point.hpp"

#define FUSE_USE_VERSION 35
#include <fuse_lowlevel.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <fmt/format.h>
#include <map>
#include <optional>
#include <unistd.h>

namespace spindle::fusectl {

namespace {

struct Handle {
    Node node;
    std::string text; // snapshot files: the content at open; log_pipe: text not yet read
    LogCursor cursor; // log_pipe
    bool nonblocking = false;
    std::optional<ControlRequest> request; // opened for writing: what is written, gathered
};

struct WaitingRead {
    fuse_req_t req;
    std::uint64_t fh;
    std::size_t size;
};

} // namespace

struct ControlFs::Impl {
    std::vector<ServedDrive*> drives;
    std::vector<std::string> last_error;
    uid_t uid = ::getuid();
    gid_t gid = ::getgid();
    timespec mounted{};
    fuse_session* session = nullptr;
    fuse::SessionLoop loop;
    // Only the loop's thread touches these.
    std::map<std::uint64_t, Handle> handles;
    std::uint64_t next_fh = 1;
    std::vector<WaitingRead> waiting;
    // Whether a log_pipe read waits: only then does a drive's new log entry wake the loop (a
    // wake per command would cost a thread switch per command). Set before the waiting reads
    // are served, so that an entry logged after that wakes the loop.
    std::atomic<bool> has_waiting{false};

    struct stat attributes(const Node& n) const;
    std::string snapshot(const Node& n);
    std::optional<std::chrono::nanoseconds> tick();
    void serve_waiting();
    // What a request's step did: a refusal goes to last_error, a request carried out clears it.
    void record(const Node& n, const std::expected<bool, std::string>& step);
    // The writer of `h` is done: the request it wrote is carried out; errno, or 0.
    int finish_request(Handle& h);
};

struct stat ControlFs::Impl::attributes(const Node& n) const {
    struct stat st {};
    st.st_ino = n.ino;
    st.st_uid = uid;
    st.st_gid = gid;
    st.st_atim = st.st_mtim = st.st_ctim = mounted;
    if (n.kind != FileKind::None) {
        const auto& info = file_info(n.kind);
        st.st_mode = S_IFREG | (info.writable ? 0600 : 0400);
        st.st_nlink = 1;
        if (n.kind == FileKind::DiscImage)
            st.st_size = static_cast<off_t>(drives[n.drive]->with([](Drive& d) { return disc_image_size(d.state()); }));
        if (n.kind == FileKind::DiscAudio)
            st.st_size = static_cast<off_t>(drives[n.drive]->with([](Drive& d) { return disc_audio_size(d.state()); }));
    } else {
        st.st_mode = S_IFDIR | 0700;
        st.st_nlink = n.is_root() ? 2 + static_cast<nlink_t>(drives.size()) : 2;
    }
    return st;
}

std::string ControlFs::Impl::snapshot(const Node& n) {
    if (n.kind == FileKind::Pid) return fmt::format("{}\n", ::getpid());
    if (n.kind == FileKind::LastError) return last_error[n.drive].empty() ? std::string() : last_error[n.drive] + "\n";
    return read_control_text(*drives[n.drive], n.kind);
}

void ControlFs::Impl::record(const Node& n, const std::expected<bool, std::string>& step) {
    if (!step)
        last_error[n.drive] = fmt::format("{}: {}", file_info(n.kind).name, step.error());
    else if (*step)
        last_error[n.drive].clear();
}

int ControlFs::Impl::finish_request(Handle& h) {
    if (!h.request) return 0;
    const auto done = h.request->finish(*drives[h.node.drive]);
    record(h.node, done);
    h.request.emplace(h.node.kind); // a later write through the same open file starts anew
    return done ? 0 : EINVAL;
}

void ControlFs::Impl::serve_waiting() {
    std::erase_if(waiting, [&](const WaitingRead& w) {
        if (fuse_req_interrupted(w.req)) {
            fuse_reply_err(w.req, EINTR);
            return true;
        }
        auto it = handles.find(w.fh);
        if (it == handles.end()) {
            fuse_reply_buf(w.req, nullptr, 0);
            return true;
        }
        Handle& h = it->second;
        if (h.text.empty()) h.text = log_text(*drives[h.node.drive], h.cursor);
        if (h.text.empty()) return false;
        const std::size_t n = std::min(w.size, h.text.size());
        fuse_reply_buf(w.req, h.text.data(), n);
        h.text.erase(0, n);
        return true;
    });
}

std::optional<std::chrono::nanoseconds> ControlFs::Impl::tick() {
    if (waiting.empty()) return std::nullopt;
    serve_waiting();
    has_waiting.store(!waiting.empty());
    // An interrupt arrives as a request of its own, which wakes the loop; a timer is a backstop.
    if (waiting.empty()) return std::nullopt;
    return std::chrono::milliseconds(500);
}

namespace {

ControlFs::Impl& impl(fuse_req_t req) { return *static_cast<ControlFs::Impl*>(fuse_req_userdata(req)); }

void fs_lookup(fuse_req_t req, fuse_ino_t parent, const char* name) {
    auto& fs = impl(req);
    const auto n = lookup_node(parent, name, fs.drives);
    if (!n) return (void)fuse_reply_err(req, ENOENT);
    fuse_entry_param e{};
    e.ino = n->ino;
    e.attr = fs.attributes(*n);
    e.attr_timeout = 0;
    e.entry_timeout = 60;
    fuse_reply_entry(req, &e);
}

void fs_getattr(fuse_req_t req, fuse_ino_t ino, fuse_file_info*) {
    auto& fs = impl(req);
    const auto n = node_of(ino, fs.drives.size());
    if (!n) return (void)fuse_reply_err(req, ENOENT);
    const auto st = fs.attributes(*n);
    fuse_reply_attr(req, &st, 0);
}

// `echo x > file` opens with O_TRUNC, which arrives as a size change: accepted, nothing to do.
void fs_setattr(fuse_req_t req, fuse_ino_t ino, struct stat*, int to_set, fuse_file_info*) {
    auto& fs = impl(req);
    const auto n = node_of(ino, fs.drives.size());
    if (!n) return (void)fuse_reply_err(req, ENOENT);
    if ((to_set & ~(FUSE_SET_ATTR_SIZE | FUSE_SET_ATTR_ATIME | FUSE_SET_ATTR_MTIME | FUSE_SET_ATTR_ATIME_NOW |
                    FUSE_SET_ATTR_MTIME_NOW | FUSE_SET_ATTR_CTIME)) != 0)
        return (void)fuse_reply_err(req, EPERM);
    if ((to_set & FUSE_SET_ATTR_SIZE) && (n->kind == FileKind::None || !file_info(n->kind).writable))
        return (void)fuse_reply_err(req, EACCES);
    const auto st = fs.attributes(*n);
    fuse_reply_attr(req, &st, 0);
}

void fs_readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, fuse_file_info*) {
    auto& fs = impl(req);
    const auto n = node_of(ino, fs.drives.size());
    if (!n || n->kind != FileKind::None) return (void)fuse_reply_err(req, ENOTDIR);
    const auto entries = list_directory(*n, fs.drives);
    std::vector<char> buf(size);
    std::size_t used = 0;
    for (std::size_t i = static_cast<std::size_t>(off); i < entries.size(); ++i) {
        struct stat st {};
        st.st_ino = entries[i].ino;
        st.st_mode = entries[i].directory ? S_IFDIR : S_IFREG;
        const std::size_t len = fuse_add_direntry(req, buf.data() + used, size - used, entries[i].name.c_str(), &st,
                                                  static_cast<off_t>(i + 1));
        if (len > size - used) break;
        used += len;
    }
    fuse_reply_buf(req, buf.data(), used);
}

void fs_open(fuse_req_t req, fuse_ino_t ino, fuse_file_info* fi) {
    auto& fs = impl(req);
    const auto n = node_of(ino, fs.drives.size());
    if (!n) return (void)fuse_reply_err(req, ENOENT);
    if (n->kind == FileKind::None) return (void)fuse_reply_err(req, EISDIR);
    const bool writing = (fi->flags & O_ACCMODE) != O_RDONLY;
    if (writing && !file_info(n->kind).writable) return (void)fuse_reply_err(req, EACCES);
    Handle h{*n, {}, {}, (fi->flags & O_NONBLOCK) != 0, std::nullopt};
    if (writing) h.request.emplace(n->kind);
    if (n->kind == FileKind::LogPipe)
        h.cursor = oldest_log_cursor(*fs.drives[n->drive]);
    else if (n->kind != FileKind::DiscImage && n->kind != FileKind::DiscAudio && (fi->flags & O_ACCMODE) != O_WRONLY)
        h.text = fs.snapshot(*n);
    const std::uint64_t fh = fs.next_fh++;
    fs.handles.emplace(fh, std::move(h));
    fi->fh = fh;
    fi->direct_io = 1;
    fi->nonseekable = n->kind == FileKind::LogPipe ? 1 : 0;
    if (fuse_reply_open(req, fi) != 0) fs.handles.erase(fh); // the opener went away
}

void fs_read(fuse_req_t req, fuse_ino_t, size_t size, off_t off, fuse_file_info* fi) {
    auto& fs = impl(req);
    auto it = fs.handles.find(fi->fh);
    if (it == fs.handles.end()) return (void)fuse_reply_err(req, EBADF);
    Handle& h = it->second;
    if (h.node.kind == FileKind::DiscImage || h.node.kind == FileKind::DiscAudio) {
        std::vector<std::uint8_t> buf(size);
        const bool audio = h.node.kind == FileKind::DiscAudio;
        const long n = fs.drives[h.node.drive]->with([&](Drive& d) {
            const auto at = static_cast<std::uint64_t>(off);
            return audio ? read_disc_audio(d.state(), at, buf) : read_disc_image(d.state(), at, buf);
        });
        if (n < 0) return (void)fuse_reply_err(req, static_cast<int>(-n));
        return (void)fuse_reply_buf(req, reinterpret_cast<const char*>(buf.data()), static_cast<std::size_t>(n));
    }
    if (h.node.kind == FileKind::LogPipe) {
        fs.waiting.push_back({req, fi->fh, size});
        fs.has_waiting.store(true);
        fs.serve_waiting();
        if (h.nonblocking && !fs.waiting.empty() && fs.waiting.back().req == req) {
            fs.waiting.pop_back();
            fuse_reply_err(req, EAGAIN);
        }
        fs.has_waiting.store(!fs.waiting.empty());
        return;
    }
    const auto at = static_cast<std::size_t>(off);
    if (at >= h.text.size()) return (void)fuse_reply_buf(req, nullptr, 0);
    fuse_reply_buf(req, h.text.data() + at, std::min(size, h.text.size() - at));
}

// A piece of the request this open file writes (control_request.hpp): refused with EINVAL when
// it shows the request wrong, and every later piece too (the reason was given once).
void fs_write(fuse_req_t req, fuse_ino_t, const char* buf, size_t size, off_t, fuse_file_info* fi) {
    auto& fs = impl(req);
    auto it = fs.handles.find(fi->fh);
    if (it == fs.handles.end() || !it->second.request) return (void)fuse_reply_err(req, EBADF);
    Handle& h = it->second;
    if (h.request->refused()) return (void)fuse_reply_err(req, EINVAL);
    const auto step = h.request->add(*fs.drives[h.node.drive], std::string_view(buf, size));
    fs.record(h.node, step);
    if (!step) return (void)fuse_reply_err(req, EINVAL);
    fuse_reply_write(req, size);
}

// Each close(): what the open file wrote is a whole request now, and close() fails with its
// refusal. (release comes later and its answer reaches no one.)
void fs_flush(fuse_req_t req, fuse_ino_t, fuse_file_info* fi) {
    auto& fs = impl(req);
    auto it = fs.handles.find(fi->fh);
    fuse_reply_err(req, it == fs.handles.end() ? 0 : fs.finish_request(it->second));
}

void fs_release(fuse_req_t req, fuse_ino_t, fuse_file_info* fi) {
    auto& fs = impl(req);
    if (auto it = fs.handles.find(fi->fh); it != fs.handles.end()) (void)fs.finish_request(it->second);
    fs.handles.erase(fi->fh);
    fs.serve_waiting(); // a reader still waiting on this handle gets its end of file
    fuse_reply_err(req, 0);
}

const fuse_lowlevel_ops operations = [] {
    fuse_lowlevel_ops ops{};
    ops.lookup = fs_lookup;
    ops.getattr = fs_getattr;
    ops.setattr = fs_setattr;
    ops.readdir = fs_readdir;
    ops.open = fs_open;
    ops.read = fs_read;
    ops.write = fs_write;
    ops.flush = fs_flush;
    ops.release = fs_release;
    // The tree is fixed: nothing is made, removed or renamed (EACCES and EPERM, as sysfs answers).
    ops.create = [](fuse_req_t req, fuse_ino_t, const char*, mode_t, fuse_file_info*) { fuse_reply_err(req, EACCES); };
    ops.mknod = [](fuse_req_t req, fuse_ino_t, const char*, mode_t, dev_t) { fuse_reply_err(req, EACCES); };
    ops.mkdir = [](fuse_req_t req, fuse_ino_t, const char*, mode_t) { fuse_reply_err(req, EACCES); };
    ops.symlink = [](fuse_req_t req, const char*, fuse_ino_t, const char*) { fuse_reply_err(req, EACCES); };
    ops.link = [](fuse_req_t req, fuse_ino_t, fuse_ino_t, const char*) { fuse_reply_err(req, EACCES); };
    ops.unlink = [](fuse_req_t req, fuse_ino_t, const char*) { fuse_reply_err(req, EPERM); };
    ops.rmdir = [](fuse_req_t req, fuse_ino_t, const char*) { fuse_reply_err(req, EPERM); };
    ops.rename = [](fuse_req_t req, fuse_ino_t, const char*, fuse_ino_t, const char*, unsigned int) {
        fuse_reply_err(req, EPERM);
    };
    return ops;
}();

} // namespace

std::expected<std::unique_ptr<ControlFs>, std::string> ControlFs::mount(const std::filesystem::path& dir,
                                                                        std::vector<ServedDrive*> drives) {
    if (drives.empty()) return std::unexpected("no drive to control");
    // Held until mounted: a run starting at the same time on `dir` then finds this one there.
    auto claim = claim_mount_point(dir);
    if (!claim) return std::unexpected(claim.error());
    std::unique_ptr<ControlFs> fs(new ControlFs());
    fs->dir_ = dir;
    fs->impl_ = std::make_unique<Impl>();
    Impl& im = *fs->impl_;
    im.drives = std::move(drives);
    im.last_error.resize(im.drives.size());
    ::clock_gettime(CLOCK_REALTIME, &im.mounted);

    std::string prog = "mmc-emu", o = "-o", opts = "default_permissions,fsname=spindle,subtype=spindle";
    char* argv[] = {prog.data(), o.data(), opts.data(), nullptr};
    fuse_args args = FUSE_ARGS_INIT(3, argv);
    im.session = fuse_session_new(&args, &operations, sizeof operations, &im);
    fuse_opt_free_args(&args);
    if (im.session == nullptr) return std::unexpected("cannot create the FUSE session");
    if (fuse_session_mount(im.session, dir.c_str()) != 0) {
        fuse_session_destroy(im.session);
        im.session = nullptr;
        return std::unexpected(fmt::format("cannot mount {} (is /dev/fuse there and usable?)", dir.string()));
    }
    if (auto s = im.loop.start(im.session, [&im] { return im.tick(); }); !s) {
        fs->unmount();
        return std::unexpected(s.error());
    }
    for (auto* d : im.drives)
        d->set_listener([&im] {
            if (im.has_waiting.load()) im.loop.wake();
        });
    return fs;
}

void ControlFs::unmount() {
    if (!impl_ || impl_->session == nullptr) return;
    for (auto* d : impl_->drives) d->set_listener({});
    impl_->loop.stop();
    // The loop's thread is gone: readers still waiting get their end of file from here.
    for (const auto& w : impl_->waiting) fuse_reply_buf(w.req, nullptr, 0);
    impl_->waiting.clear();
    fuse_session_unmount(impl_->session);
    fuse_session_destroy(impl_->session);
    impl_->session = nullptr;
}

ControlFs::~ControlFs() { unmount(); }

} // namespace spindle::fusectl
