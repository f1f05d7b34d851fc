// batch.cpp — the JSON Lines protocol of DESIGN.md: every line answered, in order, whatever it holds.
#include "frontend/batch.hpp"

#include "core/error.hpp"
#include "frontend/render.hpp"
#include "frontend/request.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fmt/format.h>
#include <istream>
#include <ostream>

namespace nabla::frontend {
namespace {

using nlohmann::json;

// The id echoed exactly as written. nlohmann stores integers beyond 64 bits as doubles, so for
// those the raw text of the top-level "id" value is recovered through the SAX interface.
class RawIdFinder : public nlohmann::json_sax<json> {
public:
    std::string raw;
    bool number_float(number_float_t, const string_t& s) override { return capture(s); }
    bool key(string_t& k) override {
        next_is_id_ = depth_ == 1 && k == "id";
        return true;
    }
    bool start_object(std::size_t) override { return enter(); }
    bool start_array(std::size_t) override { return enter(); }
    bool end_object() override { return leave(); }
    bool end_array() override { return leave(); }
    bool null() override { return other(); }
    bool boolean(bool) override { return other(); }
    bool number_integer(number_integer_t) override { return other(); }
    bool number_unsigned(number_unsigned_t) override { return other(); }
    bool string(string_t&) override { return other(); }
    bool binary(binary_t&) override { return other(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

private:
    bool capture(const string_t& s) {
        if (next_is_id_ && depth_ == 1) raw = s;
        next_is_id_ = false;
        return true;
    }
    bool other() {
        next_is_id_ = false;
        return true;
    }
    bool enter() {
        ++depth_;
        return true;
    }
    bool leave() {
        --depth_;
        return true;
    }
    int depth_ = 0;
    bool next_is_id_ = false;
};

std::string id_text(std::string_view line, const json& request) {
    if (!request.is_object() || !request.contains("id")) return "null";
    const json& id = request["id"];
    if (id.is_number_float()) {
        RawIdFinder finder;
        json::sax_parse(line, &finder);
        if (!finder.raw.empty()) return finder.raw;
    }
    return id.dump();
}

std::string error_answer(const std::string& id, const std::string& message, std::optional<std::size_t> position) {
    json error{{"message", message}, {"position", nullptr}};
    if (position) error["position"] = *position;
    return "{\"id\":" + id + ",\"ok\":false,\"error\":" + error.dump(-1, ' ', false, json::error_handler_t::replace) + "}";
}

std::string field_string(const json& request, const char* name) {
    const json& v = request[name];
    if (!v.is_string()) throw Error(std::string("\"") + name + "\" must be a string");
    return v.get<std::string>();
}

std::vector<std::string> field_strings(const json& request, const char* name) {
    const json& v = request[name];
    if (!v.is_array()) throw Error(std::string("\"") + name + "\" must be an array of strings");
    std::vector<std::string> out;
    for (const json& s : v) {
        if (!s.is_string()) throw Error(std::string("\"") + name + "\" must be an array of strings");
        out.push_back(s.get<std::string>());
    }
    return out;
}

// A JSON number as exact text: integers as written, floats by their shortest round-trip
// decimal (0.1 is 1/10, not the binary double nearest to it).
std::string number_text(const json& v) {
    if (v.is_number_integer()) return v.dump();
    const double d = v.get<double>();
    if (!std::isfinite(d)) throw Error("values must be finite numbers");
    return fmt::format("{}", d);
}

Request to_request(const json& j) {
    if (!j.is_object()) throw Error("each line must be a JSON object");
    if (!j.contains("op") || !j["op"].is_string()) throw Error("missing \"op\" (diff, grad, jacobian, hessian, eval or simplify)");
    const std::string op_name = j["op"].get<std::string>();
    const auto op = op_from_name(op_name);
    if (!op) throw Error("unknown op \"" + op_name + "\" (expected diff, grad, jacobian, hessian, eval or simplify)");
    Request r;
    r.op = *op;
    if (r.op == Op::Jacobian && j.contains("exprs")) {
        r.exprs = field_strings(j, "exprs");
    } else {
        if (!j.contains("expr")) throw Error("missing \"expr\"");
        r.exprs = {field_string(j, "expr")};
    }
    if (j.contains("vars") && !j["vars"].is_null()) r.vars = field_strings(j, "vars");
    if (j.contains("at") && !j["at"].is_null()) {
        if (!j["at"].is_object()) throw Error("\"at\" must be an object of variable values");
        for (const auto& [name, value] : j["at"].items()) {
            if (value.is_string()) {
                r.at.emplace_back(name, value.get<std::string>());
            } else if (value.is_number()) {
                r.at.emplace_back(name, number_text(value));
            } else {
                throw Error("the value of " + name + " must be a number or a string");
            }
        }
    }
    return r;
}

}  // namespace

std::string answer_line(std::string_view line) {
    json request;
    try {
        request = json::parse(line);
    } catch (const json::exception& e) {  // malformed, or a number no double can hold
        return error_answer("null", std::string("not valid JSON: ") + e.what(), std::nullopt);
    }
    const std::string id = id_text(line, request);
    try {
        const Request r = to_request(request);
        const Result result = run(r);
        json answer = result_json(result);
        return "{\"id\":" + id + ",\"ok\":true," + answer.dump(-1, ' ', false, json::error_handler_t::replace).substr(1);
    } catch (const Error& e) {
        return error_answer(id, e.what(), e.position());
    } catch (const std::bad_alloc&) {
        return error_answer(id, "out of memory", std::nullopt);
    } catch (const std::exception& e) {
        return error_answer(id, std::string("internal error: ") + e.what(), std::nullopt);
    }
}

void run_jsonl(std::istream& in, std::ostream& out) {
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        out << answer_line(line) << '\n';
        out.flush();
    }
}

}  // namespace nabla::frontend
