// Stable LSD radix sort of (key, row) pairs by key, skipping the bytes in which all keys agree
// (ranks use 2-3 of the 8), so sorting 100k leads or 1M activities is a few linear passes
// instead of n log n comparisons that chase pointers into the records.
#pragma once
#include <cstdint>
#include <vector>

namespace fc::ui {

struct Keyed {
    std::uint64_t key;
    std::uint32_t row;
};

inline void radix_sort(std::vector<Keyed>& v) {
    std::vector<Keyed> tmp(v.size());
    for (int shift = 0; shift < 64; shift += 8) {
        size_t count[257] = {};
        for (const Keyed& k : v) ++count[((k.key >> shift) & 0xFF) + 1];
        bool one_bucket = false;
        for (int b = 1; b <= 256; ++b) one_bucket = one_bucket || count[b] == v.size();
        if (one_bucket) continue;
        for (int b = 0; b < 256; ++b) count[b + 1] += count[b];
        for (const Keyed& k : v) tmp[count[(k.key >> shift) & 0xFF]++] = k;
        v.swap(tmp);
    }
}

}  // namespace fc::ui
