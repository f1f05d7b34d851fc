// lower.cpp — the lowering rules: chains folded without recursion, calls resolved by name.
#include "parse/lower.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "grammar/error_handler.hpp"
#include "parse/nearest.hpp"

#include <algorithm>
#include <charconv>
#include <span>
#include <string>
#include <vector>

namespace nabla::parse {

namespace ast = grammar::ast;
namespace x3 = boost::spirit::x3;

namespace {

// ---- the functions of the language ----

// The core's built-in functions, callable under their own names.
struct CoreFunction {
    std::string_view name;
    core::Func func;
    std::size_t arity;
};

constexpr CoreFunction core_functions[] = {
#define NABLA_FUNCTION(id, name, arity, ...) {name, core::Func::id, arity},
#include "core/functions.def"
#undef NABLA_FUNCTION
};

// Spellings of the language that lower to something other than a core call of that name.
struct LanguageFunction {
    std::string_view name;
    std::size_t arity;
    core::Expr (*lower)(std::span<const core::Expr> args);
};

constexpr LanguageFunction language_functions[] = {
    {"sqrt", 1, [](std::span<const core::Expr> a) { return core::pow(a[0], core::num(1, 2)); }},
    {"pow", 2, [](std::span<const core::Expr> a) { return core::pow(a[0], a[1]); }},
    {"log", 2,
     [](std::span<const core::Expr> a) {
         return core::div(core::call(core::Func::Log, a[0]), core::call(core::Func::Log, a[1]));
     }},
};

bool known_function(std::string_view name) {
    return std::any_of(std::begin(core_functions), std::end(core_functions),
                       [&](const auto& f) { return f.name == name; })
           || std::any_of(std::begin(language_functions), std::end(language_functions),
                          [&](const auto& f) { return f.name == name; });
}

// "log takes 1 or 2 arguments, got 0"
std::string arity_message(std::string_view name, std::size_t got) {
    std::vector<std::size_t> arities;
    for (const auto& f : core_functions)
        if (f.name == name) arities.push_back(f.arity);
    for (const auto& f : language_functions)
        if (f.name == name) arities.push_back(f.arity);
    std::sort(arities.begin(), arities.end());
    arities.erase(std::unique(arities.begin(), arities.end()), arities.end());
    std::string message = std::string(name) + " takes ";
    for (std::size_t i = 0; i < arities.size(); ++i) {
        if (i > 0) message += i + 1 == arities.size() ? " or " : ", ";
        message += std::to_string(arities[i]);
    }
    message += arities.size() == 1 && arities[0] == 1 ? " argument" : " arguments";
    return message + ", got " + std::to_string(got);
}

// The known function closest to a misspelt name, when it is a likely typo.
std::optional<std::string_view> nearest_function(std::string_view name) {
    if (name == "ln") return "log";  // common, and too short for the distance rule
    std::vector<std::string_view> names;
    for (const auto& f : core_functions) names.push_back(f.name);
    for (const auto& f : language_functions) names.push_back(f.name);
    return nearest_name(name, names);
}

std::string unknown_function_message(std::string_view name) {
    const std::string shown =
        name.size() > 32 ? std::string(name.substr(0, 32)) + "..." : std::string(name);
    std::string message = "unknown function '" + shown + "'";
    if (auto near = nearest_function(name))
        message += "; did you mean '" + std::string(*near) + "'?";
    return message;
}

bool odd_minus(const std::string& signs) {
    return std::count(signs.begin(), signs.end(), '-') % 2 == 1;
}

template <typename T>
bool holds(const ast::Primary& p) {
    return boost::get<T>(&p.get()) != nullptr;
}

}  // namespace

std::size_t offset_of(const x3::position_tagged& node) {
    return node.id_first < 0 ? 0 : static_cast<std::size_t>(node.id_first);
}

bool is_function_name(std::string_view name) { return known_function(name); }

std::size_t offset_of(const ast::Sum& s) { return offset_of(s.first.first); }

std::size_t offset_of(const ast::Argument& a) {
    if (const auto* b = boost::get<ast::Binding>(&a.get())) return offset_of(*b);
    return offset_of(boost::get<ast::Sum>(a.get()));
}

std::size_t offset_of(const ast::Primary& p) {
    struct Visitor {
        using result_type = std::size_t;
        std::size_t operator()(const ast::Number& n) const { return offset_of(n); }
        std::size_t operator()(const ast::Name& n) const { return offset_of(n); }
        std::size_t operator()(const x3::forward_ast<ast::Call>& c) const { return offset_of(c.get()); }
        std::size_t operator()(const x3::forward_ast<ast::Sum>& s) const { return offset_of(s.get()); }
        std::size_t operator()(const ast::Reference& r) const { return offset_of(r); }
        std::size_t operator()(const x3::forward_ast<ast::List>& l) const { return offset_of(l.get()); }
    };
    return p.apply_visitor(Visitor{});
}

const ast::Primary* sole_primary(const ast::Sum& s) {
    if (!s.rest.empty() || !s.first.rest.empty()) return nullptr;
    const ast::Unary& u = s.first.first;
    if (!u.signs.empty() || !u.power.exponents.empty()) return nullptr;
    return &u.power.base;
}

core::Expr Resolver::reference(const ast::Reference& r, Lowering& lower) {
    lower.fail(offset_of(r), "unexpected character '%'");
}

Lowering::Lowering(std::string_view text, Resolver* resolver)
    : text_(text), resolver_(resolver ? resolver : &language_), minus_one_(core::num(-1)) {}

template <typename Build>
core::Expr Lowering::located(std::size_t offset, Build&& build) const {
    try {
        return build();
    } catch (const DomainError& e) {
        if (e.position()) throw;
        throw DomainError(e.what(), grammar::char_offset(text_, offset));
    } catch (const LimitError& e) {
        if (e.position()) throw;
        throw LimitError(e.what(), grammar::char_offset(text_, offset));
    }
}

core::Expr Lowering::argument(const ast::Argument& a) {
    if (const auto* b = boost::get<ast::Binding>(&a.get())) {
        // Point at the '=' that makes it a binding, as an expression's stray '=' would be.
        const std::size_t equals = text_.find('=', offset_of(*b));
        fail(equals, "unexpected character '='");
    }
    return sum(boost::get<ast::Sum>(a.get()));
}

core::Expr Lowering::sum(const ast::Sum& s) {
    if (s.rest.empty()) return product(s.first);
    // One n-ary add for the whole chain: pairwise adds would be quadratic.
    std::vector<core::Expr> terms;
    terms.reserve(s.rest.size() + 1);
    terms.push_back(product(s.first));
    for (const auto& step : s.rest) {
        core::Expr term = product(step.operand);
        if (step.op == '-')
            term = located(offset_of(step.operand.first), [&] { return core::neg(term); });
        terms.push_back(std::move(term));
    }
    return located(offset_of(s.first.first), [&] { return core::add(std::move(terms)); });
}

core::Expr Lowering::product(const ast::Product& p) {
    if (p.rest.empty()) return unary(p.first);
    std::vector<core::Expr> factors;
    factors.reserve(p.rest.size() + 1);
    factors.push_back(unary(p.first));
    const ast::Unary* left = &p.first;
    for (const auto& step : p.rest) {
        if (step.op == ' ') check_implicit(*left, step.operand);
        core::Expr factor = unary(step.operand);
        if (step.op == '/')
            factor = located(offset_of(step.operand),
                             [&] { return core::pow(factor, minus_one_); });
        factors.push_back(std::move(factor));
        left = &step.operand;
    }
    return located(offset_of(p.first), [&] { return core::mul(std::move(factors)); });
}

// Implicit multiplication only after a number or ')' (`2x`, `(a)(b)`, `x^2 y`), never
// after a name (`x y`) and never before a number (`2 3`, `(x)2`).
void Lowering::check_implicit(const ast::Unary& left, const ast::Unary& right) const {
    const auto& exponents = left.power.exponents;
    const ast::Primary& last = exponents.empty() ? left.power.base : exponents.back().base;
    if (holds<ast::Name>(last) || holds<ast::Number>(right.power.base))
        fail(offset_of(right),
             "expected an operator before " + grammar::describe_at(text_, offset_of(right)));
}

core::Expr Lowering::unary(const ast::Unary& u) {
    core::Expr e = power(u.power, offset_of(u));
    if (!odd_minus(u.signs)) return e;
    return located(offset_of(u), [&] { return core::neg(e); });
}

// b0 ^ s1 b1 ^ ... ^ sn bn = b0 ^ (s1 (b1 ^ (... ^ (sn bn)))), folded without recursion.
core::Expr Lowering::power(const ast::Power& p, std::size_t offset) {
    if (p.exponents.empty()) return primary(p.base);
    std::vector<core::Expr> bases;  // lowered left to right, so errors report in reading order
    bases.reserve(p.exponents.size() + 1);
    bases.push_back(primary(p.base));
    for (const auto& e : p.exponents) bases.push_back(primary(e.base));
    core::Expr result = std::move(bases.back());
    for (std::size_t i = p.exponents.size(); i-- > 0;) {
        if (odd_minus(p.exponents[i].signs))
            result = located(offset, [&] { return core::neg(result); });
        result = located(offset, [&] { return core::pow(bases[i], result); });
    }
    return result;
}

core::Expr Lowering::primary(const ast::Primary& p) {
    struct Visitor {
        using result_type = core::Expr;
        Lowering& self;
        core::Expr operator()(const ast::Number& n) const { return self.number(n); }
        core::Expr operator()(const ast::Name& n) const { return self.name(n); }
        core::Expr operator()(const x3::forward_ast<ast::Call>& c) const {
            return self.call(c.get());
        }
        core::Expr operator()(const x3::forward_ast<ast::Sum>& s) const {
            return self.sum(s.get());
        }
        core::Expr operator()(const ast::Reference& r) const { return self.resolver_->reference(r, self); }
        core::Expr operator()(const x3::forward_ast<ast::List>& l) const {
            self.fail(offset_of(l.get()), "a list [...] cannot be part of an expression");
        }
    };
    return p.apply_visitor(Visitor{*this});
}

// Decimal and scientific literals are exact: 2.5e-3 = 1/400.
core::Expr Lowering::number(const ast::Number& n) const {
    const std::string_view text = n.text;
    long small = 0;
    if (text.size() <= 18) {
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), small);
        if (ec == std::errc() && end == text.data() + text.size()) return core::num(small);
    }
    const std::size_t e = text.find_first_of("eE");
    const std::string_view mantissa = text.substr(0, e);
    long exponent = 0;
    if (e != std::string_view::npos) {
        std::size_t i = e + 1;
        const bool negative = text[i] == '-';
        if (text[i] == '+' || text[i] == '-') ++i;
        for (; i < text.size(); ++i) {
            exponent = exponent * 10 + (text[i] - '0');
            if (exponent > limits::max_decimal_exponent)
                fail_limit(offset_of(n), "decimal exponent larger than "
                                             + std::to_string(limits::max_decimal_exponent));
        }
        if (negative) exponent = -exponent;
    }
    std::string digits;
    digits.reserve(mantissa.size());
    long fraction_digits = 0;
    bool after_point = false;
    for (const char c : mantissa) {
        if (c == '.') {
            after_point = true;
        } else {
            digits += c;
            fraction_digits += after_point;
        }
    }
    // Every number nabla holds (max_number_bits) must be writable, and is printed, as a
    // literal: the digit limit is the most digits such a number has, and the value itself
    // is checked once built.
    if (digits.size() > limits::max_literal_digits)
        fail_limit(offset_of(n), "number literal with more than "
                                     + std::to_string(limits::max_literal_digits) + " digits");
    const long scale = exponent - fraction_digits;
    mpz_class value(digits, 10);
    mpz_class power_of_ten;
    mpz_ui_pow_ui(power_of_ten.get_mpz_t(), 10, static_cast<unsigned long>(std::abs(scale)));
    mpq_class q;
    if (scale >= 0) {
        q = mpq_class(value * power_of_ten);
    } else {
        q = mpq_class(value, power_of_ten);
        q.canonicalize();
    }
    if (mpz_sizeinbase(q.get_num_mpz_t(), 2) > limits::max_number_bits
        || mpz_sizeinbase(q.get_den_mpz_t(), 2) > limits::max_number_bits)
        fail_limit(offset_of(n), "number literal larger than " + std::to_string(limits::max_number_bits)
                                     + " bits, the limit of an exact number");
    return located(offset_of(n), [&] { return core::num(q); });
}

core::Expr Lowering::name(const ast::Name& n) {
    if (n.name == "pi") return core::constant(core::Constant::Pi);
    if (n.name == "e") return core::constant(core::Constant::E);
    if (known_function(n.name))
        fail(offset_of(n),
             "function '" + n.name + "' needs its arguments: " + n.name + "(...)");
    if (auto value = resolver_->name(n)) return *value;
    return core::sym(n.name);
}

core::Expr Lowering::call(const ast::Call& c) {
    const std::size_t n = c.args.size();
    const CoreFunction* core_function = nullptr;
    const LanguageFunction* language_function = nullptr;
    for (const auto& f : core_functions)
        if (f.name == c.name && f.arity == n) core_function = &f;
    for (const auto& f : language_functions)
        if (f.name == c.name && f.arity == n) language_function = &f;
    if (!core_function && !language_function) {
        if (known_function(c.name)) fail(offset_of(c), arity_message(c.name, n));
        if (auto value = resolver_->call(c, *this)) return *value;
        fail(offset_of(c), unknown_function_message(c.name));
    }
    std::vector<core::Expr> args;
    args.reserve(n);
    for (const auto& arg : c.args) args.push_back(argument(arg));
    return located(offset_of(c), [&] {
        return core_function ? core::call(core_function->func, std::move(args))
                             : language_function->lower(args);
    });
}

void Lowering::fail(std::size_t offset, const std::string& message) const {
    throw ParseError(message, grammar::char_offset(text_, offset));
}

void Lowering::fail_limit(std::size_t offset, const std::string& message) const {
    throw LimitError(message, grammar::char_offset(text_, offset));
}
}  // namespace nabla::parse
