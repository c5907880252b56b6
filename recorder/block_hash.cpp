#include "recorder/block_hash.hpp"

#include <bit>
#include <cstring>

namespace spindle::recorder {
namespace {

// xxHash64's primes (Yann Collet, xxhash.h XXH_PRIME64_1..5).
constexpr std::uint64_t p1 = 0x9E3779B185EBCA87ULL;
constexpr std::uint64_t p2 = 0xC2B2AE3D27D4EB4FULL;
constexpr std::uint64_t p3 = 0x165667B19E3779F9ULL;
constexpr std::uint64_t p4 = 0x85EBCA77C2B2AE63ULL;
constexpr std::uint64_t p5 = 0x27D4EB2F165667C5ULL;

std::uint64_t round(std::uint64_t acc, std::uint64_t input) {
    acc += input * p2;
    acc = std::rotl(acc, 31);
    return acc * p1;
}

std::uint64_t merge(std::uint64_t acc, std::uint64_t lane) {
    acc ^= round(0, lane);
    return acc * p1 + p4;
}

std::uint64_t load64(const std::uint8_t* p) {
    std::uint64_t v = 0;
    std::memcpy(&v, p, sizeof v); // host order: the checksum compares within one machine
    return v;
}

} // namespace

BlockHash::BlockHash() : lanes_{p1 + p2, p2, 0, 0 - p1} {}

void BlockHash::stripe(const std::uint8_t* p) {
    for (std::size_t i = 0; i < 4; ++i) lanes_[i] = round(lanes_[i], load64(p + 8 * i));
}

void BlockHash::update(std::span<const std::uint8_t> bytes) {
    length_ += bytes.size();
    const std::uint8_t* p = bytes.data();
    std::size_t n = bytes.size();
    if (tail_size_ > 0) {
        const std::size_t take = std::min(n, tail_.size() - tail_size_);
        std::memcpy(tail_.data() + tail_size_, p, take);
        tail_size_ += take;
        p += take;
        n -= take;
        if (tail_size_ < tail_.size()) return;
        stripe(tail_.data());
        tail_size_ = 0;
    }
    for (; n >= 32; p += 32, n -= 32) stripe(p);
    if (n > 0) std::memcpy(tail_.data(), p, n);
    tail_size_ = n;
}

std::uint64_t BlockHash::digest() const {
    std::uint64_t h =
        std::rotl(lanes_[0], 1) + std::rotl(lanes_[1], 7) + std::rotl(lanes_[2], 12) + std::rotl(lanes_[3], 18);
    for (auto lane : lanes_) h = merge(h, lane);
    h += length_;
    std::size_t i = 0;
    for (; i + 8 <= tail_size_; i += 8) h = std::rotl(h ^ round(0, load64(tail_.data() + i)), 27) * p1 + p4;
    for (; i < tail_size_; ++i) h = std::rotl(h ^ (tail_[i] * p5), 11) * p1;
    h ^= h >> 33;
    h *= p2;
    h ^= h >> 29;
    h *= p3;
    h ^= h >> 32;
    return h;
}

} // namespace spindle::recorder
