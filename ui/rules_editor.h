// The Rules screen's drafts: the scoring rules, SLA policy and follow-up rules as the user is
// editing them, before Apply turns them into commands. Validation and the inbox preview come
// from core; nothing here changes the store.
#pragma once
#include <array>
#include <string>
#include <vector>
#include "rules_preview.h"
#include "scoring_rules.h"
#include "sla.h"

namespace fc::ui {

enum class RulesTab : int { scoring, sla, follow_ups };

struct RulesEditorState {
    bool loaded = false;            // the drafts hold the rules in force (or the user's edits)
    RulesTab tab = RulesTab::scoring;
    ScoringRules scoring;
    SlaPolicy sla;
    json follow_ups;                // the follow-up rules document ({"rules": [...]})
    std::vector<std::array<char, 256>> titles;  // per follow-up rule, its title being typed
    bool preview_dirty = true;
    InboxPreview preview;
    std::string applied_message;    // "Rules applied: ..." after a successful Apply
};

}  // namespace fc::ui
