// command_args.cpp — commas, bindings and trailing variable words.
#include "frontend/repl/command_args.hpp"

#include "core/error.hpp"

namespace nabla::repl {
namespace {

using frontend::Operation;
using K = Token::Kind;

bool has_top_level_comma(const std::vector<Token>& t) {
    int depth = 0;
    for (const Token& tok : t) {
        if (tok.kind == K::Open) ++depth;
        if (tok.kind == K::Close) --depth;
        if (tok.kind == K::Comma && depth == 0) return true;
    }
    return false;
}

// Blank-separated words outside brackets, as [first token, last token] index pairs.
std::vector<std::pair<std::size_t, std::size_t>> words(const std::vector<Token>& t) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    int depth = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (out.empty() || (depth == 0 && t[i].begin > t[i - 1].end)) out.push_back({i, i});
        out.back().second = i;
        if (t[i].kind == K::Open) ++depth;
        if (t[i].kind == K::Close) --depth;
    }
    return out;
}

// Could the word be a variable, a [x, y] list, or (for diff) a count?
bool variable_word(const std::vector<Token>& t, std::pair<std::size_t, std::size_t> w, bool counts) {
    if (w.first == w.second) return t[w.first].kind == K::Name || (counts && t[w.first].kind == K::Number);
    return t[w.first].kind == K::Open && t[w.first].bracket == '[' && matching_close(t, w.first) == w.second;
}

// The first argument reads as an expression (or, for a Jacobian, a list of them).
bool valid_first(const Piece& p, Operation op, const Scope& scope) {
    try {
        const std::vector<Token> t = tokenize(p.text());
        if (op == Operation::Jacobian && !t.empty() && t[0].bracket == '[' && matching_close(t, 0) == t.size() - 1) {
            for (const Piece& item :
                 split_arguments({p.statement, p.begin + t[0].end, p.begin + t.back().begin}))
                expand(item, scope);
        } else {
            expand(p, scope);
        }
        return true;
    } catch (const Error&) {
        return false;
    }
}

std::vector<Piece> with_trailing_variables(Operation op, const Piece& body, const std::vector<Token>& t,
                                           const Scope& scope) {
    const auto w = words(t);
    const bool counts = op == Operation::Diff;
    std::size_t available = 0;
    while (available + 1 < w.size() && variable_word(t, w[w.size() - 1 - available], counts)) ++available;
    // The most variables that leave a valid expression: `:grad x*y + y^2 y x` is by y, x.
    const std::size_t least = counts ? 1 : 0;
    for (std::size_t k = available + 1; k-- > least;) {
        const std::size_t last = w[w.size() - 1 - k].second;
        std::vector<Piece> args{Piece{body.statement, body.begin, body.begin + t[last].end}};
        if (!valid_first(args[0], op, scope)) continue;
        for (std::size_t j = w.size() - k; j < w.size(); ++j)
            args.push_back(
                {body.statement, body.begin + t[w[j].first].begin, body.begin + t[w[j].second].end});
        return args;
    }
    return {body};  // let the operation report what is wrong with it
}

// `EXPR x=1 y=2`: a binding starts at each top-level `name =`.
std::vector<Piece> with_bindings(const Piece& body, const std::vector<Token>& t) {
    std::vector<std::size_t> starts;
    int depth = 0;
    for (std::size_t i = 0; i + 1 < t.size(); ++i) {
        if (t[i].kind == K::Open) ++depth;
        if (t[i].kind == K::Close) --depth;
        if (depth == 0 && t[i].kind == K::Name && t[i + 1].kind == K::Equals) starts.push_back(i);
    }
    if (starts.empty()) return {body};
    std::vector<Piece> args{Piece{body.statement, body.begin, body.begin + t[starts[0]].begin}.trimmed()};
    for (std::size_t j = 0; j < starts.size(); ++j) {
        const std::size_t end = j + 1 < starts.size() ? body.begin + t[starts[j + 1]].begin : body.end;
        args.push_back(Piece{body.statement, body.begin + t[starts[j]].begin, end}.trimmed());
    }
    return args;
}

}  // namespace

std::vector<Piece> operation_arguments(Operation op, const Piece& body, const Scope& scope) {
    const std::vector<Token> t = tokenize(body.text());
    if (t.empty()) return {};
    if (has_top_level_comma(t)) return split_arguments(body);
    if (op == Operation::Eval) return with_bindings(body, t);
    if (frontend::is_rewrite(op)) return {body};
    return with_trailing_variables(op, body, t, scope);
}

std::vector<Piece> minimize_arguments(const Piece& body) {
    const std::vector<Token> t = tokenize(body.text());
    if (t.empty() || has_top_level_comma(t)) return split_arguments(body);
    const auto w = words(t);
    const std::size_t last = w.back().first;
    // A name right after a complete operand cannot continue the expression or a value.
    const bool method = w.size() > 1 && w.back().second == last && t[last].kind == K::Name &&
                        (t[last - 1].kind == K::Name || t[last - 1].kind == K::Number ||
                         t[last - 1].kind == K::Ref || t[last - 1].kind == K::Close);
    if (!method) return with_bindings(body, t);
    const Piece rest{body.statement, body.begin, body.begin + t[last - 1].end};
    std::vector<Piece> args = with_bindings(rest, tokenize(rest.text()));
    args.push_back({body.statement, body.begin + t[last].begin, body.begin + t[last].end});
    return args;
}

PlotArguments plot_arguments(const Piece& body) {
    const std::vector<Token> t = tokenize(body.text());
    int depth = 0;
    for (std::size_t i = 0; i + 1 < t.size(); ++i) {
        if (t[i].kind == K::Open) ++depth;
        if (t[i].kind == K::Close) --depth;
        if (depth != 0 || t[i].kind != K::Name || t[i + 1].kind != K::Equals) continue;
        PlotArguments a;
        std::size_t expr_end = i;
        if (expr_end > 0 && t[expr_end - 1].kind == K::Comma) --expr_end;
        a.expr = expr_end > 0 ? Piece{body.statement, body.begin, body.begin + t[expr_end - 1].end}
                              : Piece{body.statement, body.begin, body.begin};
        a.var = Piece{body.statement, body.begin + t[i].begin, body.begin + t[i].end};
        std::size_t colon = t.size();
        int d = 0;
        for (std::size_t j = i + 2; j < t.size(); ++j) {
            if (t[j].kind == K::Open) ++d;
            if (t[j].kind == K::Close) --d;
            if (d == 0 && t[j].kind == K::Colon) colon = j;
        }
        if (colon == t.size() || colon == i + 2 || colon + 1 == t.size())
            throw Error("expected a range like " +
                            std::string(body.text().substr(t[i].begin, t[i].end - t[i].begin)) + "=-3:3",
                        char_offset(body.statement, body.begin + t[i].begin));
        a.lo = Piece{body.statement, body.begin + t[i + 1].end, body.begin + t[colon].begin}.trimmed();
        a.hi = Piece{body.statement, body.begin + t[colon].end, body.end}.trimmed();
        return a;
    }
    return {body, std::nullopt, std::nullopt, std::nullopt};
}

}  // namespace nabla::repl
