#pragma once
// One request from a program under `mmc-emu exec`, as umockdev hands it to our handler: the
// ioctl number, its argument, the client's memory behind pointers (fetched on demand and
// written back on completion), and its completion, now or later.
#include <umockdev.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>

namespace spindle::exec {

// A copy of the client's bytes at some address. Changes are written back when the call
// completes. Empty (no bytes) for a null pointer or a failed fetch.
class ClientMemory {
public:
    ClientMemory() = default;
    explicit ClientMemory(UMockdevIoctlData* data) : data_(data, &g_object_unref) {}
    explicit operator bool() const { return data_ != nullptr; }
    std::span<std::uint8_t> bytes() const;
    // The bytes at the pointer stored at `offset` of these bytes (an sg_io_hdr's cmdp ...).
    ClientMemory follow(std::size_t offset, std::size_t length) const;
    template <class T>
    T as(std::size_t offset = 0) const; // the bytes at `offset` as a struct (zeros past the end)
    template <class T>
    void store(const T& value) const; // a struct over the bytes

private:
    std::shared_ptr<UMockdevIoctlData> data_;
};

class IoctlCall {
public:
    explicit IoctlCall(UMockdevIoctlClient* client);
    unsigned long request() const;
    // The argument as the program passed it: an integer, or a pointer's value.
    unsigned long argument() const;
    // The client's `length` bytes the argument points to.
    ClientMemory argument_memory(std::size_t length) const;
    // Answers the program: ioctl returns `result` (-1 with `error` as errno). Once.
    void complete(long result, int error = 0) const;
    void fail(int error) const { complete(-1, error); }
    // A key naming the program's open file (one umockdev client per open).
    const void* file() const { return client_.get(); }

private:
    std::shared_ptr<UMockdevIoctlClient> client_;
};

template <class T>
T ClientMemory::as(std::size_t offset) const {
    T value{};
    const auto b = bytes();
    if (offset < b.size()) std::memcpy(&value, b.data() + offset, std::min(b.size() - offset, sizeof(T)));
    return value;
}

template <class T>
void ClientMemory::store(const T& value) const {
    const auto b = bytes();
    std::memcpy(b.data(), &value, std::min(b.size(), sizeof(T)));
}

} // namespace spindle::exec
