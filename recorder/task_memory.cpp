#include "recorder/task_memory.hpp"

#include <atomic>
#include <cstdlib>

namespace spindle::recorder {

namespace {
void* system_alloc(std::size_t bytes) { return std::malloc(bytes == 0 ? 1 : bytes); }
std::atomic<TaskAllocator> allocator{&system_alloc};
} // namespace

void* task_mem_alloc(std::size_t bytes) { return allocator.load()(bytes); }

void task_mem_free(void* p) { std::free(p); }

TaskAllocator set_task_allocator(TaskAllocator a) { return allocator.exchange(a != nullptr ? a : &system_alloc); }

} // namespace spindle::recorder
