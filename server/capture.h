// Web-to-lead capture: a public endpoint keyed per campaign (a capture key, not a user token)
// that turns a lead form post (JSON, form-urlencoded) or an ADF/XML prospect (the automotive
// lead exchange format) into an account, a contact and a web_form activity, through the same
// core commands and the same exactly-once batch as a client's push.
#pragma once
#include <httplib.h>
#include <string>
#include "json_reader.h"
#include "state.h"

namespace fc::server {

struct CaptureForm {
    std::string name, email, phone, company, postal_code, city, country, product_category,
        message;
};

// Reads a form from a JSON object, form fields or an ADF/XML document. Returns the error a
// sender should see (with the offending field) when the body cannot be a lead.
MaybeError read_capture_json(const json& body, CaptureForm& out);
MaybeError read_capture_fields(const httplib::Params& params, CaptureForm& out);
MaybeError read_capture_adf(const std::string& xml, CaptureForm& out);

void handle_capture(ServerState& state, const httplib::Request& req, httplib::Response& res);

}  // namespace fc::server
