// key.cpp — compiler and processor identities, and the cache key made from them.
#include "jit/key.hpp"

#include "jit/process.hpp"
#include "jit/sha256.hpp"

#include <sys/utsname.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>

namespace nabla::jit {

namespace {

// Length-prefixed, so that no two different lists of fields hash the same text.
void field(Sha256& h, std::string_view text) { h.update(std::to_string(text.size()) + ":").update(text); }

std::string captured_version(const std::vector<std::string>& argv, std::chrono::seconds limit, bool& ok) {
    // Unlinked at once: there is no name anyone could plant a link at.
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::tmpfile(), &std::fclose);
    if (!file) return "";
    std::vector<std::string> args = argv;
    args.push_back("--version");
    ok = run(args, ::fileno(file.get()), limit) == 0;
    std::string out;
    std::rewind(file.get());
    for (int c; (c = std::fgetc(file.get())) != EOF;) out += static_cast<char>(c);
    return out;
}

}  // namespace

CompilerIdentity compiler_identity(const std::vector<std::string>& command, std::chrono::seconds limit) {
    static std::mutex mutex;
    static std::map<std::string, CompilerIdentity> known;
    std::string id;
    for (const std::string& word : command) id += word + '\0';
    if (const char* path = std::getenv("PATH")) id += path;
    {
        std::lock_guard lock(mutex);
        if (auto it = known.find(id); it != known.end()) return it->second;
    }
    CompilerIdentity c;
    c.path = command.empty() ? "" : find_program(command[0]);
    c.text = c.path;
    for (const std::string& word : command) c.text.append("\n").append(word);
    if (!c.path.empty()) {
        std::vector<std::string> argv = command;
        argv[0] = c.path;
        c.text.append("\n").append(captured_version(argv, limit, c.runs));
    }
    std::lock_guard lock(mutex);
    known.emplace(id, c);
    return c;
}

const std::string& cpu_identity() {
    static const std::string identity = [] {
        static const std::set<std::string> wanted = {"vendor_id", "cpu family", "model", "model name", "stepping",
                                                     "flags", "Features", "CPU implementer", "CPU architecture",
                                                     "CPU variant", "CPU part", "CPU revision", "isa", "uarch"};
        std::string out;
        struct utsname u {};
        if (::uname(&u) == 0) out = std::string(u.machine) + "\n";
        std::ifstream in("/proc/cpuinfo");
        for (std::string line; std::getline(in, line) && !line.empty();) {  // the first processor
            const std::size_t colon = line.find(':');
            std::string key = line.substr(0, colon);
            while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.pop_back();
            if (wanted.count(key)) out += line + "\n";
        }
        return out;
    }();
    return identity;
}

std::string library_key(std::string_view source, const CompilerIdentity& compiler, const std::vector<std::string>& args) {
    Sha256 h;
    field(h, "nabla jit 1");
    field(h, compiler.text);
    bool native = false;
    for (const std::string& a : args) {
        field(h, a);
        native = native || a.find("=native") != std::string::npos;
    }
    field(h, native ? cpu_identity() : "");
    field(h, source);
    return h.hex();
}

}  // namespace nabla::jit
