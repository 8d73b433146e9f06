// The in-memory store: one flat, id-indexed table per record type. Views (inbox order,
// timelines, reports) are derived from it and never become a second source of truth.
#pragma once
#include <cstdint>
#include <unordered_map>
#include <vector>
#include "records.h"

namespace fc {

template <class T>
struct Table {
    std::vector<T> rows;
    std::unordered_map<Id, std::uint32_t> index;  // id -> position in rows

    const T* find(const Id& id) const {
        auto it = index.find(id);
        return it == index.end() ? nullptr : &rows[it->second];
    }
    T* find(const Id& id) {
        auto it = index.find(id);
        return it == index.end() ? nullptr : &rows[it->second];
    }
    bool contains(const Id& id) const { return index.count(id) != 0; }
    // Inserts or replaces by id; returns the row's position.
    std::uint32_t put(T record) {
        auto [it, inserted] = index.try_emplace(record.id, std::uint32_t(rows.size()));
        if (inserted) rows.push_back(std::move(record));
        else rows[it->second] = std::move(record);
        return it->second;
    }
    void reserve(size_t n) {
        rows.reserve(n);
        index.reserve(n);
    }
    size_t size() const { return rows.size(); }
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
    Table<LeadEvent> lead_events;  // append-only
};

}  // namespace fc
