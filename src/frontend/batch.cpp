// batch.cpp — the JSON Lines protocol of DESIGN.md: every line answered, in order, whatever it holds.
#include "frontend/batch.hpp"

#include "core/error.hpp"
#include "core/limits.hpp"
#include "frontend/deadline.hpp"
#include "frontend/io.hpp"
#include "frontend/json_id.hpp"
#include "frontend/render.hpp"
#include "frontend/request.hpp"
#include "frontend/steps_text.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fmt/format.h>
#include <istream>
#include <ostream>

namespace nabla::frontend {
namespace {

using nlohmann::json;

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

constexpr std::string_view op_list =
    "diff, grad, jacobian, hessian, eval, simplify, expand, together, cancel, factor or collect";

Request to_request(const json& j) {
    if (!j.is_object()) throw Error("each line must be a JSON object");
    if (!j.contains("op") || !j["op"].is_string()) throw Error("missing \"op\" (" + std::string(op_list) + ")");
    const std::string op_name = j["op"].get<std::string>();
    const auto op = op_from_name(op_name);
    if (!op) throw Error("unknown op \"" + op_name + "\" (expected " + std::string(op_list) + ")");
    Request r;
    r.op = *op;
    if (r.op == Operation::Jacobian && j.contains("exprs")) {
        r.exprs = field_strings(j, "exprs");
    } else {
        if (!j.contains("expr")) throw Error("missing \"expr\"");
        r.exprs = {field_string(j, "expr")};
    }
    if (j.contains("vars") && !j["vars"].is_null()) r.vars = field_strings(j, "vars");
    if (j.contains("steps") && !j["steps"].is_null()) {
        if (!j["steps"].is_boolean()) throw Error("\"steps\" must be true or false");
        r.steps = j["steps"].get<bool>();
    }
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
    if (j.contains("digits") && !j["digits"].is_null()) {
        const json& d = j["digits"];
        const auto most = static_cast<long long>(limits::max_eval_digits);
        if (!d.is_number_integer() || d.get<long long>() < 1 || d.get<long long>() > most)
            throw Error("\"digits\" must be an integer from 1 to " + std::to_string(most));
        r.digits = d.get<std::size_t>();
    }
    return r;
}

// Steps in LaTeX when the request asks for "format": "latex", else in text.
bool latex_steps(const json& j) {
    return j.contains("format") && j["format"].is_string() && j["format"].get<std::string>() == "latex";
}

// The id as raw text, echoed exactly; and the request with the id replaced by null, so the
// DOM never holds it (it may be nested deep, or a number no double holds).
struct Parsed {
    std::string id = "null";
    std::string request_text;
};

Parsed split_id(std::string_view line) {
    const auto span = find_id(line);
    if (!span) return {"null", std::string(line)};
    return {std::string(line.substr(span->begin, span->end - span->begin)),
            std::string(line.substr(0, span->begin)) + "null" + std::string(line.substr(span->end))};
}

std::string seconds_text(double s) { return fmt::format("{:g} s", s); }

// The answer to a parsed request; `cancelled` is set, and the answer empty, when it was stopped.
std::string respond(const std::string& id, const json& request, const BatchOptions& options, bool& cancelled) {
    try {
        const Request r = to_request(request);
        const Response result = run(r);
        std::string steps;
        if (r.steps) steps = ",\"steps\":" + json(steps_of(result, latex_steps(request))).dump();
        return "{\"id\":" + id + ",\"ok\":true," + result_fields(result, options.max_result_bytes) + steps + "}";
    } catch (const Cancelled&) {
        cancelled = true;
        return {};
    } catch (const Error& e) {
        return error_answer(id, e.what(), e.position());
    } catch (const std::bad_alloc&) {
        return error_answer(id, "out of memory", std::nullopt);
    } catch (const std::exception& e) {
        return error_answer(id, std::string("internal error: ") + e.what(), std::nullopt);
    }
}

std::string answer(std::string_view line, const BatchOptions& options, Deadline* deadline) {
    // nlohmann reads a NUL byte as the end of its input, which would let bytes after it through.
    if (const std::size_t nul = line.find('\0'); nul != std::string_view::npos)
        return error_answer("null", "not valid JSON: a NUL byte at offset " + std::to_string(nul), std::nullopt);
    const Parsed parsed = split_id(line);
    const std::string& id = parsed.id;
    json request;
    try {
        request = json::parse(parsed.request_text);
    } catch (const json::exception& e) {  // malformed, or a number no double can hold
        return error_answer(id, std::string("not valid JSON: ") + e.what(), std::nullopt);
    }
    if (deadline) deadline->arm(options.timeout_seconds);
    bool cancelled = false;
    std::string out = respond(id, request, options, cancelled);
    const bool expired = deadline && deadline->disarm();  // passing after the work is done costs nothing
    if (!cancelled) return out;
    if (expired)
        return error_answer(id, "time limit exceeded: the request ran longer than " + seconds_text(options.timeout_seconds)
                                    + " (batch --timeout)", std::nullopt);
    return error_answer(id, "interrupted", std::nullopt);
}

}  // namespace

std::string answer_line(std::string_view line, const BatchOptions& options) { return answer(line, options, nullptr); }

bool run_jsonl(std::istream& in, std::ostream& out, const BatchOptions& options) {
    Deadline deadline;
    std::string line;
    for (;;) {
        const LineRead read = read_line(in, line, options.max_line_bytes);
        if (read == LineRead::End) return true;
        if (read == LineRead::TooLong)
            out << error_answer("null", "line longer than " + std::to_string(options.max_line_bytes >> 20)
                                            + " MiB, the limit of one request", std::nullopt);
        else
            out << answer(line, options, &deadline);
        out << '\n';
        if (!flushed(out)) return false;  // the reader has gone, or the disk is full
    }
}

}  // namespace nabla::frontend
