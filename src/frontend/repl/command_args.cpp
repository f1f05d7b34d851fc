// command_args.cpp — commas, bindings and trailing words, read off the parse tree.
#include "frontend/repl/command_args.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "parse/lower.hpp"
#include "parse/statement.hpp"

namespace nabla::repl {
namespace {

using frontend::Operation;

std::vector<ast::Argument> arguments_of(const Statement& s) { return parse::parse_arguments(s.text, s.rest); }

// Were the arguments separated by commas?
bool has_commas(const Statement& s, const std::vector<ast::Argument>& args) {
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
        const std::size_t end = end_of(args[i]);
        if (s.text.substr(end, begin_of(args[i + 1]) - end).find(',') != std::string_view::npos) return true;
    }
    return false;
}

// The product that ends an expression: its trailing words are there.
ast::Product& last_product(ast::Sum& sum) { return sum.rest.empty() ? sum.first : sum.rest.back().operand; }

// Could the operand be a variable, a [x, y] list, or (with counts) a count, written as a word?
bool is_word(const Statement& s, const ast::ProductOp& op, bool counts) {
    if (op.op != ' ' || !op.operand.signs.empty() || !op.operand.power.exponents.empty()) return false;
    const std::size_t begin = parse::offset_of(op.operand);
    if (begin == 0 || !(core::is_blank(s.text[begin - 1]) || s.text[begin - 1] == '\n')) return false;
    const ast::Primary& p = op.operand.power.base;
    return boost::get<ast::Name>(&p.get()) || boost::get<boost::spirit::x3::forward_ast<ast::List>>(&p.get()) ||
           (counts && boost::get<ast::Number>(&p.get()));
}

// How many trailing words the expression ends with.
std::size_t trailing_words(const Statement& s, ast::Sum& sum, bool counts) {
    const ast::Product& p = last_product(sum);
    std::size_t n = 0;
    while (n < p.rest.size() && is_word(s, p.rest[p.rest.size() - 1 - n], counts)) ++n;
    return n;
}

// Moves the last `k` words of `sum` into arguments of their own.
std::vector<ast::Argument> split_words(ast::Sum sum, std::size_t k) {
    ast::Product& p = last_product(sum);
    std::vector<ast::Argument> words;
    for (std::size_t j = p.rest.size() - k; j < p.rest.size(); ++j) {
        ast::Sum word;
        word.first.first = std::move(p.rest[j].operand);
        words.emplace_back(std::move(word));
    }
    p.rest.resize(p.rest.size() - k);
    std::vector<ast::Argument> out{ast::Argument(std::move(sum))};
    for (ast::Argument& w : words) out.push_back(std::move(w));
    return out;
}

// The first argument reads as an expression (or, for a Jacobian, a list of them).
bool valid_first(const ast::Argument& a, Operation op, const Scope& scope) {
    try {
        if (const ast::List* list = list_of(a); list && op == Operation::Jacobian) {
            for (const ast::Argument& item : list->items) expand(item, scope);
        } else {
            expand(a, scope);
        }
        return true;
    } catch (const Error&) {
        return false;
    }
}

}  // namespace

std::vector<ast::Argument> operation_arguments(Operation op, const Statement& s, const Scope& scope) {
    std::vector<ast::Argument> args = arguments_of(s);
    if (args.size() != 1 || !expression_of(args[0]) || op == Operation::Eval || frontend::is_rewrite(op))
        return args;
    // The most variables that leave a valid expression: `:grad x*y + y^2 y x` is by y, x.
    const bool counts = op == Operation::Diff;
    ast::Sum& sum = boost::get<ast::Sum>(args[0].get());
    const std::size_t available = trailing_words(s, sum, counts);
    const std::size_t least = counts ? 1 : 0;
    for (std::size_t k = available + 1; k-- > least;) {
        std::vector<ast::Argument> split = split_words(sum, k);
        if (valid_first(split[0], op, scope)) return split;
    }
    return args;  // let the operation report what is wrong with it
}

std::vector<ast::Argument> minimize_arguments(const Statement& s) {
    std::vector<ast::Argument> args = arguments_of(s);
    if (args.empty() || has_commas(s, args)) return args;
    // A name after a blank, ending the expression or the last value, is the method.
    ast::Argument& last = args.back();
    ast::Sum* sum = expression_of(last) ? &boost::get<ast::Sum>(last.get()) : &boost::get<ast::Binding>(last.get()).value;
    const ast::Product& p = last_product(*sum);
    if (p.rest.empty() || !is_word(s, p.rest.back(), false) ||
        !boost::get<ast::Name>(&p.rest.back().operand.power.base.get()))
        return args;
    std::vector<ast::Argument> split = split_words(*sum, 1);
    *sum = boost::get<ast::Sum>(split[0].get());
    args.push_back(std::move(split[1]));
    return args;
}

PlotArguments plot_arguments(const Statement& s) {
    PlotArguments a;
    a.args = arguments_of(s);
    if (a.args.empty()) return a;
    a.expr = expression_of(a.args[0]);
    if (!a.expr) throw error_at(s.text, begin_of(a.args[0]), "expected what to plot, like :plot sin(x) x=-3:3");
    if (a.args.size() > 2) throw error_at(s.text, begin_of(a.args[2]), "expected at most a range after the expression");
    if (a.args.size() == 2) {
        a.range = binding_of(a.args[1]);
        if (!a.range || !a.range->upper)
            throw error_at(s.text, begin_of(a.args[1]), "expected a range like x=-3:3");
    }
    return a;
}

std::vector<std::pair<std::string, std::size_t>> name_arguments(const Statement& s) {
    std::vector<std::pair<std::string, std::size_t>> names;
    for (const ast::Argument& a : arguments_of(s)) {
        const ast::Sum* sum = expression_of(a);
        if (!sum) throw error_at(s.text, begin_of(a), "expected a name");
        // `:clear a b` is the implicit product of a and b, as written: each operand is a name.
        const ast::Product& p = sum->first;
        std::vector<const ast::Unary*> operands{&p.first};
        for (const ast::ProductOp& op : p.rest) operands.push_back(op.op == ' ' ? &op.operand : nullptr);
        for (const ast::Unary* u : operands) {
            const ast::Name* name = u && sum->rest.empty() && u->signs.empty() && u->power.exponents.empty()
                                        ? boost::get<ast::Name>(&u->power.base.get())
                                        : nullptr;
            if (!name) throw error_at(s.text, u ? parse::offset_of(*u) : begin_of(a), "expected a name");
            names.emplace_back(name->name, parse::offset_of(*name));
        }
    }
    return names;
}

}  // namespace nabla::repl
