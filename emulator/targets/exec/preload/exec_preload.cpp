// libspindle-exec-preload.so: what `mmc-emu exec` preloads before umockdev's preload, for the
// calls umockdev 0.17 does not fake on a device node (emulator/targets/exec/README.md).
//
// - open/openat of /dev/srN or /dev/scdN (the block nodes): after umockdev's open has connected
//   the descriptor to our ioctl handler, the descriptor is made to refer to the disc's user
//   data, opened read-only (the path comes from the handler, exec_protocol.hpp), so read, pread,
//   lseek and mmap see the disc at native speed. Without a disc, an open without O_NONBLOCK
//   fails with ENOMEDIUM, as sr's does.
// - openat with an absolute node path goes through open, so that its ioctls are routed too.
// - fstat and fstatat(fd, "", AT_EMPTY_PATH) of such a descriptor report the device (block
//   11:N or char 21:N), as umockdev's stat does for the path.
// - fcntl record locks on it apply to the node itself, so that libburn's F_SETLK excludes other
//   processes as on a real device, whatever the disc file's access mode.
// - read of a block node goes straight to the disc data, without a round trip to the handler;
//   write is refused (EROFS): burners write through SG_IO.
//
// Built without sanitizers and without the C++ library: it is loaded into any program.
#include "emulator/targets/exec/exec_protocol.hpp"

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace {

using spindle::exec::NodeKind;

struct TrackedNode {
    int fd = -1;
    int lock_fd = -1; // the testbed's node file, where record locks go
    NodeKind kind = NodeKind::Block;
    unsigned index = 0;
};

constexpr int max_tracked = 64;
TrackedNode tracked[max_tracked];
pthread_mutex_t tracked_lock = PTHREAD_MUTEX_INITIALIZER;

template <class F>
F next(const char* name) {
    return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

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
bool node_of_path(const char* path, NodeKind& kind, unsigned& index, char* testbed_path, size_t room) {
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
    if (root == nullptr) return false;
    if (std::snprintf(testbed_path, room, "%s%s", root, path) >= static_cast<int>(room)) return false;
    return access(testbed_path, F_OK) == 0;
}

TrackedNode* find(int fd) {
    for (auto& t : tracked)
        if (t.fd == fd) return &t;
    return nullptr;
}

bool lookup(int fd, TrackedNode& out) {
    if (fd < 0) return false;
    pthread_mutex_lock(&tracked_lock);
    const TrackedNode* t = find(fd);
    if (t != nullptr) out = *t;
    pthread_mutex_unlock(&tracked_lock);
    return t != nullptr;
}

void track(const TrackedNode& node) {
    pthread_mutex_lock(&tracked_lock);
    TrackedNode* slot = find(node.fd);
    if (slot == nullptr) slot = find(-1);
    if (slot != nullptr) *slot = node;
    pthread_mutex_unlock(&tracked_lock);
}

int untrack(int fd) { // the lock descriptor to close, or -1
    int lock_fd = -1;
    pthread_mutex_lock(&tracked_lock);
    if (TrackedNode* t = find(fd); t != nullptr && fd >= 0) {
        lock_fd = t->lock_fd;
        *t = TrackedNode{};
    }
    pthread_mutex_unlock(&tracked_lock);
    return lock_fd;
}

// Called with the descriptor umockdev's open returned for a node: the disc's data behind it.
int attach_node(int fd, const char* path, int flags) {
    NodeKind kind{};
    unsigned index = 0;
    char testbed_path[4096];
    if (fd < 0 || !node_of_path(path, kind, index, testbed_path, sizeof testbed_path)) return fd;
    using Open = int (*)(const char*, int, ...);
    if (kind == NodeKind::Block) {
        spindle::exec::DiscData disc{};
        if (ioctl(fd, spindle::exec::get_disc_data, &disc) != 0) {
            const int error = errno;
            if (error == ENOMEDIUM && (flags & O_NONBLOCK) == 0) {
                close(fd);
                errno = ENOMEDIUM;
                return -1;
            }
        } else {
            disc.path[sizeof disc.path - 1] = '\0';
            const int data = next<Open>("open")(disc.path, O_RDONLY | O_CLOEXEC);
            if (data >= 0) {
                dup3(data, fd, flags & O_CLOEXEC);
                close(data);
            }
        }
    }
    TrackedNode node;
    node.fd = fd;
    node.kind = kind;
    node.index = index;
    node.lock_fd = next<Open>("open")(testbed_path, O_RDWR | O_CLOEXEC);
    track(node);
    return fd;
}

// Forgets `fd` as a node, closing its lock descriptor.
void close_untracked(int fd) {
    const int lock_fd = untrack(fd);
    using Close = int (*)(int);
    if (lock_fd >= 0) next<Close>("close")(lock_fd);
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
    int flags = std::strchr(mode, 'e') != nullptr ? O_CLOEXEC : 0;
    return flags | (mode[0] == 'r' && std::strchr(mode, '+') == nullptr ? O_RDONLY : O_RDWR);
}

FILE* attach_stream(FILE* f, const char* path, const char* mode) {
    if (f != nullptr && attach_node(fileno(f), path, fopen_flags(mode)) < 0) {
        fclose(f);
        return nullptr;
    }
    return f;
}

} // namespace

extern "C" {

int open(const char* path, int flags, ...) {
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = mode_arg(flags, ap);
    va_end(ap);
    using Open = int (*)(const char*, int, ...);
    return attach_node(next<Open>("open")(path, flags, mode), path, flags);
}

int open64(const char* path, int flags, ...) {
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = mode_arg(flags, ap);
    va_end(ap);
    using Open = int (*)(const char*, int, ...);
    return attach_node(next<Open>("open64")(path, flags, mode), path, flags);
}

int __open_2(const char* path, int flags) {
    using Open = int (*)(const char*, int);
    return attach_node(next<Open>("__open_2")(path, flags), path, flags);
}

int __open64_2(const char* path, int flags) {
    using Open = int (*)(const char*, int);
    return attach_node(next<Open>("__open64_2")(path, flags), path, flags);
}

FILE* fopen(const char* path, const char* mode) {
    using Fopen = FILE* (*)(const char*, const char*);
    return attach_stream(next<Fopen>("fopen")(path, mode), path, mode);
}

FILE* fopen64(const char* path, const char* mode) {
    using Fopen = FILE* (*)(const char*, const char*);
    return attach_stream(next<Fopen>("fopen64")(path, mode), path, mode);
}

// umockdev routes open() only: an absolute node path given to openat takes that way.
int openat(int dirfd, const char* path, int flags, ...) {
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = mode_arg(flags, ap);
    va_end(ap);
    NodeKind kind{};
    unsigned index = 0;
    char testbed_path[4096];
    if (node_of_path(path, kind, index, testbed_path, sizeof testbed_path)) return open(path, flags, mode);
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
    char testbed_path[4096];
    if (node_of_path(path, kind, index, testbed_path, sizeof testbed_path)) return open(path, flags, mode);
    using OpenAt = int (*)(int, const char*, int, ...);
    return next<OpenAt>("openat64")(dirfd, path, flags, mode);
}

int close(int fd) {
    close_untracked(fd);
    using Close = int (*)(int);
    static const Close real = next<Close>("close");
    return real(fd);
}

// A stream's descriptor is closed inside libc, past close(): untrack it first.
int fclose(FILE* f) {
    if (f != nullptr) close_untracked(fileno(f));
    using Fclose = int (*)(FILE*);
    static const Fclose real = next<Fclose>("fclose");
    return real(f);
}

// A node's descriptor number that dup2/dup3 reuses is no longer the node.
int dup2(int oldfd, int newfd) {
    using Dup2 = int (*)(int, int);
    static const Dup2 real = next<Dup2>("dup2");
    if (oldfd != newfd) close_untracked(newfd);
    return real(oldfd, newfd);
}

int dup3(int oldfd, int newfd, int flags) {
    using Dup3 = int (*)(int, int, int);
    static const Dup3 real = next<Dup3>("dup3");
    if (oldfd != newfd) close_untracked(newfd);
    return real(oldfd, newfd, flags);
}

int fstat(int fd, struct stat* st) {
    using Fstat = int (*)(int, struct stat*);
    const int r = next<Fstat>("fstat")(fd, st);
    if (TrackedNode node; r == 0 && lookup(fd, node)) as_device(node, st);
    return r;
}

int fstat64(int fd, struct stat64* st) {
    using Fstat = int (*)(int, struct stat64*);
    const int r = next<Fstat>("fstat64")(fd, st);
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
    if (TrackedNode node; lock && lookup(fd, node) && node.lock_fd >= 0) return real(node.lock_fd, cmd, arg);
    return real(fd, cmd, arg);
}

int fcntl64(int fd, int cmd, ...) {
    va_list ap;
    va_start(ap, cmd);
    void* arg = va_arg(ap, void*);
    va_end(ap);
    return fcntl(fd, cmd, arg);
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
