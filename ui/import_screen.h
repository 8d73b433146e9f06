// Import and export: pick a CSV or JSON file, check the preview and the guessed mapping, run the
// import in slices between frames with a progress bar and Cancel, then see the counts, the
// rejected rows (downloadable as CSV) and Undo; and export the current views as files.
#pragma once
#include <string>
#include <string_view>
#include "app.h"

namespace fc::ui {

// The platform's answer to request_file_pick(): the picked file's name and bytes. Reads and
// previews it (any encoding core knows, CSV or JSON) and guesses the mapping.
void deliver_picked_file(AppState& app, const std::string& name, std::string_view bytes);

// Runs the next slice of a running import (called every frame, whatever screen is shown), and
// asks the platform for another frame while rows remain.
void advance_import(AppState& app);

// True while the import's commands are the newest in the outbox, nothing sent: then undo takes
// them back as if they were never made.
bool import_undoable(const AppState& app);

void draw_import_screen(AppState& app);

}  // namespace fc::ui
