// batch_check.hpp — what an answer of the batch protocol must be, whatever the line held:
// one line of valid JSON, an object with "id" (the request's, when it had one) and a boolean
// "ok", and on failure an "error" with a string "message" and an integer or null "position".
#pragma once

#include "fuzz_common.hpp"
#include "json_text.hpp"

#include "frontend/batch.hpp"

#include <nlohmann/json.hpp>

#include <exception>
#include <optional>
#include <string>
#include <string_view>

namespace nabla::fuzz {

inline void check_batch_answer(std::string_view line) {
    using nlohmann::json;
    std::string answer;
    try {
        answer = frontend::answer_line(line);
    } catch (const std::exception& e) {
        finding(std::string("answer_line threw: ") + e.what(), line);
    }
    if (answer.find('\n') != std::string::npos || answer.find('\r') != std::string::npos)
        finding("the answer is more than one line: " + answer, line);
    const std::optional<std::string> tame = tame_json(answer);
    if (!tame) finding("the answer is not valid JSON: " + answer.substr(0, 2000), line);
    json a;
    try {
        a = json::parse(*tame);
    } catch (const json::exception& e) {
        finding(std::string("the answer is not valid JSON (") + e.what() + "): " + answer.substr(0, 2000), line);
    }
    if (!a.is_object() || !a.contains("id") || !a.contains("ok") || !a["ok"].is_boolean())
        finding("the answer lacks \"id\" or a boolean \"ok\": " + answer.substr(0, 2000), line);
    if (a["ok"].get<bool>()) {
        if (!a.contains("result")) finding("an ok answer without \"result\": " + answer.substr(0, 2000), line);
    } else {
        const json& err = a.contains("error") ? a["error"] : json();
        if (!err.is_object() || !err.contains("message") || !err["message"].is_string() || !err.contains("position") ||
            !(err["position"].is_null() || err["position"].is_number_unsigned()))
            finding("a malformed error answer: " + answer.substr(0, 2000), line);
        const std::string message = err["message"].get<std::string>();
        if (message.starts_with("internal error")) finding("an internal error (a nabla bug): " + message, line);
    }
    // The id is echoed: as a JSON value it equals the request's (its exact text is the batch tests').
    // A line with a NUL byte is invalid JSON to nabla, while nlohmann stops reading at the NUL.
    if (line.find('\0') != std::string_view::npos) return;
    const std::optional<std::string> tame_request = tame_json(line);
    if (!tame_request) return;
    json request = json::parse(*tame_request, nullptr, false);
    if (!request.is_discarded() && request.is_object() && request.contains("id") && !(a["id"] == request["id"]))
        finding("the id is not echoed: " + a["id"].dump() + " for " + request["id"].dump(), line);
}

}  // namespace nabla::fuzz
