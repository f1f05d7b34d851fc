// build.cpp — canonical constructors for numbers, symbols, sums, products and powers.
#include "core/build.hpp"
#include "core/canonical_check.hpp"

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/node.hpp"
#include "core/number.hpp"
#include "core/traverse.hpp"

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace nabla::core {
namespace {

// Working lists of add() and mul(): most sums and products are short, and these live on the
// stack instead of costing an allocation each.
template <class T>
using Scratch = boost::container::small_vector<T, 8>;

// Argument lists being built: most nodes have few arguments, and the node copies them.
using Arguments = boost::container::small_vector<Expr, 16>;

std::span<const Expr> view(const Arguments& a) { return {a.data(), a.size()}; }

// Nodes whose arguments are already canonical, in canonical order.
Expr make(Kind kind, std::span<const Expr> args) {
#ifdef NABLA_CHECK_CANONICAL
    check_canonical(kind, args);
#endif
    NodeKey key{kind};
    key.args = args;
    return intern(key);
}

Expr make_pow(const Expr& base, const Expr& exponent) {
    const Expr args[] = {base, exponent};
    return make(Kind::Pow, args);
}

// coefficient * rest for a canonical rest that is not a Number and has no coefficient.
Expr scale(const mpq_class& c, const Expr& rest) {
    if (c == 0) return zero();
    if (c == 1) return rest;
    Arguments args{num(c)};
    if (rest.is(Kind::Mul)) {
        args.insert(args.end(), rest.args().begin(), rest.args().end());
    } else {
        args.push_back(rest);
    }
    return make(Kind::Mul, view(args));
}

bool by_order(const Expr& a, const Expr& b) { return compare(a, b) < 0; }

// An exact number that borrows a node's value until arithmetic needs a result of its own: most
// sums and products meet each coefficient once, and copying a GMP rational allocates. A
// borrowed value must outlive the Coefficient (the node is held by the caller's arguments).
class Coefficient {
public:
    explicit Coefficient(long start) : ref_(start == 0 ? &zero_value() : &one_value()) {}
    const mpq_class& value() const { return owned_ ? *owned_ : *ref_; }
    void add(const mpq_class& v, bool borrow = true) {
        if (sgn(v) == 0) return;
        if (!owned_ && sgn(*ref_) == 0 && borrow) {
            ref_ = &v;
            return;
        }
        own() += v;
    }
    void multiply(const mpq_class& v, bool borrow = true) {
        if (v == 1) return;
        if (!owned_ && *ref_ == 1 && borrow) {
            ref_ = &v;
            return;
        }
        own() *= v;
    }

private:
    static const mpq_class& zero_value() {
        static const mpq_class z(0);
        return z;
    }
    static const mpq_class& one_value() {
        static const mpq_class o(1);
        return o;
    }
    mpq_class& own() {
        if (!owned_) owned_.emplace(*ref_);
        return *owned_;
    }
    const mpq_class* ref_;
    std::optional<mpq_class> owned_;
};

// Arguments usually arrive as a few sorted runs: a derivative of a sum keeps its terms' order,
// and the product rule puts one factor's derivative, itself sorted, among the other factors,
// which are. Neighbours from the same run (equal `run_of`, when given) are in order without
// comparing; the runs found are merged pairwise, with a buffer on the stack.
void sort_canonically(std::span<Expr> v, std::span<const std::size_t> run_of = {}) {
    Scratch<std::size_t> runs{0};  // start of each run, then v.size()
    for (std::size_t i = 1; i < v.size(); ++i) {
        const bool known = !run_of.empty() && run_of[i] == run_of[i - 1];
        if (!known && !by_order(v[i - 1], v[i])) runs.push_back(i);
    }
    if (runs.size() == 1) return;
    runs.push_back(v.size());
    Arguments buffer(v.size());
    while (runs.size() > 2) {
        Scratch<std::size_t> merged{0};
        for (std::size_t r = 0; r + 2 < runs.size(); r += 2) {
            const auto first = v.begin() + static_cast<std::ptrdiff_t>(runs[r]);
            const auto middle = v.begin() + static_cast<std::ptrdiff_t>(runs[r + 1]);
            const auto last = v.begin() + static_cast<std::ptrdiff_t>(runs[r + 2]);
            const auto out = buffer.begin() + static_cast<std::ptrdiff_t>(runs[r]);
            std::merge(std::make_move_iterator(first), std::make_move_iterator(middle),
                       std::make_move_iterator(middle), std::make_move_iterator(last), out, by_order);
            std::move(out, out + (last - first), first);
            merged.push_back(runs[r + 2]);
        }
        if (merged.back() != v.size()) merged.push_back(v.size());  // an odd run left over
        runs = std::move(merged);
    }
}

// Folding numbers is exact, so a product or sum of many large numbers could grow without
// bound; past the limit that is an error rather than a machine-filling number.
void check_size(const mpq_class& q) {
    if (bit_size(q) > limits::max_number_bits)
        throw LimitError("number too large (more than " + std::to_string(limits::max_number_bits) + " bits)");
}

// Looks terms up by node: a linear scan for the few terms most sums and products have,
// a hash index once there are many.
class NodeIndex {
public:
    template <class Keys>
    std::size_t find(const Node* key, const Keys& keys) {
        if (keys.size() <= 8) {
            for (std::size_t i = 0; i < keys.size(); ++i)
                if (keys[i] == key) return i;
            return npos;
        }
        if (map_.empty())
            for (std::size_t i = 0; i < keys.size(); ++i) map_.emplace(keys[i], i);
        auto it = map_.find(key);
        return it == map_.end() ? npos : it->second;
    }
    void added(const Node* key, std::size_t i) {
        if (!map_.empty()) map_.emplace(key, i);
    }
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

private:
    std::unordered_map<const Node*, std::size_t> map_;
};

// Numeric base to a non-integer rational power: n^(p/q) with perfect roots taken out,
// e.g. 8^(1/2) = 2*2^(1/2) and 2^(-1/2) = 2^(1/2)/2.
Expr rational_power(const mpq_class& base, const mpq_class& exponent) {
    // Built only when it is the answer: 8^(1/2) as a node of its own would not be canonical.
    auto symbolic = [&] { return make_pow(num(base), num(exponent)); };
    if (sgn(base) < 0) {
        // Odd roots of negative numbers are real: (-8)^(1/3) = -2. Even ones are not.
        if (mpz_odd_p(exponent.get_den_mpz_t()) && mpz_fits_ulong_p(exponent.get_den_mpz_t())) {
            if (auto r = exact_root(base, mpz_get_ui(exponent.get_den_mpz_t()))) {
                if (auto p = integer_power(*r, exponent.get_num())) return num(*p);
            }
        }
        return symbolic();
    }
    if (!mpz_fits_ulong_p(exponent.get_den_mpz_t())) return symbolic();
    const unsigned long q = mpz_get_ui(exponent.get_den_mpz_t());
    mpz_class whole;  // floor(p/q); the remainder r = p - whole*q lies in (0, q)
    mpz_fdiv_q(whole.get_mpz_t(), exponent.get_num_mpz_t(), exponent.get_den_mpz_t());
    const mpq_class remainder = exponent - mpq_class(whole);
    auto whole_part = integer_power(base, whole);
    if (!whole_part) return symbolic();
    mpq_class coefficient = *whole_part;
    std::vector<Expr> factors;
    const RootSplit top = split_root(base.get_num(), q);
    const RootSplit bottom = split_root(base.get_den(), q);
    auto top_out = integer_power(mpq_class(top.outside), remainder.get_num());
    auto bottom_out = integer_power(mpq_class(bottom.outside), remainder.get_num());
    if (!top_out || !bottom_out) return symbolic();
    coefficient *= *top_out / *bottom_out;
    if (top.inside != 1) factors.push_back(make_pow(num(mpq_class(top.inside)), num(remainder)));
    if (bottom.inside != 1) {
        // d^(-r/q) = d^(1 - r/q) / d keeps the radical in the numerator, as in sqrt(2)/2.
        coefficient /= mpq_class(bottom.inside);
        factors.push_back(make_pow(num(mpq_class(bottom.inside)), num(1 - remainder)));
    }
    factors.push_back(num(coefficient));
    return mul(std::move(factors));
}

Expr number_power(const mpq_class& base, const mpq_class& exponent) {
    if (exponent.get_den() == 1) {
        if (auto r = integer_power(base, exponent.get_num())) return num(*r);
        return make_pow(num(base), num(exponent));
    }
    if (sgn(base) == 0) {
        if (sgn(exponent) < 0) throw DomainError("division by zero (0 to a negative power)");
        return zero();
    }
    return rational_power(base, exponent);
}

}  // namespace

bool is_large_product(const Expr& e) {
    return e.is(Kind::Mul) && e.size() - (e.arg(0).is_number() ? 1 : 0) > max_flattened_factors;
}

namespace {

// Small integers are built constantly (every derivative of a constant is 0, most coefficients
// and exponents are small): they are kept, and found without hashing.
constexpr long cached_integers = 16;

Expr intern_number(const mpq_class& value) {
    NodeKey key{Kind::Number};
    key.value = &value;
    return intern(key);
}

const Expr& small_integer(long value) {
    static const std::vector<Expr> small = [] {
        std::vector<Expr> v;
        for (long i = -cached_integers; i <= cached_integers; ++i) v.push_back(intern_number(mpq_class(i)));
        return v;
    }();
    return small[static_cast<std::size_t>(value + cached_integers)];
}

}  // namespace

Expr num(const mpq_class& value) {
    mpz_srcptr n = value.get_num_mpz_t();
    if (mpz_cmp_ui(value.get_den_mpz_t(), 1) == 0 && mpz_cmpabs_ui(n, cached_integers) <= 0)
        return small_integer(mpz_get_si(n));
    return intern_number(value);
}
Expr num(long value) {
    if (value >= -cached_integers && value <= cached_integers) return small_integer(value);
    return intern_number(mpq_class(value));
}

const Expr& zero() {
    static const Expr z = num(0L);
    return z;
}
const Expr& one() {
    static const Expr o = num(1L);
    return o;
}
Expr num(long numerator, long denominator) {
    mpq_class q(numerator, denominator);
    q.canonicalize();
    return num(q);
}

Expr sym(std::string_view name) {
    NodeKey key{Kind::Symbol};
    key.name = name;
    return intern(key);
}

Expr constant(Constant c) {
    NodeKey key{Kind::Constant};
    key.constant = c;
    return intern(key);
}

std::pair<mpq_class, Expr> split_coefficient(const Expr& e) {
    if (e.is_number()) return {e.value(), one()};
    if (!e.is(Kind::Mul) || !e.arg(0).is_number()) return {mpq_class(1), e};
    auto args = e.args();
    if (args.size() == 2) return {args[0].value(), args[1]};
    return {args[0].value(), make(Kind::Mul, args.subspan(1))};
}

namespace {

// A sum's term seen as coefficient * rest, where rest is a list of canonical factors; terms
// with equal rests are like terms. Rests are compared as spans, so no node is built for them.
struct TermParts {
    const Expr* term;
    std::span<const Expr> rest;
    std::size_t hash;
};

TermParts term_parts(const Expr& t) {
    std::span<const Expr> rest(&t, 1);
    if (t.is(Kind::Mul)) rest = t.args().subspan(t.arg(0).is_number() ? 1 : 0);
    std::size_t h = rest.size();
    for (const Expr& f : rest) h = h * 1000003 ^ f.hash();
    return {&t, rest, h};
}

const mpq_class& term_coefficient(const Expr& t) {
    static const mpq_class unit(1);
    return t.is(Kind::Mul) && t.arg(0).is_number() ? t.arg(0).value() : unit;
}

bool same_rest(std::span<const Expr> a, std::span<const Expr> b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

// c * prod(rest) for a canonical, coefficient-free rest; `term` already has that form when
// its coefficient is c.
Expr scaled_term(const mpq_class& c, const TermParts& p) {
    if (term_coefficient(*p.term) == c) return *p.term;
    if (c == 1) return p.rest.size() == 1 ? p.rest[0] : make(Kind::Mul, p.rest);
    Arguments args{num(c)};
    args.insert(args.end(), p.rest.begin(), p.rest.end());
    return make(Kind::Mul, view(args));
}

}  // namespace

Expr add(std::vector<Expr> terms) {
    if (terms.empty()) return zero();
    if (terms.size() == 1) return std::move(terms[0]);
    Coefficient constant(0);
    Scratch<TermParts> parts;
    Scratch<Coefficient> coefficients;
    std::unordered_multimap<std::size_t, std::size_t> index;  // rest hash -> position in parts
    auto find = [&](const TermParts& p) -> std::size_t {
        if (parts.size() <= 8) {
            for (std::size_t i = 0; i < parts.size(); ++i)
                if (parts[i].hash == p.hash && same_rest(parts[i].rest, p.rest)) return i;
            return NodeIndex::npos;
        }
        if (index.empty())
            for (std::size_t i = 0; i < parts.size(); ++i) index.emplace(parts[i].hash, i);
        auto [lo, hi] = index.equal_range(p.hash);
        for (auto it = lo; it != hi; ++it)
            if (same_rest(parts[it->second].rest, p.rest)) return it->second;
        return NodeIndex::npos;
    };
    auto absorb = [&](const Expr& term) {
        if (term.is_number()) {
            constant.add(term.value());
            return;
        }
        TermParts p = term_parts(term);
        if (const std::size_t i = find(p); i != NodeIndex::npos) {
            coefficients[i].add(term_coefficient(term));
            return;
        }
        if (!index.empty()) index.emplace(p.hash, parts.size());
        parts.push_back(p);
        coefficients.emplace_back(0);
        coefficients.back().add(term_coefficient(term));
    };
    for (const Expr& t : terms) {
        if (t.is(Kind::Add)) {
            for (const Expr& a : t.args()) absorb(a);
        } else {
            absorb(t);
        }
    }
    check_size(constant.value());
    Arguments out;
    if (sgn(constant.value()) != 0) out.push_back(num(constant.value()));  // a Number term comes first
    const std::size_t first = out.size();
    for (std::size_t i = 0; i < parts.size(); ++i)
        if (sgn(coefficients[i].value()) != 0) out.push_back(scaled_term(coefficients[i].value(), parts[i]));
    sort_canonically({out.data() + first, out.size() - first});
    if (out.size() == 1) return out[0];
    if (out.empty()) return zero();
    return make(Kind::Add, view(out));
}

namespace {

// Factors known to be in canonical order among themselves: the factors of a canonical product,
// or a single factor. Runs with the same `run` number are in order with each other too.
struct FactorRun {
    std::span<const Expr> factors;
    std::size_t run;
};

// The product of all the runs' factors. The result's factors come out in order within each
// run, so sorting them only compares across runs.
Expr multiply(std::span<const FactorRun> runs) {
    Coefficient coefficient(1);
    Scratch<Expr> bases, exponents;
    Scratch<Expr> originals;  // the factor itself while its base occurred once, else null
    Scratch<const Node*> keys;
    Scratch<std::size_t> run_of;  // the run each base came from
    NodeIndex index;
    std::size_t next_run = runs.size();  // numbers for runs found inside factors
    auto absorb = [&](const Expr& f, std::size_t run) {
        if (f.is_number()) {
            coefficient.multiply(f.value());
            return;
        }
        const Expr& base = f.is(Kind::Pow) ? f.arg(0) : f;
        const Expr& exponent = f.is(Kind::Pow) ? f.arg(1) : one();
        const std::size_t i = index.find(base.id(), keys);
        if (i != NodeIndex::npos) {
            exponents[i] = add(exponents[i], exponent);
            originals[i] = Expr();
            return;
        }
        keys.push_back(base.id());
        index.added(base.id(), keys.size() - 1);
        bases.push_back(base);
        exponents.push_back(exponent);
        originals.push_back(f);
        run_of.push_back(run);
    };
    for (const FactorRun& r : runs) {
        for (const Expr& f : r.factors) {
            if (f.is(Kind::Mul) && is_large_product(f)) {
                // Kept whole, as one shared factor; only its coefficient joins ours.
                auto [c, rest] = split_coefficient(f);
                coefficient.multiply(c, false);
                absorb(rest, next_run++);  // without its coefficient it may sort elsewhere
            } else if (f.is(Kind::Mul)) {
                const std::size_t inner = next_run++;
                for (const Expr& a : f.args()) absorb(a, inner);
            } else {
                absorb(f, r.run);
            }
        }
    }
    if (sgn(coefficient.value()) == 0) return zero();
    check_size(coefficient.value());
    Arguments out;
    Scratch<std::size_t> out_runs;
    bool regroup = false;  // a power turned into something with other bases: collect again
    for (std::size_t i = 0; i < bases.size(); ++i) {
        // A factor met once is canonical already; only merged exponents need pow() again.
        Expr p = !originals[i].is_null() ? originals[i] : pow(bases[i], exponents[i]);
        if (p.is_number()) {
            coefficient.multiply(p.value(), false);  // p is ours, and about to go
        } else {
            // Factors of different bases are ordered by their bases alone, so a changed
            // exponent keeps the factor's place in its run.
            const bool kept = p == bases[i] || (p.is(Kind::Pow) && p.arg(0) == bases[i]);
            regroup = regroup || !kept;
            out.push_back(std::move(p));
            out_runs.push_back(run_of[i]);
        }
    }
    const mpq_class& c = coefficient.value();
    if (regroup) {
        out.push_back(num(c));
        return mul(std::vector<Expr>(out.begin(), out.end()));
    }
    if (sgn(c) == 0) return zero();
    if (out.empty()) return num(c);
    sort_canonically({out.data(), out.size()}, {out_runs.data(), out_runs.size()});
    if (out.size() == 1) {
        if (out[0].is(Kind::Add) && c != 1) {
            // A number times a sum distributes: 2*(x + 1) = 2*x + 2.
            std::vector<Expr> terms;
            terms.reserve(out[0].size());
            for (const Expr& t : out[0].args()) {
                auto [tc, rest] = split_coefficient(t);
                terms.push_back(t.is_number() ? num(c * t.value()) : scale(c * tc, rest));
            }
            return add(std::move(terms));
        }
        return scale(c, out[0]);
    }
    if (c != 1) out.insert(out.begin(), num(c));
    return make(Kind::Mul, view(out));
}

}  // namespace

Expr mul(std::vector<Expr> factors) {
    if (factors.empty()) return one();
    if (factors.size() == 1) return std::move(factors[0]);
    Scratch<FactorRun> runs;
    for (std::size_t i = 0; i < factors.size(); ++i) runs.push_back({{&factors[i], 1}, i});
    return multiply({runs.data(), runs.size()});
}

Expr replace_factor(const Expr& product, std::size_t i, const Expr& factor) {
    const auto args = product.args();
    const FactorRun runs[] = {{args.first(i), 0}, {args.subspan(i + 1), 0}, {{&factor, 1}, 1}};
    return multiply(runs);
}

Expr pow(const Expr& base, const Expr& exponent) {
    if (exponent.is_number()) {
        const mpq_class& e = exponent.value();
        if (sgn(e) == 0) return one();
        if (e == 1) return base;
        if (base.is_number()) return number_power(base.value(), e);
        const bool integer = e.get_den() == 1;
        if (base.is(Kind::Pow) && integer) return pow(base.arg(0), mul(base.arg(1), exponent));
        if (base.is(Kind::Mul)) {
            auto [c, rest] = split_coefficient(base);
            if (integer && is_large_product(base)) return mul(number_power(c, e), make_pow(rest, exponent));
            if (integer) {
                std::vector<Expr> factors;
                for (const Expr& f : base.args()) factors.push_back(pow(f, exponent));
                return mul(std::move(factors));
            }
            if (sgn(c) > 0 && c != 1) return mul(number_power(c, e), pow(rest, exponent));
        }
    }
    if (base.is_number()) {
        if (base.value() == 1) return one();
        if (sgn(base.value()) == 0 && exponent.is_number()) {
            if (sgn(exponent.value()) < 0) throw DomainError("division by zero (0 to a negative power)");
            return zero();
        }
    }
    if (base.is(Kind::Constant) && base.constant() == Constant::E) return call(Func::Exp, exponent);
    return make_pow(base, exponent);
}

Expr add(const Expr& a, const Expr& b) {
    if (a.is_zero()) return b;
    if (b.is_zero()) return a;
    if (a.is_number() && b.is_number()) {
        // Merged exponents in products are mostly small integers: no GMP temporary for them.
        if (a.is_integer() && b.is_integer() && mpz_fits_sint_p(a.value().get_num_mpz_t())
            && mpz_fits_sint_p(b.value().get_num_mpz_t()))
            return num(mpz_get_si(a.value().get_num_mpz_t()) + mpz_get_si(b.value().get_num_mpz_t()));
        return num(a.value() + b.value());
    }
    return add(std::vector<Expr>{a, b});
}

Expr mul(const Expr& a, const Expr& b) {
    if (a.is_one()) return b;
    if (b.is_one()) return a;
    if (a.is_zero() || b.is_zero()) return zero();
    if (a.is_number() && b.is_number()) return num(a.value() * b.value());
    return mul(std::vector<Expr>{a, b});
}

Expr neg(const Expr& a) {
    // -1 times a canonical non-sum only changes the coefficient: no collecting or sorting.
    if (a.is_number()) return num(-a.value());
    if (a.is(Kind::Add)) return mul(num(-1), a);
    if (a.is(Kind::Mul) && a.arg(0).is_number()) {
        const mpq_class c = -a.arg(0).value();
        Arguments args(a.args().begin(), a.args().end());
        if (c == 1) {
            args.erase(args.begin());
            if (args.size() == 1) return args[0];
        } else {
            args[0] = num(c);
        }
        return make(Kind::Mul, view(args));
    }
    Arguments args{num(-1)};
    if (a.is(Kind::Mul)) {
        args.insert(args.end(), a.args().begin(), a.args().end());
    } else {
        args.push_back(a);
    }
    return make(Kind::Mul, view(args));
}
Expr sub(const Expr& a, const Expr& b) { return add(a, neg(b)); }

Expr div(const Expr& a, const Expr& b) {
    if (b.is_zero()) throw DomainError("division by zero");
    return mul(a, pow(b, num(-1)));
}

bool reads_negative(const Expr& e) {
    switch (e.kind()) {
    case Kind::Number: return sgn(e.value()) < 0;
    case Kind::Mul: return e.arg(0).is_number() && sgn(e.arg(0).value()) < 0;
    case Kind::Add: return reads_negative(e.arg(e.arg(0).is_number() ? 1 : 0));
    default: return false;
    }
}

Expr rebuild(const Expr& e, std::vector<Expr> args) {
    switch (e.kind()) {
    case Kind::Add: return add(std::move(args));
    case Kind::Mul: return mul(std::move(args));
    case Kind::Pow: return pow(args[0], args[1]);
    case Kind::Call: return call(e.func(), std::move(args));
    default: return e;
    }
}

Expr substitute(const Expr& e, std::span<const Expr> from, std::span<const Expr> to) {
    NABLA_ASSERT(from.size() == to.size(), "substitute: lists differ in length");
    std::unordered_map<const Node*, Expr> memo;  // the replacements, then every node walked
    for (std::size_t i = 0; i < from.size(); ++i) memo.emplace(from[i].id(), to[i]);
    const Expr roots[] = {e};
    post_order(
        roots,
        [&](const Expr& x) {
            std::vector<Expr> args;
            args.reserve(x.size());
            bool changed = false;
            for (const Expr& a : x.args()) {
                auto it = memo.find(a.id());
                args.push_back(it == memo.end() ? a : it->second);
                changed = changed || !(args.back() == a);
            }
            memo.emplace(x.id(), changed ? rebuild(x, std::move(args)) : x);
        },
        [&](const Expr& x) { return !x.args().empty() && !memo.contains(x.id()); });
    auto it = memo.find(e.id());
    return it == memo.end() ? e : it->second;
}

std::vector<Expr> free_symbols(std::span<const Expr> roots) {
    std::vector<Expr> symbols;
    post_order(roots, [&](const Expr& e) {
        if (e.is(Kind::Symbol)) symbols.push_back(e);
    });
    std::sort(symbols.begin(), symbols.end(),
              [](const Expr& a, const Expr& b) { return natural_less(a.name(), b.name()); });
    return symbols;
}

}  // namespace nabla::core
