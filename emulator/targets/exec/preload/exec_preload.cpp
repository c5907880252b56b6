// libspindle-exec-preload.so: what `mmc-emu exec` preloads before umockdev's preload, for what
// umockdev 0.17 does not fake on a device node (emulator/targets/exec/README.md).
//
// Every descriptor a program has on an emulated node (/dev/srN, /dev/scdN, /dev/sgN) is tracked
// here, with a twin: the node opened through umockdev, which carries its ioctls to our handler
// and its record locks.
// - open, openat (an absolute node path), fopen of a node: umockdev opens it, then a block
//   node's descriptor is made to refer to the disc's user data, read-only (the path comes from
//   the handler, exec_protocol.hpp), so read, pread, lseek and mmap see the disc at native speed.
//   Without a disc, an open without O_NONBLOCK fails with ENOMEDIUM, as sr's does.
// - ioctl goes through the twin, so descriptors umockdev never saw (dup'ed ones, and those a
//   program inherits across exec, which growisofs does to reload the tray) work too.
//   Descriptors are inherited through SPINDLE_EXEC_FDS in the environment, checked against the
//   open file's device and inode before they are believed.
// - fstat, fstatat(fd, "", AT_EMPTY_PATH) report the device (block 11:N or char 21:N), as
//   umockdev's stat does for the path.
// - fcntl record locks apply to the twin (the node), as libburn's F_SETLK expects.
// - read of a block node is the disc's data without a round trip; write is refused (EROFS):
//   burners write through SG_IO.
//
// Built without sanitizers and without the C++ library: it is loaded into any program.
#include "emulator/targets/exec/exec_protocol.hpp"
#include "emulator/targets/exec/stream_io.hpp"

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <scsi/sg.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

namespace {

using spindle::exec::await_message;
using spindle::exec::NodeKind;
using spindle::exec::receive_all;
using spindle::exec::send_all;

struct TrackedNode {
    int fd = -1;
    int twin = -1;                // the node opened through umockdev: ioctls and locks
    int channel = -1;             // SG_IO's fast path (exec_protocol.hpp), connected at the first SG_IO
    int timeout_ticks = 60 * 100; // SG_SET_TIMEOUT's, for an SG_IO that gives none (USER_HZ)
    NodeKind kind = NodeKind::Block;
    unsigned index = 0;
    dev_t dev = 0; // of the file behind `fd`: how an inherited descriptor is recognised
    ino_t ino = 0;
};

constexpr int max_tracked = 64;
TrackedNode tracked[max_tracked];
pthread_mutex_t tracked_lock = PTHREAD_MUTEX_INITIALIZER;
// One SG_IO at a time on the fast path's connections: a request and its reply must not
// interleave with another thread's.
pthread_mutex_t channel_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_once_t inherited_once = PTHREAD_ONCE_INIT;
constexpr const char* inherited_variable = "SPINDLE_EXEC_FDS";

template <class F>
F next(const char* name) {
    return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

using Open = int (*)(const char*, int, ...);
using Close = int (*)(int);
using Ioctl = int (*)(int, unsigned long, ...);
using Fstat = int (*)(int, struct stat*);

// libc's own read, bypassing umockdev's (which asks the handler first).
ssize_t libc_read(int fd, void* buf, size_t n) {
    using Read = ssize_t (*)(int, void*, size_t);
    static Read real = nullptr;
    if (real == nullptr) {
        void* libc = dlopen("libc.so.6", RTLD_LAZY | RTLD_NOLOAD);
        real = reinterpret_cast<Read>(dlsym(libc != nullptr ? libc : RTLD_NEXT, "read"));
    }
    return real(fd, buf, n);
}

// "/dev/sr0" -> Block 0, "/dev/scd1" -> Block 1, "/dev/sg2" -> Char 2, when the testbed has it.
bool node_of_path(const char* path, NodeKind& kind, unsigned& index) {
    if (path == nullptr || std::strncmp(path, "/dev/", 5) != 0) return false;
    const char* name = path + 5;
    const char* digits = nullptr;
    if (std::strncmp(name, "sr", 2) == 0) {
        kind = NodeKind::Block;
        digits = name + 2;
    } else if (std::strncmp(name, "scd", 3) == 0) {
        kind = NodeKind::Block;
        digits = name + 3;
    } else if (std::strncmp(name, "sg", 2) == 0) {
        kind = NodeKind::Char;
        digits = name + 2;
    } else {
        return false;
    }
    if (*digits < '0' || *digits > '9') return false;
    char* end = nullptr;
    const unsigned long n = std::strtoul(digits, &end, 10);
    if (*end != '\0' || n > 255) return false;
    index = static_cast<unsigned>(n);
    const char* root = std::getenv("UMOCKDEV_DIR");
    char testbed_path[4096];
    if (root == nullptr ||
        std::snprintf(testbed_path, sizeof testbed_path, "%s%s", root, path) >= static_cast<int>(sizeof testbed_path))
        return false;
    return access(testbed_path, F_OK) == 0;
}

// The node's path for a tracked entry (the sr name serves scd's too: one device).
void node_path(const TrackedNode& n, char* out, size_t room) {
    std::snprintf(out, room, n.kind == NodeKind::Block ? "/dev/sr%u" : "/dev/sg%u", n.index);
}

int open_twin(const TrackedNode& n) {
    char path[32];
    node_path(n, path, sizeof path);
    return next<Open>("open")(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
}

TrackedNode* find(int fd) {
    for (auto& t : tracked)
        if (t.fd == fd) return &t;
    return nullptr;
}

// SPINDLE_EXEC_FDS=fd:kind:index:dev:ino,... for a program this one may exec. Called with
// tracked_lock held.
void publish() {
    char text[max_tracked * 64] = "";
    size_t used = 0;
    for (const auto& t : tracked)
        if (t.fd >= 0 && used < sizeof text - 64)
            used += static_cast<size_t>(std::snprintf(text + used, sizeof text - used, "%s%d:%d:%u:%lu:%lu",
                                                      used > 0 ? "," : "", t.fd, static_cast<int>(t.kind), t.index,
                                                      static_cast<unsigned long>(t.dev),
                                                      static_cast<unsigned long>(t.ino)));
    if (used > 0)
        setenv(inherited_variable, text, 1);
    else
        unsetenv(inherited_variable);
}

void track(TrackedNode node) {
    struct stat st {};
    if (next<Fstat>("fstat")(node.fd, &st) == 0) {
        node.dev = st.st_dev;
        node.ino = st.st_ino;
    }
    pthread_mutex_lock(&tracked_lock);
    TrackedNode* slot = find(node.fd);
    if (slot == nullptr) slot = find(-1);
    if (slot != nullptr) *slot = node;
    publish();
    pthread_mutex_unlock(&tracked_lock);
}

// Forgets `fd` as a node, closing its twin.
void untrack(int fd) {
    if (fd < 0) return;
    int twin = -1, channel = -1;
    pthread_mutex_lock(&tracked_lock);
    if (TrackedNode* t = find(fd); t != nullptr) {
        twin = t->twin;
        channel = t->channel;
        *t = TrackedNode{};
        publish();
    }
    pthread_mutex_unlock(&tracked_lock);
    if (twin >= 0) next<Close>("close")(twin);
    if (channel >= 0) next<Close>("close")(channel);
}

// A forked child must not talk on its parent's connections: it gets its own at its first SG_IO.
void forget_channels_in_child() {
    for (auto& t : tracked)
        if (t.channel >= 0) {
            next<Close>("close")(t.channel);
            t.channel = -1;
        }
}

// Descriptors this program inherited on nodes (listed by the program that exec'ed it, and still
// the same open files), each given a twin of its own.
void adopt_inherited() {
    pthread_atfork(nullptr, nullptr, forget_channels_in_child);
    const char* list = std::getenv(inherited_variable);
    if (list == nullptr) return;
    char copy[max_tracked * 64];
    std::snprintf(copy, sizeof copy, "%s", list);
    char* save = nullptr;
    for (char* item = strtok_r(copy, ",", &save); item != nullptr; item = strtok_r(nullptr, ",", &save)) {
        int fd = -1, kind = 0;
        unsigned index = 0;
        unsigned long dev = 0, ino = 0;
        if (std::sscanf(item, "%d:%d:%u:%lu:%lu", &fd, &kind, &index, &dev, &ino) != 5) continue;
        struct stat st {};
        if (next<Fstat>("fstat")(fd, &st) != 0 || st.st_dev != dev || st.st_ino != ino) continue;
        TrackedNode node;
        node.fd = fd;
        node.kind = kind == 0 ? NodeKind::Block : NodeKind::Char;
        node.index = index;
        node.twin = open_twin(node);
        track(node);
    }
    pthread_mutex_lock(&tracked_lock);
    publish();
    pthread_mutex_unlock(&tracked_lock);
}

bool lookup(int fd, TrackedNode& out) {
    pthread_once(&inherited_once, adopt_inherited);
    if (fd < 0) return false;
    pthread_mutex_lock(&tracked_lock);
    const TrackedNode* t = find(fd);
    if (t != nullptr) out = *t;
    pthread_mutex_unlock(&tracked_lock);
    return t != nullptr;
}

// The channel of the tracked descriptor `fd`, connected when it has none yet. Called with
// channel_lock held.
int channel_of(int fd) {
    pthread_mutex_lock(&tracked_lock);
    TrackedNode* t = find(fd);
    int channel = t != nullptr ? t->channel : -1;
    pthread_mutex_unlock(&tracked_lock);
    if (channel >= 0) return channel;
    const char* root = std::getenv("UMOCKDEV_DIR");
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (root == nullptr || std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s/%s", root,
                                         spindle::exec::sgio_socket_name) >= static_cast<int>(sizeof addr.sun_path))
        return -1;
    channel = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (channel < 0) return -1;
    if (connect(channel, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        next<Close>("close")(channel);
        return -1;
    }
    pthread_mutex_lock(&tracked_lock);
    if (TrackedNode* u = find(fd); u != nullptr && u->channel < 0) u->channel = channel;
    pthread_mutex_unlock(&tracked_lock);
    return channel;
}

// The caller's data buffers for an SG_IO: dxferp itself, or its list's pieces cut to dxfer_len
// as sg cuts them. Their total in `length`; false when the list is out of limits.
bool data_pieces(const sg_io_hdr_t& h, iovec* pieces, int& count, size_t& length) {
    count = 0;
    length = 0;
    if (h.dxfer_direction == SG_DXFER_NONE || h.dxferp == nullptr || h.dxfer_len == 0) return true;
    if (h.iovec_count == 0) {
        pieces[count++] = iovec{h.dxferp, h.dxfer_len};
        length = h.dxfer_len;
        return true;
    }
    if (h.iovec_count > spindle::exec::sgio_max_pieces) return false;
    const auto* list = static_cast<const sg_iovec_t*>(h.dxferp);
    for (unsigned i = 0; i < h.iovec_count && length < h.dxfer_len; ++i) {
        const size_t n = list[i].iov_len < h.dxfer_len - length ? list[i].iov_len : h.dxfer_len - length;
        if (n == 0) continue;
        pieces[count++] = iovec{list[i].iov_base, n};
        length += n;
    }
    return true;
}

bool sends_data(int direction) {
    return direction == SG_DXFER_TO_DEV || direction == SG_DXFER_TO_FROM_DEV || direction == -5; // SG_DXFER_UNKNOWN
}

// SG_IO on a node through the fast path: one request, one reply (sgio_channel.hpp). -1 with
// errno as the ioctl fails; 0 with the header's result fields, the sense and the data filled.
int sg_io_fast(const TrackedNode& node, sg_io_hdr_t* h) {
    static iovec pieces[spindle::exec::sgio_max_pieces + 1];
    spindle::exec::SgioRequest request{};
    request.drive = node.index;
    request.kind = node.kind;
    request.interface_id = static_cast<unsigned char>(h->interface_id);
    request.cmd_len = h->cmd_len;
    request.mx_sb_len = h->mx_sb_len;
    if (h->cmdp != nullptr) std::memcpy(request.cdb, h->cmdp, h->cmd_len < 16 ? h->cmd_len : 16);
    request.dxfer_direction = h->dxfer_direction;
    request.iovec_count = h->iovec_count;
    request.timeout_ms = h->timeout != 0 ? h->timeout : static_cast<std::uint32_t>(node.timeout_ticks) * 10;

    pthread_mutex_lock(&channel_lock);
    int count = 0;
    size_t length = 0;
    const bool in_limits = data_pieces(*h, pieces + 1, count, length);
    request.dxfer_len = static_cast<std::uint32_t>(in_limits ? length : h->dxfer_len);
    if (in_limits && h->iovec_count > 0 && h->dxfer_len > 0 && length == 0) { // as sg: a list that holds nothing
        pthread_mutex_unlock(&channel_lock);
        errno = EINVAL;
        return -1;
    }
    const bool send_data = in_limits && sends_data(h->dxfer_direction) && length <= spindle::exec::sgio_max_transfer;
    request.data_len = send_data ? static_cast<std::uint32_t>(length) : 0;
    pieces[0] = iovec{&request, sizeof request};
    const int channel = channel_of(node.fd);
    spindle::exec::SgioReply reply{};
    unsigned char sense[256];
    bool ok = channel >= 0 && send_all(channel, pieces, send_data ? count + 1 : 1) && await_message(channel) &&
              receive_all(channel, &reply, sizeof reply);
    if (ok && reply.error == 0) {
        ok = receive_all(channel, sense, reply.sb_len_wr);
        size_t left = reply.data_in_len;
        for (int i = 1; ok && i <= count && left > 0; ++i) { // straight into the caller's buffers
            const size_t n = pieces[i].iov_len < left ? pieces[i].iov_len : left;
            ok = receive_all(channel, pieces[i].iov_base, n);
            left -= n;
        }
        ok = ok && left == 0;
    }
    pthread_mutex_unlock(&channel_lock);
    if (!ok) {
        errno = EIO; // the server went away
        return -1;
    }
    if (reply.error != 0) {
        errno = reply.error;
        return -1;
    }
    const unsigned char written = reply.sb_len_wr < h->mx_sb_len ? reply.sb_len_wr : h->mx_sb_len;
    if (h->sbp != nullptr) std::memcpy(h->sbp, sense, written);
    h->status = reply.status;
    h->masked_status = reply.masked_status;
    h->msg_status = reply.msg_status;
    h->sb_len_wr = h->sbp != nullptr ? written : 0;
    h->host_status = reply.host_status;
    h->driver_status = reply.driver_status;
    h->resid = reply.resid;
    h->duration = reply.duration;
    h->info = reply.info;
    return 0;
}

// Called with the descriptor umockdev's open returned for `path`: a node's gets its twin, and a
// block node's is pointed at the disc's data.
int attach_node(int fd, const char* path, int flags) {
    NodeKind kind{};
    unsigned index = 0;
    if (fd < 0 || !node_of_path(path, kind, index)) return fd;
    pthread_once(&inherited_once, adopt_inherited);
    TrackedNode node;
    node.fd = fd;
    node.kind = kind;
    node.index = index;
    node.twin = open_twin(node);
    if (kind == NodeKind::Block && node.twin >= 0) {
        spindle::exec::DiscData disc{};
        if (next<Ioctl>("ioctl")(node.twin, spindle::exec::get_disc_data, &disc) == 0) {
            disc.path[sizeof disc.path - 1] = '\0';
            const int data = next<Open>("open")(disc.path, O_RDONLY | O_CLOEXEC);
            if (data >= 0) {
                next<int (*)(int, int, int)>("dup3")(data, fd, flags & O_CLOEXEC);
                next<Close>("close")(data);
            }
        } else if (errno == ENOMEDIUM && (flags & O_NONBLOCK) == 0) {
            next<Close>("close")(node.twin);
            next<Close>("close")(fd);
            errno = ENOMEDIUM;
            return -1;
        }
    }
    track(node);
    return fd;
}

// A new descriptor on the same node as `from` (dup and its kin).
int attach_copy(int from, int fd) {
    TrackedNode node;
    if (fd < 0 || !lookup(from, node)) return fd;
    node.fd = fd;
    node.twin = open_twin(node);
    track(node);
    return fd;
}

void as_device(const TrackedNode& node, struct stat* st) {
    st->st_mode = (st->st_mode & ~static_cast<mode_t>(S_IFMT)) | (node.kind == NodeKind::Block ? S_IFBLK : S_IFCHR);
    st->st_rdev = node.kind == NodeKind::Block ? makedev(spindle::exec::sr_major, node.index)
                                               : makedev(spindle::exec::sg_major, node.index);
    st->st_size = 0;
    st->st_blocks = 0;
}

mode_t mode_arg(int flags, va_list ap) {
    return (flags & (O_CREAT | O_TMPFILE)) != 0 ? static_cast<mode_t>(va_arg(ap, int)) : 0;
}

// What fopen's mode asks of open, as far as attach_node cares.
int fopen_flags(const char* mode) {
    const int flags = std::strchr(mode, 'e') != nullptr ? O_CLOEXEC : 0;
    return flags | (mode[0] == 'r' && std::strchr(mode, '+') == nullptr ? O_RDONLY : O_RDWR);
}

FILE* attach_stream(FILE* f, const char* path, const char* mode) {
    if (f == nullptr) return f;
    const int fd = fileno(f);
    if (attach_node(fd, path, fopen_flags(mode)) < 0) { // its descriptor is closed already
        const int error = errno;
        using Fclose = int (*)(FILE*);
        next<Fclose>("fclose")(f);
        errno = error;
        return nullptr;
    }
    return f;
}

int open_node_or_file(const char* real, const char* path, int flags, mode_t mode) {
    return attach_node(next<Open>(real)(path, flags, mode), path, flags);
}

} // namespace

extern "C" {

int open(const char* path, int flags, ...) {
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = mode_arg(flags, ap);
    va_end(ap);
    return open_node_or_file("open", path, flags, mode);
}

int open64(const char* path, int flags, ...) {
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = mode_arg(flags, ap);
    va_end(ap);
    return open_node_or_file("open64", path, flags, mode);
}

int __open_2(const char* path, int flags) {
    using Open2 = int (*)(const char*, int);
    return attach_node(next<Open2>("__open_2")(path, flags), path, flags);
}

int __open64_2(const char* path, int flags) {
    using Open2 = int (*)(const char*, int);
    return attach_node(next<Open2>("__open64_2")(path, flags), path, flags);
}

// umockdev routes open() only: an absolute node path given to openat takes that way.
int openat(int dirfd, const char* path, int flags, ...) {
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = mode_arg(flags, ap);
    va_end(ap);
    NodeKind kind{};
    unsigned index = 0;
    if (node_of_path(path, kind, index)) return open_node_or_file("open", path, flags, mode);
    using OpenAt = int (*)(int, const char*, int, ...);
    return next<OpenAt>("openat")(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char* path, int flags, ...) {
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = mode_arg(flags, ap);
    va_end(ap);
    NodeKind kind{};
    unsigned index = 0;
    if (node_of_path(path, kind, index)) return open_node_or_file("open64", path, flags, mode);
    using OpenAt = int (*)(int, const char*, int, ...);
    return next<OpenAt>("openat64")(dirfd, path, flags, mode);
}

FILE* fopen(const char* path, const char* mode) {
    using Fopen = FILE* (*)(const char*, const char*);
    return attach_stream(next<Fopen>("fopen")(path, mode), path, mode);
}

FILE* fopen64(const char* path, const char* mode) {
    using Fopen = FILE* (*)(const char*, const char*);
    return attach_stream(next<Fopen>("fopen64")(path, mode), path, mode);
}

int close(int fd) {
    untrack(fd);
    static const Close real = next<Close>("close");
    return real(fd);
}

// A stream's descriptor is closed inside libc, past close(): untrack it first.
int fclose(FILE* f) {
    if (f != nullptr) untrack(fileno(f));
    using Fclose = int (*)(FILE*);
    static const Fclose real = next<Fclose>("fclose");
    return real(f);
}

int dup(int fd) {
    using Dup = int (*)(int);
    static const Dup real = next<Dup>("dup");
    return attach_copy(fd, real(fd));
}

// The descriptor number dup2/dup3 reuse stops being what it was, and becomes what `oldfd` is.
int dup2(int oldfd, int newfd) {
    using Dup2 = int (*)(int, int);
    static const Dup2 real = next<Dup2>("dup2");
    if (oldfd == newfd) return real(oldfd, newfd);
    untrack(newfd);
    return attach_copy(oldfd, real(oldfd, newfd));
}

int dup3(int oldfd, int newfd, int flags) {
    using Dup3 = int (*)(int, int, int);
    static const Dup3 real = next<Dup3>("dup3");
    if (oldfd != newfd) untrack(newfd);
    return attach_copy(oldfd, real(oldfd, newfd, flags));
}

int ioctl(int fd, unsigned long request, ...) {
    va_list ap;
    va_start(ap, request);
    void* arg = va_arg(ap, void*);
    va_end(ap);
    static const Ioctl real = next<Ioctl>("ioctl");
    TrackedNode node;
    if (!lookup(fd, node) || node.twin < 0) return real(fd, request, arg);
    if (request == SG_IO && arg != nullptr) return sg_io_fast(node, static_cast<sg_io_hdr_t*>(arg));
    const int r = real(node.twin, request, arg);
    if (r == 0 && request == SG_SET_TIMEOUT && arg != nullptr) { // what an SG_IO without a timeout takes
        pthread_mutex_lock(&tracked_lock);
        if (TrackedNode* t = find(fd); t != nullptr) t->timeout_ticks = *static_cast<const int*>(arg);
        pthread_mutex_unlock(&tracked_lock);
    }
    return r;
}

int fstat(int fd, struct stat* st) {
    const int r = next<Fstat>("fstat")(fd, st);
    if (TrackedNode node; r == 0 && lookup(fd, node)) as_device(node, st);
    return r;
}

int fstat64(int fd, struct stat64* st) {
    using Fstat64 = int (*)(int, struct stat64*);
    const int r = next<Fstat64>("fstat64")(fd, st);
    if (TrackedNode node; r == 0 && lookup(fd, node)) as_device(node, reinterpret_cast<struct stat*>(st));
    return r;
}

int __fxstat(int ver, int fd, struct stat* st) {
    using Fxstat = int (*)(int, int, struct stat*);
    const int r = next<Fxstat>("__fxstat")(ver, fd, st);
    if (TrackedNode node; r == 0 && lookup(fd, node)) as_device(node, st);
    return r;
}

int __fxstat64(int ver, int fd, struct stat64* st) {
    using Fxstat = int (*)(int, int, struct stat64*);
    const int r = next<Fxstat>("__fxstat64")(ver, fd, st);
    if (TrackedNode node; r == 0 && lookup(fd, node)) as_device(node, reinterpret_cast<struct stat*>(st));
    return r;
}

int fstatat(int dirfd, const char* path, struct stat* st, int flags) {
    using Fstatat = int (*)(int, const char*, struct stat*, int);
    const int r = next<Fstatat>("fstatat")(dirfd, path, st, flags);
    if (TrackedNode node; r == 0 && path[0] == '\0' && lookup(dirfd, node)) as_device(node, st);
    return r;
}

int fstatat64(int dirfd, const char* path, struct stat64* st, int flags) {
    using Fstatat = int (*)(int, const char*, struct stat64*, int);
    const int r = next<Fstatat>("fstatat64")(dirfd, path, st, flags);
    if (TrackedNode node; r == 0 && path[0] == '\0' && lookup(dirfd, node))
        as_device(node, reinterpret_cast<struct stat*>(st));
    return r;
}

int fcntl(int fd, int cmd, ...) {
    va_list ap;
    va_start(ap, cmd);
    void* arg = va_arg(ap, void*);
    va_end(ap);
    using Fcntl = int (*)(int, int, ...);
    static const Fcntl real = next<Fcntl>("fcntl");
    const bool lock = cmd == F_SETLK || cmd == F_SETLKW || cmd == F_GETLK || cmd == F_OFD_SETLK ||
                      cmd == F_OFD_SETLKW || cmd == F_OFD_GETLK;
    TrackedNode node;
    const bool is_node = lookup(fd, node);
    if (lock && is_node && node.twin >= 0) return real(node.twin, cmd, arg);
    const int r = real(fd, cmd, arg);
    if (is_node && (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)) return attach_copy(fd, r);
    return r;
}

int fcntl64(int fd, int cmd, ...) {
    va_list ap;
    va_start(ap, cmd);
    void* arg = va_arg(ap, void*);
    va_end(ap);
    return fcntl(fd, cmd, arg);
}

// umockdev's preload sleeps usleep(0) after every ioctl it forwards, to let another thread take
// its lock; a zero sleep still waits for the timer slack (50 us by default), a third of an SG_IO
// round trip. A yield lets the other thread in as well.
int usleep(useconds_t us) {
    if (us == 0) return sched_yield();
    using Usleep = int (*)(useconds_t);
    static const Usleep real = next<Usleep>("usleep");
    return real(us);
}

ssize_t read(int fd, void* buf, size_t n) {
    if (TrackedNode node; lookup(fd, node) && node.kind == NodeKind::Block) return libc_read(fd, buf, n);
    using Read = ssize_t (*)(int, void*, size_t);
    static const Read real = next<Read>("read");
    return real(fd, buf, n);
}

ssize_t write(int fd, const void* buf, size_t n) {
    if (TrackedNode node; lookup(fd, node) && node.kind == NodeKind::Block) {
        errno = EROFS;
        return -1;
    }
    using Write = ssize_t (*)(int, const void*, size_t);
    static const Write real = next<Write>("write");
    return real(fd, buf, n);
}

} // extern "C"
