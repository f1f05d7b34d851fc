// canonical_check.cpp — in checking builds, every node make() interns is verified canonical,
// so a constructor that returns a non-canonical node fails where it is built, not in a test
// that happens to compare two spellings of one expression.
#include "core/canonical_check.hpp"

#include "core/build.hpp"
#include "core/error.hpp"

#include <string>

namespace nabla::core {
namespace {

std::string kind_name(Kind k) {
    switch (k) {
    case Kind::Number: return "number";
    case Kind::Symbol: return "symbol";
    case Kind::Constant: return "constant";
    case Kind::Add: return "sum";
    case Kind::Mul: return "product";
    case Kind::Pow: return "power";
    case Kind::Call: return "call";
    }
    return "node";
}

void require(bool ok, Kind kind, const char* what) {
    NABLA_ASSERT(ok, "non-canonical " + kind_name(kind) + " built: " + what);
}

// Arguments after a leading number strictly increasing in the term order.
void require_sorted(Kind kind, std::span<const Expr> args) {
    const std::size_t first = args[0].is_number() ? 1 : 0;
    for (std::size_t i = first; i < args.size(); ++i) {
        require(!args[i].is_number(), kind, "a number after the first argument");
        if (i > first) require(compare(args[i - 1], args[i]) < 0, kind, "arguments out of order or repeated");
    }
}

}  // namespace

void check_canonical(Kind kind, std::span<const Expr> args) {
    switch (kind) {
    case Kind::Add:
        require(args.size() >= 2, kind, "fewer than two terms");
        require(!args[0].is_number() || !args[0].is_zero(), kind, "a zero term");
        for (const Expr& t : args) require(!t.is(Kind::Add), kind, "a sum inside a sum");
        require_sorted(kind, args);
        return;
    case Kind::Mul:
        require(args.size() >= 2, kind, "fewer than two factors");
        if (args[0].is_number()) {
            require(!args[0].is_zero() && !args[0].is_one(), kind, "a coefficient of 0 or 1");
            require(!(args.size() == 2 && args[1].is(Kind::Add)), kind, "a number times a sum, not distributed");
        }
        for (const Expr& f : args)
            require(!f.is(Kind::Mul) || is_large_product(f), kind, "a small product inside a product");
        require_sorted(kind, args);
        return;
    case Kind::Pow:
        require(args.size() == 2, kind, "not two arguments");
        require(!args[1].is_zero() && !args[1].is_one(), kind, "an exponent of 0 or 1");
        require(!args[0].is_one(), kind, "a base of 1");
        require(!args[0].is_zero() || !args[1].is_number(), kind, "0 to a number");  // 0^y stays
        require(!args[0].is(Kind::Pow) || !args[1].is_integer(), kind, "an integer power of a power");
        return;
    case Kind::Call:
    case Kind::Number:
    case Kind::Symbol:
    case Kind::Constant: return;
    }
}

}  // namespace nabla::core
