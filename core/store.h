// The in-memory store: one flat, id-indexed table per record type. Views (inbox order,
// timelines, reports) are derived from it and never become a second source of truth.
#pragma once
#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>
#include "json_reader.h"
#include "lead_book.h"
#include "records.h"

namespace fc {

// Rows live in one vector; the id index is open addressing over row numbers (linear probing,
// power-of-two slots, at most half full). A slot is 4 bytes where a node-based map spends ~40
// (WASM) on a node and a second copy of the id: a million activities index in 8 MB, not 34.
template <class T>
struct Table {
    std::vector<T> rows;
    std::vector<std::uint32_t> slots;  // row + 1; 0 = empty
    // A full table grows by size >> growth_shift rows. An eighth (3) by default: a browser
    // tab's million-row table must not briefly need twice its size (plus a copy) because one
    // more row arrived. A server inserting all day doubles (0): every growth moves every row
    // while the tenant's writers wait behind it, and an eighth makes that eight times as often.
    unsigned growth_shift = 3;

    // The row of `id`, or kNoRow.
    std::uint32_t row_of(const Id& id) const {
        if (slots.empty()) return kNoRow;
        const size_t mask = slots.size() - 1;
        for (size_t i = std::hash<Id>{}(id) & mask;; i = (i + 1) & mask) {
            std::uint32_t v = slots[i];
            if (v == 0) return kNoRow;
            if (rows[v - 1].id == id) return v - 1;
        }
    }
    const T* find(const Id& id) const {
        std::uint32_t r = row_of(id);
        return r == kNoRow ? nullptr : &rows[r];
    }
    T* find(const Id& id) {
        std::uint32_t r = row_of(id);
        return r == kNoRow ? nullptr : &rows[r];
    }
    bool contains(const Id& id) const { return row_of(id) != kNoRow; }
    // Inserts or replaces by id; returns the row's position.
    std::uint32_t put(T record) {
        std::uint32_t r = row_of(record.id);
        if (r != kNoRow) {
            rows[r] = std::move(record);
            return r;
        }
        if (rows.size() == rows.capacity()) rows.reserve(rows.size() + (rows.size() >> growth_shift) + 16);
        rows.push_back(std::move(record));
        if (rows.size() * 2 > slots.size()) rehash(std::max<size_t>(16, slots.size() * 2));
        else insert_slot(std::uint32_t(rows.size() - 1));
        return std::uint32_t(rows.size() - 1);
    }
    void reserve(size_t n) {
        rows.reserve(n);
        size_t want = 16;
        while (want < n * 2) want *= 2;
        if (want > slots.size()) rehash(want);
    }
    size_t size() const { return rows.size(); }
    // Removes a record: the last row takes its place, so one other record's row number changes
    // (derived state holding row numbers must be rebuilt). False when there was no such id.
    bool erase(const Id& id) {
        std::uint32_t r = row_of(id);
        if (r == kNoRow) return false;
        if (r + 1 != rows.size()) rows[r] = std::move(rows.back());
        rows.pop_back();
        rehash(slots.size());
        return true;
    }

private:
    void insert_slot(std::uint32_t row) {
        const size_t mask = slots.size() - 1;
        size_t i = std::hash<Id>{}(rows[row].id) & mask;
        while (slots[i] != 0) i = (i + 1) & mask;
        slots[i] = row + 1;
    }
    void rehash(size_t n) {
        slots.assign(n, 0);
        for (std::uint32_t r = 0; r < rows.size(); ++r) insert_slot(r);
    }
};

struct Store {
    Table<Dealer> dealers;
    Table<User> users;
    Table<ProductCategory> categories;
    Table<Campaign> campaigns;
    Table<Account> accounts;
    Table<Contact> contacts;
    Table<Activity> activities;
    Table<Lead> leads;
    Table<Task> tasks;
    Table<Deal> deals;
    LeadBook lead_book;  // derived by the lead engine from activities and leads; never synced
    Table<LeadEvent> lead_events;  // append-only
    // The SLA policy and follow-up rules as last put by sla_policy.put / follow_up_rules.put:
    // validated documents (sla.h, follow_up_rules.h), null for the built-in defaults. Kept as
    // the documents they are edited and synced as; whoever runs the workflow compiles them.
    json sla_policy;
    json follow_up_rules;
};

}  // namespace fc
