#pragma once
// CoTaskMemAlloc / CoTaskMemFree counterparts: the buffers IMAPI2-shaped calls hand to their
// caller (GetModePage's modePageData, whose documentation says "call CoTaskMemFree"). The
// allocator is a seam, so tests can make an allocation fail and see E_OUTOFMEMORY.
#include <cstddef>

namespace spindle::recorder {

using TaskAllocator = void* (*)(std::size_t bytes);

// nullptr when the allocator fails; a zero-byte request still returns a freeable pointer.
void* task_mem_alloc(std::size_t bytes);
void task_mem_free(void* p);
// Replaces the allocator (nullptr: back to malloc) and returns the previous one.
TaskAllocator set_task_allocator(TaskAllocator allocator);

// Restores the allocator it replaced when it goes out of scope.
class ScopedTaskAllocator {
public:
    explicit ScopedTaskAllocator(TaskAllocator allocator) : previous_(set_task_allocator(allocator)) {}
    ~ScopedTaskAllocator() { set_task_allocator(previous_); }
    ScopedTaskAllocator(const ScopedTaskAllocator&) = delete;
    ScopedTaskAllocator& operator=(const ScopedTaskAllocator&) = delete;

private:
    TaskAllocator previous_;
};

} // namespace spindle::recorder
