// The Import screen's state: the picked file as read, the user's choices (record type, column
// mapping, what rows match records by and what to do when they do), the running job, and what
// the last export produced.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include "error.h"
#include "import_job.h"

namespace fc::ui {

enum class ImportStage : int { pick, preview, running, done };

struct ImportScreenState {
    ImportStage stage = ImportStage::pick;
    bool waiting_for_file = false;  // the picker is open; its answer comes with the bytes

    // The file as read (preview stage). `source` moves into the job when it starts.
    std::string file_name;
    std::string import_id;          // content hash of the bytes: re-running a file is idempotent
    std::string read_error;         // the file could not be read at all
    ImportSource source;
    std::vector<std::vector<std::string>> preview;  // first rows, padded to the header
    std::size_t rows_in_file = 0;

    // The user's choices.
    ImportKind kind = ImportKind::contacts;
    ColumnMapping mapping;
    MatchKey match_key = MatchKey::automatic;
    DuplicatePolicy on_duplicate = DuplicatePolicy::update;
    std::optional<Error> start_error;  // start_import refused the choices

    // The job. Work per frame: rows until `slice_ms` have passed (a frame stays smooth), or
    // at most `slice_rows` rows when set (tests watch the progress frame by frame).
    ImportJob job;
    double slice_ms = 12;
    std::size_t slice_rows = 0;
    double last_index_ms = 0;       // what taking the last slice into the app's index cost
    std::uint64_t first_seq = 0;    // the app's seq of the job's first command
    std::size_t outbox_mark = 0;    // app.outbox size when the job started
    std::string undo_message;       // why undo was refused, or that it was done

    std::string last_download;      // name of the last file offered, shown as confirmation
};

}  // namespace fc::ui
