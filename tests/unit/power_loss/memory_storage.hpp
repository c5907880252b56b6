#pragma once
// Files in memory that know what reached stable storage, for power-cut and I/O-error tests
// (a Storage, emulator/media/storage.hpp; the model is SQLite's crash VFS, test6.c):
// - every write and truncate is pending until its file is synced (fdatasync/fsync), every
//   create, rename and unlink until its directory is; reads see everything;
// - cut_power_at(N): the Nth call from now finds the power gone, and it and every later call
//   fail with EIO and change nothing;
// - power_on(mode): pending changes are dropped (DropAll), or each is kept, dropped or, for a
//   write, torn: some of its 512-byte sectors kept (Random); pending directory entries are
//   each kept or forgotten; then the files are what is durable, and no descriptor is open;
// - inject(fault): the Nth write, sync or rename from now fails with an errno. A failed sync
//   loses the file's pending writes (they are never made durable) while reads still see them,
//   and the next sync succeeds: Linux's writeback-error behaviour.
#include "emulator/media/storage.hpp"

#include <fcntl.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace spindle::test {

class MemoryStorage final : public Storage {
public:
    static constexpr std::size_t sector = 512;
    enum class CutMode { DropAll, Random };
    enum class Call { Write, Sync, Rename };
    struct Fault {
        Call call;
        unsigned nth; // 1: the next such call
        int error;
    };

    // --- the test's controls ---
    std::uint64_t calls() const { return calls_; }
    std::uint64_t calls_of(Call c) const { return by_kind_[static_cast<std::size_t>(c)]; }
    void cut_power_at(std::uint64_t call) { cut_at_ = calls_ + call; }
    bool dead() const { return dead_; }
    void inject(Fault f) {
        fault_ = f;
        fault_base_ = calls_of(f.call);
        fired_.reset();
    }
    const std::optional<Fault>& fault() const { return fault_; }
    // The path the injected fault hit, once it has.
    const std::optional<std::string>& fault_fired() const { return fired_; }
    void power_on(CutMode mode, std::mt19937_64& rng) {
        auto coin = [&] { return mode == CutMode::Random && (rng() & 1) != 0; };
        for (auto& [id, node] : inodes_) {
            for (const Op& op : node.pending) {
                if (mode == CutMode::DropAll) break;
                const auto choice = rng() % 3; // dropped, kept, torn
                if (choice == 0) continue;
                if (op.truncate || choice == 1) {
                    apply(node.durable, op);
                    continue;
                }
                for (std::uint64_t at = op.offset; at < op.offset + op.bytes.size();) {
                    const std::uint64_t end =
                        std::min<std::uint64_t>((at / sector + 1) * sector, op.offset + op.bytes.size());
                    if (coin()) node.durable.write(at, std::span(op.bytes).subspan(at - op.offset, end - at));
                    at = end;
                }
            }
            node.pending.clear();
            node.current = node.durable;
        }
        for (const DirOp& op : dir_pending_)
            if (coin()) apply(durable_names_, op);
        dir_pending_.clear();
        names_ = durable_names_;
        std::erase_if(inodes_, [&](const auto& entry) {
            return std::none_of(names_.begin(), names_.end(), [&](const auto& n) { return n.second == entry.first; });
        });
        fds_.clear();
        dead_ = false;
        cut_at_.reset();
        fault_.reset();
    }
    // Everything durable at once (a test's starting point).
    void sync_everything() {
        for (auto& [id, node] : inodes_) {
            for (const Op& op : node.pending) apply(node.durable, op);
            node.pending.clear();
        }
        for (const DirOp& op : dir_pending_) apply(durable_names_, op);
        dir_pending_.clear();
    }

    // --- Storage ---
    IoResult<int> open(const std::filesystem::path& path, int flags, unsigned) override {
        if (!step()) return std::unexpected(EIO);
        const std::string name = path.lexically_normal().string();
        auto it = names_.find(name);
        if (it != names_.end() && (flags & O_CREAT) != 0 && (flags & O_EXCL) != 0) return std::unexpected(EEXIST);
        if (it == names_.end()) {
            if ((flags & O_CREAT) == 0) return std::unexpected(ENOENT);
            const int id = next_inode_++;
            inodes_[id];
            it = names_.emplace(name, id).first;
            dir_pending_.push_back(DirOp{parent(name), {{name, id}}});
        }
        if ((flags & O_TRUNC) != 0) change(inodes_[it->second], Op{true, 0, {}});
        const int fd = next_fd_++;
        fds_[fd] = Open{it->second, name};
        return fd;
    }
    IoResult<void> close(int fd) override {
        if (!step()) return std::unexpected(EIO);
        if (fds_.erase(fd) == 0) return std::unexpected(EBADF);
        return {};
    }
    IoResult<std::size_t> pread(int fd, std::span<std::uint8_t> out, std::uint64_t offset) override {
        if (!step()) return std::unexpected(EIO);
        Inode* node = inode(fd);
        if (node == nullptr) return std::unexpected(EBADF);
        return node->current.read(offset, out);
    }
    IoResult<std::size_t> pwrite(int fd, std::span<const std::uint8_t> in, std::uint64_t offset) override {
        if (!step()) return std::unexpected(EIO);
        Inode* node = inode(fd);
        if (node == nullptr) return std::unexpected(EBADF);
        if (auto e = fault(Call::Write, fds_[fd].path)) return std::unexpected(*e);
        change(*node, Op{false, offset, std::vector<std::uint8_t>(in.begin(), in.end())});
        return in.size();
    }
    IoResult<void> fdatasync(int fd) override { return sync(fd); }
    IoResult<void> fsync(int fd) override { return sync(fd); }
    IoResult<std::uint64_t> size(int fd) override {
        if (!step()) return std::unexpected(EIO);
        Inode* node = inode(fd);
        if (node == nullptr) return std::unexpected(EBADF);
        return node->current.size;
    }
    IoResult<void> truncate(int fd, std::uint64_t bytes) override {
        if (!step()) return std::unexpected(EIO);
        Inode* node = inode(fd);
        if (node == nullptr) return std::unexpected(EBADF);
        change(*node, Op{true, bytes, {}});
        return {};
    }
    IoResult<void> rename(const std::filesystem::path& from, const std::filesystem::path& to) override {
        if (!step()) return std::unexpected(EIO);
        const std::string f = from.lexically_normal().string(), t = to.lexically_normal().string();
        if (auto e = fault(Call::Rename, t)) return std::unexpected(*e);
        auto it = names_.find(f);
        if (it == names_.end()) return std::unexpected(ENOENT);
        const DirOp op{parent(t), {{t, it->second}, {f, std::nullopt}}};
        apply(names_, op);
        dir_pending_.push_back(op);
        return {};
    }
    IoResult<void> unlink(const std::filesystem::path& path) override {
        if (!step()) return std::unexpected(EIO);
        const std::string name = path.lexically_normal().string();
        if (!names_.contains(name)) return std::unexpected(ENOENT);
        const DirOp op{parent(name), {{name, std::nullopt}}};
        apply(names_, op);
        dir_pending_.push_back(op);
        return {};
    }
    IoResult<void> sync_directory(const std::filesystem::path& dir) override {
        if (!step()) return std::unexpected(EIO);
        const std::string d = dir.lexically_normal().string();
        const auto e = fault(Call::Sync, d);
        std::erase_if(dir_pending_, [&](const DirOp& op) {
            if (op.dir != d) return false;
            if (!e) apply(durable_names_, op); // a failed sync loses them
            return true;
        });
        if (e) return std::unexpected(*e);
        return {};
    }
    bool is_regular_file(const std::filesystem::path& path) override {
        return step() && names_.contains(path.lexically_normal().string());
    }
    bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) override {
        if (!step()) return false;
        auto x = names_.find(a.lexically_normal().string()), y = names_.find(b.lexically_normal().string());
        return x != names_.end() && y != names_.end() && x->second == y->second;
    }
    int kernel_fd(int) const override { return -1; }

    // A file's contents as the program sees them now (tests).
    std::optional<std::vector<std::uint8_t>> contents(const std::filesystem::path& path) const {
        auto it = names_.find(path.lexically_normal().string());
        if (it == names_.end()) return std::nullopt;
        const Content& c = inodes_.at(it->second).current;
        std::vector<std::uint8_t> out(c.size);
        (void)c.read(0, out);
        return out;
    }

private:
    struct Content {
        std::map<std::uint64_t, std::array<std::uint8_t, sector>> sectors;
        std::uint64_t size = 0;
        std::size_t read(std::uint64_t offset, std::span<std::uint8_t> out) const {
            if (offset >= size) return 0;
            const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(out.size(), size - offset));
            std::fill_n(out.begin(), n, std::uint8_t{0});
            for (auto it = sectors.lower_bound(offset / sector); it != sectors.end() && it->first * sector < offset + n;
                 ++it) {
                const std::uint64_t from = std::max(offset, it->first * sector);
                const std::uint64_t to = std::min(offset + n, (it->first + 1) * sector);
                std::memcpy(out.data() + (from - offset), it->second.data() + (from - it->first * sector), to - from);
            }
            return n;
        }
        void write(std::uint64_t offset, std::span<const std::uint8_t> in) {
            for (std::size_t done = 0; done < in.size();) {
                const std::uint64_t at = offset + done;
                const std::size_t in_sector = static_cast<std::size_t>(at % sector);
                const std::size_t n = std::min(sector - in_sector, in.size() - done);
                auto [it, added] = sectors.try_emplace(at / sector);
                if (added) it->second.fill(0);
                std::memcpy(it->second.data() + in_sector, in.data() + done, n);
                done += n;
            }
            size = std::max<std::uint64_t>(size, offset + in.size());
        }
        void truncate(std::uint64_t bytes) {
            std::erase_if(sectors, [&](const auto& s) { return s.first * sector >= bytes; });
            if (auto it = sectors.find(bytes / sector); it != sectors.end())
                std::fill(it->second.begin() + static_cast<std::ptrdiff_t>(bytes % sector), it->second.end(), 0);
            size = bytes;
        }
    };
    struct Op {
        bool truncate;        // else a write
        std::uint64_t offset; // a truncate's new size
        std::vector<std::uint8_t> bytes;
    };
    struct Inode {
        Content current, durable;
        std::vector<Op> pending;
    };
    struct DirOp {
        std::string dir;
        std::vector<std::pair<std::string, std::optional<int>>> names; // set, or removed
    };
    struct Open {
        int inode;
        std::string path;
    };
    using Names = std::map<std::string, int>;

    static std::string parent(const std::string& path) { return std::filesystem::path(path).parent_path().string(); }
    static void apply(Content& c, const Op& op) {
        if (op.truncate)
            c.truncate(op.offset);
        else
            c.write(op.offset, op.bytes);
    }
    static void apply(Names& names, const DirOp& op) {
        for (const auto& [name, id] : op.names) {
            if (id)
                names[name] = *id;
            else
                names.erase(name);
        }
    }
    static void change(Inode& node, Op op) {
        apply(node.current, op);
        node.pending.push_back(std::move(op));
    }
    Inode* inode(int fd) {
        auto it = fds_.find(fd);
        return it == fds_.end() ? nullptr : &inodes_.at(it->second.inode);
    }
    // Counts a call; false once the power is gone.
    bool step() {
        if (cut_at_ && calls_ >= *cut_at_) dead_ = true;
        ++calls_;
        return !dead_;
    }
    std::optional<int> fault(Call c, const std::string& path) {
        const std::uint64_t n = ++by_kind_[static_cast<std::size_t>(c)] - fault_base_;
        if (!fault_ || fault_->call != c || n != fault_->nth) return std::nullopt;
        fired_ = path;
        return fault_->error;
    }
    IoResult<void> sync(int fd) {
        if (!step()) return std::unexpected(EIO);
        Inode* node = inode(fd);
        if (node == nullptr) return std::unexpected(EBADF);
        const auto e = fault(Call::Sync, fds_[fd].path);
        if (!e)
            for (const Op& op : node->pending) apply(node->durable, op);
        node->pending.clear(); // after a failure, lost: never durable, and the next sync succeeds
        if (e) return std::unexpected(*e);
        return {};
    }

    std::map<int, Inode> inodes_;
    Names names_, durable_names_;
    std::vector<DirOp> dir_pending_;
    std::map<int, Open> fds_;
    int next_inode_ = 1, next_fd_ = 3;
    std::uint64_t calls_ = 0;
    std::array<std::uint64_t, 3> by_kind_{};
    std::optional<std::uint64_t> cut_at_;
    bool dead_ = false;
    std::optional<Fault> fault_;
    std::uint64_t fault_base_ = 0;
    std::optional<std::string> fired_;
};

} // namespace spindle::test
