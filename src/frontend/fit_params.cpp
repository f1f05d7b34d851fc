// fit_params.cpp — parameters by name shape or declaration; unused columns; fixed values.
#include "frontend/fit_params.hpp"

#include "core/build.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "eval/eval.hpp"
#include "frontend/request.hpp"
#include "parse/parse.hpp"

#include <algorithm>
#include <array>

namespace nabla::frontend {
namespace {

constexpr std::array<std::string_view, 23> greek_letters = {
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta",   "theta", "iota",    "kappa", "lambda", "mu",
    "nu",    "xi",   "omicron", "rho", "sigma",   "tau",  "upsilon", "phi", "chi",     "psi",   "omega"};

bool is_letter(char c) { return core::is_name_start(c) && c != '_'; }

// `rest` is empty, digits, or _ then digits.
bool digits_suffix(std::string_view rest) {
    if (rest.starts_with('_')) rest.remove_prefix(1);
    else if (rest.empty()) return true;
    return !rest.empty() && std::all_of(rest.begin(), rest.end(), core::is_digit);
}

std::string column_list(const opt::Table& data) {
    std::string out;
    for (const std::string& c : data.columns) out += (out.empty() ? "" : ", ") + c;
    return out;
}

}  // namespace

std::vector<std::string> list_items(const std::string& text) {
    std::vector<std::string> items;
    if (text.empty()) return items;
    for (std::size_t from = 0;;) {
        const std::size_t comma = text.find(',', from);
        items.push_back(text.substr(from, comma == std::string::npos ? comma : comma - from));
        if (comma == std::string::npos) return items;
        from = comma + 1;
    }
}

bool parameter_shaped(std::string_view name) {
    if (!name.empty() && is_letter(name[0]) && digits_suffix(name.substr(1))) return true;
    return std::any_of(greek_letters.begin(), greek_letters.end(), [&](std::string_view letter) {
        return name.starts_with(letter) && digits_suffix(name.substr(letter.size()));
    });
}

std::vector<core::Expr> inferred_parameters(const core::Expr& model, const opt::Table& data,
                                            const std::vector<std::string>& declared) {
    std::vector<core::Expr> params;
    for (const core::Expr& s : core::free_symbols({&model, 1})) {
        if (data.column(s.name())) continue;
        if (!parameter_shaped(s.name()) && std::find(declared.begin(), declared.end(), s.name()) == declared.end())
            throw Error("'" + s.name() + "' is neither a column of the data (" + column_list(data)
                        + ") nor a parameter: name it in --params or --x0 if it is one (names like a, b2 or sigma "
                          "are parameters without)");
        params.push_back(s);
    }
    return params;
}

std::vector<std::pair<std::string, std::size_t>> unused_columns(std::span<const core::Expr> uses,
                                                                const opt::Table& data) {
    const std::vector<core::Expr> used = core::free_symbols(uses);
    std::vector<std::pair<std::string, std::size_t>> unused;
    for (std::size_t k = 0; k < data.columns.size(); ++k) {
        const std::string& name = data.columns[k];
        if (std::none_of(used.begin(), used.end(), [&](const core::Expr& s) { return s.name() == name; }))
            unused.emplace_back(name, k + 1);
    }
    return unused;
}

FixedParameters fixed_parameters(const std::string& text, const core::Expr& model, const opt::Table& data) {
    FixedParameters fixed;
    const std::vector<core::Expr> used = core::free_symbols({&model, 1});
    for (const std::string& item : list_items(text)) {
        const std::size_t eq = item.find('=');
        if (eq == std::string::npos) throw Error("--fix: '" + item + "' is not name=value");
        const std::string name = item.substr(0, eq);
        const core::Expr symbol = symbols_named({name})[0];
        if (data.column(name)) throw Error("--fix: '" + name + "' is a column of the data, not a parameter");
        if (std::find(used.begin(), used.end(), symbol) == used.end())
            throw Error("--fix: '" + name + "' is not a name in the model");
        if (std::find(fixed.symbols.begin(), fixed.symbols.end(), symbol) != fixed.symbols.end())
            throw Error("--fix: '" + name + "' is given twice");
        const std::string what = "--fix: the value of " + name + " ('" + item.substr(eq + 1) + "')";
        core::Expr value;
        double number = 0;
        try {
            value = parse::parse(item.substr(eq + 1));
            if (!core::free_symbols({&value, 1}).empty()) throw Error("not a constant");
            number = eval::evaluate(value, {}).number;
        } catch (const Error& e) {
            throw Error(what + ": " + e.what());
        }
        fixed.symbols.push_back(symbol);
        fixed.values.push_back(value);
        fixed.numbers.push_back(number);
    }
    return fixed;
}

}  // namespace nabla::frontend
