// workload.hpp — reads a benchmark workload: '#' header lines (task, vars) and expression lines.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace nabla::bench {

struct Workload {
    std::vector<std::string> vars;
    std::vector<std::string> lines;  // one expression per line (W4), or one long one
    std::string text;                // all expression lines joined by newlines
};

inline Workload read_workload(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read workload " + path);
    Workload w;
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("# vars:", 0) == 0) {
            std::istringstream names(line.substr(7));
            for (std::string v; names >> v;) w.vars.push_back(v);
        } else if (!line.empty() && line[0] != '#') {
            w.lines.push_back(line);
            w.text += line + "\n";
        }
    }
    return w;
}

}  // namespace nabla::bench
