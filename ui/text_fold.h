// Search keys for names as people type them: lower case, accents and other diacritics removed
// ("Müller" and "muller" both fold to "muller", "Đorđević" to "dordevic", "Łukasz" to "lukasz"),
// Greek and Cyrillic lower-cased. Latin (Basic, Latin-1, Extended-A, the Romanian comma letters),
// Greek and Cyrillic are covered; other scripts pass through unchanged (山田 matches 山田).
#pragma once
#include <string>
#include <string_view>

namespace fc::ui {

// Appends the folded form of `utf8` to `out`. Invalid UTF-8 bytes are dropped.
void append_folded(std::string_view utf8, std::string& out);
std::string fold_for_search(std::string_view utf8);

}  // namespace fc::ui
