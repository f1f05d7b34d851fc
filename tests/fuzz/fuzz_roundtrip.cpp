// fuzz_roundtrip.cpp — libFuzzer: parse, differentiate, print, parse again. Every printed
// expression (the input's canonical form, its simplified form, its gradient, a mixed second
// partial) must re-read as the very same hash-consed node: parse(infix(e)) == e.
#include "fuzz_common.hpp"

#include "core/error.hpp"
#include "core/limits.hpp"
#include "diff/calculus.hpp"
#include "parse/parse.hpp"
#include "print/print.hpp"
#include "simplify/simplify.hpp"

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace {

using nabla::core::Expr;

void check_round_trip(const Expr& e, const char* what, std::string_view input) {
    const std::string text = nabla::print::infix(e);
    Expr back;
    try {
        back = nabla::parse::parse(text);
    } catch (const nabla::LimitError&) {
        if (text.size() > nabla::limits::max_input_chars) return;  // too long to read back: a limit, not a bug
        throw;
    } catch (const nabla::Error& err) {
        nabla::fuzz::finding(std::string(what) + " prints as text that does not parse: " + text + "\n  " + err.what(),
                             input);
    }
    if (!(back == e))
        nabla::fuzz::finding(std::string(what) + " does not re-read as itself\n  printed:  " + text +
                                 "\n  re-reads: " + nabla::print::infix(back),
                             input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    Expr e;
    try {
        e = nabla::parse::parse(input);
    } catch (const nabla::Error&) {
        return 0;  // fuzz_parse covers what is not in the language
    }
    try {
        check_round_trip(e, "the parsed expression", input);
        check_round_trip(nabla::simplify::simplify(e), "its simplified form", input);
        std::vector<Expr> vars = nabla::diff::default_variables(std::span<const Expr>(&e, 1));
        if (vars.size() > 3) vars.resize(3);
        if (vars.empty()) return 0;
        for (const Expr& g : nabla::diff::gradient(e, vars)) check_round_trip(g, "a gradient entry", input);
        const Expr mixed[] = {vars.front(), vars.back()};
        check_round_trip(nabla::diff::partial(e, mixed), "a second partial", input);
    } catch (const nabla::Error&) {
        // a domain error or a limit while differentiating: an answer, not a bug
    } catch (const std::exception& err) {
        nabla::fuzz::finding(std::string("non-nabla exception: ") + err.what(), input);
    }
    return 0;
}
