// order.cpp — the canonical total order of expressions and the natural order of names.
//
// Terms compare as monomials: by their factors' bases, then by exponent (higher first),
// then by coefficient. That gives x^2 + 2*x + 1 and x*y + y^2 rather than an arbitrary order.
#include "core/expr.hpp"


namespace nabla::core {
namespace {

int rank(Kind k) {
    switch (k) {
    case Kind::Number: return 0;
    case Kind::Constant: return 1;
    case Kind::Symbol: return 2;
    case Kind::Call: return 3;
    case Kind::Add: return 4;
    case Kind::Mul: return 5;
    case Kind::Pow: return 6;
    }
    return 7;
}

int sign_of(int c) { return (c > 0) - (c < 0); }

int compare_args(std::span<const Expr> a, std::span<const Expr> b) {
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
        if (int c = compare(a[i], b[i])) return c;
    return sign_of(static_cast<int>(a.size()) - static_cast<int>(b.size()));
}

int compare_base(const Expr& a, const Expr& b) {
    if (a == b) return 0;
    if (int c = rank(a.kind()) - rank(b.kind())) return sign_of(c);
    switch (a.kind()) {
    case Kind::Number: return sign_of(cmp(a.value(), b.value()));
    case Kind::Constant: return sign_of(static_cast<int>(a.constant()) - static_cast<int>(b.constant()));
    case Kind::Symbol: return natural_compare(a.name(), b.name());
    case Kind::Call:
        if (a.func() != b.func()) return sign_of(static_cast<int>(a.func()) - static_cast<int>(b.func()));
        return compare_args(a.args(), b.args());
    case Kind::Add:
    case Kind::Mul:
    case Kind::Pow: return compare_args(a.args(), b.args());
    }
    return 0;
}

// A term seen as coefficient * prod(base_i ^ exponent_i).
struct TermView {
    const Expr& e;
    std::size_t first = 0;  // index of the first non-coefficient factor of a Mul
    std::size_t count = 1;

    explicit TermView(const Expr& term) : e(term) {
        if (e.is_number()) {
            count = 0;
        } else if (e.is(Kind::Mul)) {
            first = e.arg(0).is_number() ? 1 : 0;
            count = e.size() - first;
        }
    }
    const Expr& factor(std::size_t i) const { return e.is(Kind::Mul) ? e.arg(first + i) : e; }
    static const Expr& base(const Expr& f) { return f.is(Kind::Pow) ? f.arg(0) : f; }
    static const Expr* exponent(const Expr& f) { return f.is(Kind::Pow) ? &f.arg(1) : nullptr; }
    const mpq_class* coefficient() const {
        if (e.is_number()) return &e.value();
        if (e.is(Kind::Mul) && first == 1) return &e.arg(0).value();
        return nullptr;
    }
};

// Higher exponents first; a missing exponent is 1.
int compare_exponent(const Expr* a, const Expr* b) {
    static const mpq_class one(1);
    const bool a_num = !a || a->is_number(), b_num = !b || b->is_number();
    if (a_num && b_num) return -sign_of(cmp(a ? a->value() : one, b ? b->value() : one));
    if (a_num != b_num) return a_num ? -1 : 1;
    return compare(*a, *b);
}

}  // namespace

int compare(const Expr& a, const Expr& b) {
    if (a == b) return 0;
    TermView ta(a), tb(b);
    for (std::size_t i = 0; i < ta.count && i < tb.count; ++i) {
        const Expr& fa = ta.factor(i);
        const Expr& fb = tb.factor(i);
        if (fa == fb) continue;
        if (int c = compare_base(TermView::base(fa), TermView::base(fb))) return c;
        if (int c = compare_exponent(TermView::exponent(fa), TermView::exponent(fb))) return c;
    }
    if (ta.count != tb.count) return ta.count < tb.count ? -1 : 1;
    static const mpq_class one(1);
    const mpq_class* ca = ta.coefficient();
    const mpq_class* cb = tb.coefficient();
    if (int c = sign_of(cmp(ca ? *ca : one, cb ? *cb : one))) return c;
    // Distinct nodes with equal monomial views differ inside a base; compare_base decided
    // every base above, so only a kind difference of whole terms can remain.
    return sign_of(rank(a.kind()) - rank(b.kind()));
}

int natural_compare(std::string_view a, std::string_view b) {
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (digit(a[i]) && digit(b[j])) {
            std::size_t ie = i, je = j;
            while (ie < a.size() && digit(a[ie])) ++ie;
            while (je < b.size() && digit(b[je])) ++je;
            std::string_view na = a.substr(i, ie - i), nb = b.substr(j, je - j);
            while (na.size() > 1 && na[0] == '0') na.remove_prefix(1);
            while (nb.size() > 1 && nb[0] == '0') nb.remove_prefix(1);
            if (na.size() != nb.size()) return na.size() < nb.size() ? -1 : 1;
            if (int c = na.compare(nb)) return sign_of(c);
            i = ie;
            j = je;
        } else {
            if (a[i] != b[j]) return a[i] < b[j] ? -1 : 1;
            ++i;
            ++j;
        }
    }
    if ((a.size() - i) != (b.size() - j)) return (a.size() - i) < (b.size() - j) ? -1 : 1;
    return sign_of(a.compare(b));  // equal up to leading zeros: x01 and x1 still differ
}

bool natural_less(std::string_view a, std::string_view b) { return natural_compare(a, b) < 0; }

}  // namespace nabla::core
