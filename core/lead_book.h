// The lead engine's derived state, kept next to the tables it is derived from (Store::lead_book)
// and never synced: activities grouped per account x product category ("buckets") in flat
// vectors of 24-byte signals, sorted by time, with the leads of each bucket in window order.
// Everything the scorer reads in its hot loop is here as dense indices and bytes, never as
// string ids, so a rule change re-scores a million activities in tens of milliseconds.
#pragma once
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>
#include "records.h"
#include "scoring_rules.h"

namespace fc {

constexpr std::uint32_t kNoRow = std::numeric_limits<std::uint32_t>::max();

// One activity as the scorer needs it.
struct Signal {
    Time at = 0;
    std::uint32_t row = 0;         // activity row (its id for explanations and tie-breaks)
    std::uint32_t contact = kNoRow;  // contact row, kNoRow for none
    std::uint32_t campaign = 0;    // campaign row + 1; 0 for none
    ActivityType type = ActivityType::note;
    std::uint8_t channel = 0;      // index into LeadBook::channels; 0 for none
};

struct Bucket {
    std::uint32_t account = 0;           // account row
    std::uint32_t category = 0;          // category row
    std::vector<Signal> signals;         // sorted by (at, activity id)
    std::vector<std::uint32_t> leads;    // lead rows, oldest window first
};

// Rules compiled against the book's interned names: flat lookup tables for the hot loop.
struct CompiledRules {
    size_t channels = 1;
    std::vector<double> points;          // [type * channels + channel]
    std::array<double, kActivityTypeCount> cap{};       // +inf when uncapped
    std::array<bool, kActivityTypeCount> explicit_request{};
    std::vector<double> campaign;        // [campaign row + 1]; [0] = 1 for none
    std::array<double, kContactRoleCount> authority{};
    std::vector<double> segment;         // [segment index]
    std::vector<EmployeeRange> employees;
    double do_not_contact_points = 0;
    double per_second = 0;               // 1 / half-life in seconds
    double threshold = 0;
};

struct LeadBook {
    bool built = false;
    bool compiled_stale = true;
    Time now = 0;  // the scoring clock: every open lead's score is as of this time
    ScoringRules rules = default_scoring_rules();
    CompiledRules compiled;

    std::vector<Bucket> buckets;
    // Per account row: (category row, bucket) pairs; an account touches a handful of categories.
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> account_buckets;
    std::vector<std::uint32_t> lead_bucket;  // per lead row; kNoRow when its bucket is unknown

    // Rows of each table already indexed: rows appended outside commands are picked up lazily.
    size_t activities_indexed = 0;
    size_t leads_indexed = 0;

    // Copies of the record fields scoring reads, so the hot loop touches bytes, not records.
    std::vector<std::uint8_t> contact_role;  // per contact row
    std::vector<std::uint8_t> contact_dnc;   // per contact row
    std::vector<std::uint16_t> account_segment;  // per account row: index into segments
    std::vector<std::int32_t> account_employees;
    std::vector<std::string> channels{""};   // interned channel names; [0] = none
    std::vector<std::string> segments{""};   // interned segment names; [0] = none
};

}  // namespace fc
