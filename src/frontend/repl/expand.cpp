// expand.cpp — placeholders for the REPL's own syntax, parsing, then substitution.
#include "frontend/repl/expand.hpp"

#include <algorithm>
#include <charconv>

#include "core/build.hpp"
#include "core/error.hpp"
#include "frontend/repl/operations.hpp"
#include "frontend/repl/statement.hpp"
#include "parse/parse.hpp"

namespace nabla::repl {
namespace {

using core::Expr;
using K = Token::Kind;

// A run of the rewritten text and where it came from in the statement.
struct Segment {
    std::size_t out_begin;  // bytes in the rewritten text
    std::size_t source;     // bytes in the statement
    std::size_t length;
    bool placeholder;  // the whole run stands for the source position
};

class Rewriter {
public:
    explicit Rewriter(const Piece& piece) : piece_(piece) {
        // A prefix that the text cannot contain makes the placeholders unable to meet a name.
        const std::string_view text = piece.text();
        while (text.find(prefix_) != std::string_view::npos) prefix_ += "_";
    }

    // Replaces the source bytes [begin, end) (relative to the piece) by a placeholder for value.
    void replace(std::size_t begin, std::size_t end, Expr value) {
        copy_to(begin);
        const std::string name = prefix_ + std::to_string(from_.size());
        segments_.push_back({out_.size(), piece_.begin + begin, name.size() + 2, true});
        // In parentheses, so f(x)(y) and 2f(x) stay products and f(x)^2 a power.
        out_ += "(" + name + ")";
        from_.push_back(core::sym(name));
        to_.push_back(std::move(value));
        copied_ = end;
    }

    Expr parse_and_substitute(const Scope& scope) {
        copy_to(piece_.end - piece_.begin);
        Expr parsed;
        try {
            parsed = parse::parse(out_);
        } catch (const Error& e) {
            if (!e.position()) throw;
            throw Error(e.what(), source_position(*e.position()));
        }
        std::vector<Expr> from = from_, to = to_;
        for (const Expr& s : core::free_symbols(std::span<const Expr>(&parsed, 1))) {
            if (std::find(from_.begin(), from_.end(), s) != from_.end() || scope.is_bound(s.name())) continue;
            if (const Expr* v = scope.env.variable(s.name())) {
                from.push_back(s), to.push_back(*v);
            } else if (const Function* f = scope.env.function(s.name())) {
                from.push_back(s), to.push_back(f->body);  // a bare function name is its body
            }
        }
        return from.empty() ? parsed : core::substitute(parsed, from, to);
    }

private:
    void copy_to(std::size_t end) {
        if (end <= copied_) return;
        segments_.push_back({out_.size(), piece_.begin + copied_, end - copied_, false});
        out_ += piece_.text().substr(copied_, end - copied_);
        copied_ = end;
    }

    // A character position in the rewritten text -> a character position in the statement.
    std::size_t source_position(std::size_t chars) const {
        const std::size_t byte = byte_offset(out_, chars);
        std::size_t source = piece_.end;
        for (const Segment& s : segments_) {
            if (byte < s.out_begin || byte >= s.out_begin + s.length) continue;
            source = s.placeholder ? s.source : s.source + (byte - s.out_begin);
            break;
        }
        if (byte >= out_.size()) source = piece_.end + (byte - out_.size());  // past the end
        const std::size_t inside = std::min(source, piece_.statement.size());
        return char_offset(piece_.statement, inside) + (source - inside);
    }

    const Piece& piece_;
    std::string prefix_ = "_r";
    std::string out_;
    std::vector<Segment> segments_;
    std::vector<Expr> from_, to_;
    std::size_t copied_ = 0;
};

Expr apply(const std::string& name, const Function& f, const Piece& call, const std::vector<Piece>& args,
           const Scope& scope) {
    for (const Piece& a : args)
        if (a.blank()) throw Error("expected an argument", char_offset(a.statement, a.begin));
    if (args.size() != f.params.size()) {
        std::string params;
        for (const Expr& p : f.params) params += (params.empty() ? "" : ", ") + p.name();
        throw Error(name + " takes " + std::to_string(f.params.size()) + " argument" +
                        (f.params.size() == 1 ? "" : "s") + " (" + params + "), got " +
                        std::to_string(args.size()),
                    char_offset(call.statement, call.begin));
    }
    std::vector<Expr> values;
    for (const Piece& a : args) values.push_back(expand(a, scope));
    try {
        return core::substitute(f.body, f.params, values);
    } catch (const Error&) {
        rethrow_at(call);
    }
}

}  // namespace

bool Scope::is_bound(std::string_view name) const {
    return std::find(bound.begin(), bound.end(), name) != bound.end();
}

void rethrow_at(const Piece& at) {
    try {
        throw;
    } catch (const Error& e) {
        if (e.position()) throw;
        throw Error(e.what(), char_offset(at.statement, at.begin));
    }
}

const frontend::Response& result_at(const Piece& at, std::size_t number, const Scope& scope) {
    const std::size_t count = scope.env.result_count();
    if (count == 0) throw Error("there are no results yet", char_offset(at.statement, at.begin));
    if (number == 0) number = count;
    const frontend::Response* r = scope.env.result(number);
    if (!r)
        throw Error("there is no result %" + std::to_string(number) + " (the results are %1 to %" +
                        std::to_string(count) + ")",
                    char_offset(at.statement, at.begin));
    return *r;
}

Expr expand(const Piece& piece, const Scope& scope) {
    const std::string_view text = piece.text();
    const std::vector<Token> t = tokenize(text);
    if (t.empty()) throw Error("expected an expression", char_offset(piece.statement, piece.begin));
    Rewriter rewriter(piece);
    auto word = [&](const Token& tok) { return text.substr(tok.begin, tok.end - tok.begin); };
    auto at = [&](std::size_t begin, std::size_t end) {
        return Piece{piece.statement, piece.begin + begin, piece.begin + end};
    };
    for (std::size_t i = 0; i < t.size(); ++i) {
        const Token& tok = t[i];
        if (tok.kind == K::Ref || (tok.kind == K::Name && word(tok) == "ans" && !scope.is_bound("ans"))) {
            const Piece ref = at(tok.begin, tok.end);
            std::size_t number = 0;  // ans
            if (tok.kind == K::Ref) {
                const std::string_view digits = word(tok).substr(1);
                if (std::from_chars(digits.data(), digits.data() + digits.size(), number).ec != std::errc() ||
                    number == 0)
                    throw Error("there is no result " + std::string(word(tok)),
                                char_offset(piece.statement, ref.begin));
            }
            try {
                const frontend::Response& r = result_at(ref, number, scope);
                rewriter.replace(tok.begin, tok.end,
                                 scalar_of(r, number ? number : scope.env.result_count()));
            } catch (const Error&) {
                rethrow_at(ref);
            }
            continue;
        }
        const bool is_call = tok.kind == K::Name && i + 1 < t.size() && t[i + 1].kind == K::Open &&
                             t[i + 1].bracket == '(' && !scope.is_bound(word(tok));
        if (!is_call) continue;
        const std::string name(word(tok));
        const Function* f = scope.env.function(name);
        if (!f && !is_call_operation(name)) continue;  // a built-in function, or unknown: parse judges
        const std::size_t close = matching_close(t, i + 1);
        if (close == t.size()) continue;  // unclosed: the parser reports it
        const Piece call = at(tok.begin, t[close].end);
        const std::vector<Piece> args = split_arguments(at(t[i + 1].end, t[close].begin));
        if (f) {
            rewriter.replace(tok.begin, t[close].end, apply(name, *f, call, args, scope));
        } else if (name == "diff") {
            rewriter.replace(tok.begin, t[close].end, derivative_of(call, args, scope));
        } else {
            throw Error(name + "(...) gives a " + (name == "grad" ? "list" : "matrix") +
                            ", so it must be a statement of its own",
                        char_offset(piece.statement, piece.begin + tok.begin));
        }
        i = close;
    }
    return rewriter.parse_and_substitute(scope);
}

}  // namespace nabla::repl
