// usage.cpp — usage errors: CLI11's parse errors reworded, and did-you-mean for misspelt names.
#include "frontend/usage.hpp"

#include "parse/nearest.hpp"

#include <iostream>
#include <optional>
#include <vector>

namespace nabla::frontend {
namespace {

// The known name a misspelt one most likely means: the one name it extends or abbreviates
// ("gradient" is "grad" spelt out, "hess" is "hessian" cut short), else the nearest by edit
// distance.
std::optional<std::string_view> suggestion(std::string_view name, std::span<const std::string_view> known) {
    std::optional<std::string_view> affix;
    int affixes = 0;
    for (std::string_view k : known) {
        const std::string_view shorter = k.size() < name.size() ? k : name;
        const std::string_view longer = k.size() < name.size() ? name : k;
        if (shorter.size() >= 3 && longer.starts_with(shorter)) affix = k, ++affixes;
    }
    if (affixes == 1) return affix;
    return parse::nearest_name(name, known);
}

std::string with_suggestion(std::string message, std::string_view name, std::span<const std::string_view> known,
                            std::string_view prefix) {
    if (auto near = suggestion(name, known)) message += "; did you mean '" + std::string(prefix) + std::string(*near) + "'?";
    return message;
}

// The subcommands of `app`, by name and alias.
std::vector<std::string> command_names(CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* cmd : app.get_subcommands([](CLI::App*) { return true; })) {
        names.push_back(cmd->get_name());
        for (const std::string& alias : cmd->get_aliases()) names.push_back(alias);
    }
    return names;
}

CLI::App* command_named(CLI::App& app, const std::string& name) {
    for (CLI::App* cmd : app.get_subcommands([](CLI::App*) { return true; }))
        if (cmd->check_name(name)) return cmd;
    return nullptr;
}

// "--formt" of "--formt=latex": an argument that is a long option (a formula never starts with "--").
std::optional<std::string> long_option(const std::string& arg) {
    if (arg.size() <= 2 || !arg.starts_with("--")) return std::nullopt;
    return arg.substr(0, arg.find('='));
}

// The message for the first unknown command or option in `args`, if any.
std::optional<std::string> unknown_name(CLI::App& app, CLI::App*& command, std::span<const std::string> args) {
    CLI::App* scope = &app;
    for (const std::string& arg : args) {
        if (arg == "--") return std::nullopt;  // the rest is positional
        if (const auto option = long_option(arg)) {
            if (scope->get_option_no_throw(*option)) continue;
            std::vector<std::string> names;
            for (const CLI::Option* o : scope->get_options())
                for (const std::string& n : o->get_lnames()) names.push_back(n);
            const std::vector<std::string_view> known(names.begin(), names.end());
            return with_suggestion("unknown option '" + *option + "'", option->substr(2), known, "--");
        }
        if (scope != &app || arg.starts_with("-")) continue;  // a value, a formula, or -h
        command = command_named(app, arg);
        if (command) {
            scope = command;
            continue;
        }
        const std::vector<std::string> names = command_names(app);
        const std::vector<std::string_view> known(names.begin(), names.end());
        return with_suggestion("unknown command '" + arg + "'", arg, known, "");
    }
    return std::nullopt;
}

std::string help_hint(const std::string& command) { return "'" + command + " --help' shows the usage and examples"; }

}  // namespace

int report_parse_error(CLI::App& app, const CLI::ParseError& error, std::span<const std::string> args) {
    if (error.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(error);  // --help, --version
    CLI::App* command = nullptr;
    const std::optional<std::string> unknown = unknown_name(app, command, args);
    const std::string name = command ? "nabla " + command->get_name() : "nabla";
    return usage_error(name, unknown ? *unknown : std::string(error.what()));
}

int usage_error(const std::string& command, const std::string& message) {
    std::cerr << command << ": " << message << "\n" << help_hint(command) << "\n";
    return 2;
}

}  // namespace nabla::frontend
