// roundtrip_check.hpp — parse, differentiate, print, parse again. Every printed
// expression (the input's canonical form, its simplified form, its gradient, a mixed second
// partial) must re-read as the very same hash-consed node: parse(infix(e)) == e. The LaTeX
// and JSON printers must take each of them too, the JSON one giving valid JSON.
#pragma once

#include "fuzz_common.hpp"

#include "core/error.hpp"
#include "core/limits.hpp"
#include "diff/calculus.hpp"
#include "parse/parse.hpp"
#include "print/print.hpp"
#include "simplify/simplify.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace nabla::fuzz {

namespace round_trip_detail {

using core::Expr;

inline void check_one(const Expr& e, const char* what, std::string_view input) {
    const std::string text = nabla::print::infix(e);
    Expr back;
    if (text.size() > nabla::limits::max_input_chars) return;  // too long to read back: a limit, not a bug
    try {
        back = nabla::parse::parse(text);
    } catch (const nabla::Error& err) {
        nabla::fuzz::finding(std::string(what) + " prints as text that does not parse: " + text + "\n  " + err.what(),
                             input);
    }
    (void)nabla::print::latex(e);
    const std::string tree = nabla::print::json_tree(e);
    if (!nlohmann::json::accept(tree)) nabla::fuzz::finding(std::string(what) + " gives invalid JSON: " + tree, input);
    if (!(back == e))
        nabla::fuzz::finding(std::string(what) + " does not re-read as itself\n  printed:  " + text +
                                 "\n  re-reads: " + nabla::print::infix(back),
                             input);
}

}  // namespace round_trip_detail

inline void check_round_trip(std::string_view input) {
    using core::Expr;
    using round_trip_detail::check_one;
    Expr e;
    try {
        e = nabla::parse::parse(input);
    } catch (const nabla::Error&) {
        return;  // fuzz_parse covers what is not in the language
    }
    try {
        check_one(e, "the parsed expression", input);
        check_one(nabla::simplify::simplify(e), "its simplified form", input);
        std::vector<Expr> vars = nabla::diff::default_variables(std::span<const Expr>(&e, 1));
        if (vars.size() > 3) vars.resize(3);
        if (vars.empty()) return;
        for (const Expr& g : nabla::diff::gradient(e, vars)) check_one(g, "a gradient entry", input);
        const Expr mixed[] = {vars.front(), vars.back()};
        check_one(nabla::diff::partial(e, mixed), "a second partial", input);
    } catch (const nabla::Error&) {
        // a domain error or a limit while differentiating: an answer, not a bug
    } catch (const std::exception& err) {
        nabla::fuzz::finding(std::string("non-nabla exception: ") + err.what(), input);
    }
}

}  // namespace nabla::fuzz
