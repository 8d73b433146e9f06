// The three ways a lead arrives at the capture endpoint, read into one CaptureForm. Field
// contents are checked again by core when the commands are made; here only what core cannot
// know: the shape of the post, required fields, and valid UTF-8 (form fields and XML are
// not checked by a JSON parser).
#include <pugixml.hpp>
#include "capture.h"
#include "http_util.h"

namespace fc::server {
namespace {

struct Field {
    const char* name;
    std::string CaptureForm::*member;
    size_t max_bytes;
};
const Field kFields[] = {
    {"name", &CaptureForm::name, 200},
    {"email", &CaptureForm::email, 254},
    {"phone", &CaptureForm::phone, 32},
    {"company", &CaptureForm::company, 200},
    {"postal_code", &CaptureForm::postal_code, 16},
    {"city", &CaptureForm::city, 200},
    {"country", &CaptureForm::country, 2},
    {"product_category", &CaptureForm::product_category, 64},
    {"message", &CaptureForm::message, 10000},
};

std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

MaybeError finish(CaptureForm& f) {
    for (const Field& fd : kFields) {
        std::string& v = f.*fd.member;
        if (!is_valid_utf8(v))
            return Error{"invalid_field", fd.name, std::string(fd.name) + " is not valid UTF-8"};
        v = trim(v);
        if (v.size() > fd.max_bytes)
            return Error{"too_long", fd.name,
                         std::string(fd.name) + " is longer than " +
                             std::to_string(fd.max_bytes) + " bytes"};
    }
    if (f.name.empty()) return Error{"missing_field", "name", "name is required"};
    if (f.email.empty() && f.phone.empty())
        return Error{"missing_field", "email", "an email address or a phone number is required"};
    for (char& ch : f.country) ch = char(std::toupper(static_cast<unsigned char>(ch)));
    return std::nullopt;
}

}  // namespace

MaybeError read_capture_json(const json& body, CaptureForm& out) {
    if (!body.is_object()) return not_an_object("");
    CaptureForm f;
    for (const auto& item : body.items()) {
        const Field* fd = nullptr;
        for (const Field& k : kFields)
            if (item.key() == k.name) fd = &k;
        if (!fd) return Error{"unknown_field", item.key(), item.key() + " is not a known field"};
        if (item.value().is_null()) continue;
        if (!item.value().is_string())
            return Error{"invalid_type", item.key(), item.key() + " must be a string"};
        f.*fd->member = item.value().get<std::string>();
    }
    if (auto e = finish(f)) return e;
    out = std::move(f);
    return std::nullopt;
}

MaybeError read_capture_fields(const httplib::Params& params, CaptureForm& out) {
    CaptureForm f;
    for (const auto& [key, value] : params) {
        const Field* fd = nullptr;
        for (const Field& k : kFields)
            if (key == k.name) fd = &k;
        // Forms carry extras (submit buttons, honeypots, tracking): ignore what we do not use.
        if (fd && (f.*fd->member).empty()) f.*fd->member = value;
    }
    if (auto e = finish(f)) return e;
    out = std::move(f);
    return std::nullopt;
}

// ADF 1.0: <adf><prospect><customer><contact><name part="first">..</name>... pugixml does not
// read DTDs or external entities, so a hostile document cannot make it fetch or expand them.
MaybeError read_capture_adf(const std::string& xml, CaptureForm& out) {
    pugi::xml_document doc;
    pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size(),
                                                    pugi::parse_default, pugi::encoding_utf8);
    if (!parsed)
        return Error{"invalid_xml", "", std::string("the body is not XML: ") +
                                            parsed.description()};
    pugi::xml_node prospect = doc.child("adf").child("prospect");
    if (!prospect) return Error{"invalid_field", "adf", "expected <adf><prospect>"};
    pugi::xml_node contact = prospect.child("customer").child("contact");
    CaptureForm f;
    std::string first, last, full;
    for (pugi::xml_node n : contact.children("name")) {
        std::string part = n.attribute("part").as_string("full");
        std::string text = n.text().as_string();
        if (part == "first") first = text;
        else if (part == "last") last = text;
        else full = text;
    }
    f.name = !full.empty() ? full : trim(first + " " + last);
    f.email = contact.child("email").text().as_string();
    f.phone = contact.child("phone").text().as_string();
    pugi::xml_node address = contact.child("address");
    f.postal_code = address.child("postalcode").text().as_string();
    f.city = address.child("city").text().as_string();
    f.country = address.child("country").text().as_string();
    f.company = prospect.child("customer").child("company").text().as_string();
    std::string note = prospect.child("customer").child("comments").text().as_string();
    if (pugi::xml_node v = prospect.child("vehicle")) {
        std::string status = v.attribute("status").as_string();
        if (status == "new") f.product_category = "new-cars";
        else if (status == "used") f.product_category = "used-cars";
        std::string car = trim(std::string(v.child("year").text().as_string()) + " " +
                               v.child("make").text().as_string() + " " +
                               v.child("model").text().as_string());
        if (!car.empty()) note = trim("Vehicle: " + car + "\n" + note);
    }
    f.message = note;
    if (auto e = finish(f)) return e;
    out = std::move(f);
    return std::nullopt;
}

}  // namespace fc::server
