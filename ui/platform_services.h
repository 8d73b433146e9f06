// What a screen asks of the platform it runs on, for the things only the platform can do: show
// the browser's file picker, hand the user a file to download, and keep drawing while work runs
// between frames (the app otherwise draws only after input). wasm/file_io.cpp implements it in
// the browser; headless tests fake it and deliver the "picked" bytes themselves.
#pragma once
#include <string>

namespace fc::ui {

struct PlatformServices {
    virtual ~PlatformServices() = default;
    // Opens a file picker (`accept` as in <input accept>: ".csv,.json,text/csv"). The platform
    // answers later, if the user picks a file, through deliver_picked_file() (import_screen.h).
    virtual void request_file_pick(const std::string& accept) = 0;
    // Offers `bytes` to the user as a file called `name` (a browser download).
    virtual void offer_download(const std::string& name, const std::string& mime,
                                const std::string& bytes) = 0;
    // Draw another frame soon even without input: a job is running in slices between frames.
    virtual void keep_drawing() = 0;
};

}  // namespace fc::ui
