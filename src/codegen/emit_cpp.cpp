// emit_cpp.cpp — prints a Module as C++: helpers on demand, pooled constants, straight-line bodies.
#include "codegen/emit_cpp.hpp"

#include "codegen/runtime.hpp"
#include "codegen/schedule.hpp"
#include "core/error.hpp"
#include "core/function_table.hpp"
#include "eval/eval.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <map>
#include <set>

// GCC 12 reports false -Wrestrict warnings for "literal" + std::string (GCC bug 105329).
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ == 12
#pragma GCC diagnostic ignored "-Wrestrict"
#endif

namespace nabla::codegen {

using tape::Instr;
using tape::Op;
using tape::Program;
using tape::Ref;
using tape::Slot;

using core::Func;

namespace {

// The shortest text that reads back as exactly `v`, as a double literal.
std::string literal(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    std::string s(buf, r.ptr);
    if (s.find_first_of(".en") == std::string::npos) s += ".0";
    return s;
}

// The <cmath> name of a function that generated code calls from libm ("sin"), or nullptr
// when it calls a runtime helper.
const char* libm_name(Func f) {
    const std::string_view cpp = core::function_row(f).cpp;
    return cpp.starts_with("std::") ? cpp.data() + 5 : nullptr;
}

// The runtime helper implementing a function ("sign" for nabla_sign), or nullptr for libm.
const char* helper_name(Func f) {
    const std::string_view cpp = core::function_row(f).cpp;
    return cpp.starts_with("nabla_") ? cpp.data() + 6 : nullptr;
}

// The order helpers appear in, whatever order they were needed in.
constexpr const char* helper_order[] = {"sign", "heaviside", "relu", "min", "max", "sigmoid", "softplus", "powi", "powq"};

// Helpers and libm functions (for the SIMD declarations) an instruction needs.
void needs(const Instr& in, std::set<std::string>& helpers, std::set<std::string>& libm) {
    switch (in.op) {
    case Op::Call:
        if (const char* h = helper_name(in.func)) {
            helpers.insert(h);
            if (in.func == Func::Sigmoid) libm.insert("exp");
            if (in.func == Func::Softplus) libm.insert({"exp", "log1p"});
        } else if (in.func != Func::Abs) {
            libm.insert(libm_name(in.func));
        }
        break;
    case Op::Cbrt: libm.insert("cbrt"); break;
    case Op::Pow: libm.insert("pow"); break;
    case Op::PowInt:
        helpers.insert("powi");
        libm.insert("pow");
        break;
    case Op::PowFrac:
        helpers.insert("powq");
        libm.insert("pow");
        break;
    default: break;
    }
}

class Emitter {
public:
    explicit Emitter(const Module& m) : m_(m), p_(m.program) {
        for (const EntryPoint& f : m.entry_points) live_.push_back(p_.live(outputs(f)));
        name_constants();
    }

    std::string run() {
        std::string out;
        for (const std::string& line : m_.header) out += "// " + line + "\n";
        const std::string guard = "NABLA_GENERATED_" + m_.name;
        out += "#ifndef " + guard + "\n#define " + guard + "\n\n#include <cmath>\n#include <cstddef>\n";
        out += preamble();
        if (!constants_.empty()) out += "\n";
        for (const auto& [slot, name] : constants_)
            out += "static constexpr double " + name + " = " + literal(p_[slot].value) + ";\n";
        // clang warns when a loop it was asked to vectorise (libm calls) cannot be.
        const bool any_batch =
            std::any_of(m_.entry_points.begin(), m_.entry_points.end(), [](const EntryPoint& f) { return f.batch; });
        if (any_batch)
            out += "\n#if defined(__clang__)\n#pragma clang diagnostic push\n"
                   "#pragma clang diagnostic ignored \"-Wpass-failed\"\n#endif\n";
        for (std::size_t k = 0; k < m_.entry_points.size(); ++k) out += "\n" + function(m_.entry_points[k], live_[k]);
        for (const Pattern& pattern : m_.patterns) out += "\n" + patterns(pattern);
        if (any_batch) out += "\n#if defined(__clang__)\n#pragma clang diagnostic pop\n#endif\n";
        out += "\n#endif  // " + guard + "\n";
        return out;
    }

private:
    static std::vector<Ref> outputs(const EntryPoint& f) {
        std::vector<Ref> refs;
        if (f.returns) refs.push_back(f.result);
        for (const Store& s : f.stores) refs.push_back(s.value);
        return refs;
    }

    // Constants used anywhere, sorted by value, named NAME_k0, NAME_k1, ...
    void name_constants() {
        std::vector<Slot> used;
        for (Slot s = 0; s < p_.size(); ++s) {
            if (!p_.is_const(s)) continue;
            if (std::any_of(live_.begin(), live_.end(), [&](const std::vector<bool>& l) { return l[s]; }))
                used.push_back(s);
        }
        std::sort(used.begin(), used.end(), [&](Slot a, Slot b) {
            const double x = p_[a].value, y = p_[b].value;
            return x != y ? x < y : std::bit_cast<std::uint64_t>(x) < std::bit_cast<std::uint64_t>(y);
        });
        for (std::size_t k = 0; k < used.size(); ++k) constants_.emplace(used[k], m_.name + "_k" + std::to_string(k));
    }

    std::string preamble() const {
        std::set<std::string> helpers, libm;
        bool any_batch = false;
        for (std::size_t k = 0; k < m_.entry_points.size(); ++k) {
            any_batch = any_batch || m_.entry_points[k].batch;
            for (Slot s = 0; s < p_.size(); ++s)
                if (live_[k][s]) needs(p_[s], helpers, libm);
        }
        std::string out;
        if (any_batch)
            out += "\n// Batch loops run over points; the pragma lets the compiler vectorise them.\n"
                   "#ifndef NABLA_SIMD_LOOP\n#if defined(_OPENMP)\n#define NABLA_SIMD_LOOP _Pragma(\"omp simd\")\n"
                   "#elif defined(__clang__)\n#define NABLA_SIMD_LOOP _Pragma(\"clang loop vectorize(assume_safety)\")\n"
                   "#elif defined(__GNUC__)\n#define NABLA_SIMD_LOOP _Pragma(\"GCC ivdep\")\n"
                   "#else\n#define NABLA_SIMD_LOOP\n#endif\n#endif\n";
        if (!libm.empty()) out += vector_math(libm);
        for (const char* h : helper_order)
            if (helpers.contains(h)) out += "\n" + runtime_helper(h);
        if (any_batch) out += "\n" + runtime_helper("tile");
        return out;
    }

    // NABLA_VM(f): the libm function f, declared with SIMD variants (glibc's libmvec, <= 4 ulp)
    // under -DNABLA_VECTOR_MATH with GCC on x86-64, so that batch loops calling it vectorise.
    // The declarations name the libm symbols through asm labels rather than redeclaring
    // std::sin, which keeps GCC from fusing sin and cos into sincos, which has no SIMD variant.
    static std::string vector_math(const std::set<std::string>& libm) {
        std::string out = "\n// -DNABLA_VECTOR_MATH: batch loops call glibc's SIMD math (libmvec) with GCC on x86-64.\n"
                          "#if defined(NABLA_VECTOR_MATH) && defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) \\\n"
                          "    && defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 35)\nextern \"C\" {\n";
        for (const std::string& f : libm) {
            const bool two = f == "pow" || f == "atan2";
            out += "__attribute__((__simd__(\"notinbranch\"), __const__)) double nabla_vm_" + f
                   + (two ? "(double, double)" : "(double)") + " noexcept __asm__(\"" + f + "\");\n";
        }
        return out + "}\n#ifndef NABLA_VM\n#define NABLA_VM(f) nabla_vm_##f\n#endif\n#else\n#ifndef NABLA_VM\n"
                     "#define NABLA_VM(f) std::f\n#endif\n#endif\n";
    }

    std::string name(Slot s, const std::vector<std::string>& temp) const {
        const Instr& in = p_[s];
        if (p_.is_param(s)) return "p" + std::to_string(in.a - p_.num_vars());
        if (in.op == Op::Input) return "x" + std::to_string(in.a);
        if (in.op == Op::Const) return constants_.at(s);
        return temp[s];
    }

    std::string ref(Ref r, const std::vector<std::string>& temp) const { return (r.neg ? "-" : "") + name(r.slot, temp); }

    std::string expression(const Instr& in, const std::vector<std::string>& t, bool batch) const {
        const std::string a = name(in.a, t);
        auto libm = [&](const char* f) { return batch ? "NABLA_VM(" + std::string(f) + ")" : "std::" + std::string(f); };
        auto b = [&] { return name(in.b, t); };
        switch (in.op) {
        case Op::Add: return a + " + " + b();
        case Op::Sub: return a + " - " + b();
        case Op::Mul: return a + " * " + b();
        case Op::Div: return a + " / " + b();
        case Op::Neg: return "-" + a;
        case Op::Sqrt: return "std::sqrt(" + a + ")";
        case Op::Cbrt: return libm("cbrt") + "(" + a + ")";
        case Op::Pow: return libm("pow") + "(" + a + ", " + b() + ")";
        case Op::Call: {
            const char* h = helper_name(in.func);
            const std::string f = h                         ? std::string("nabla_") + h
                                  : in.func == Func::Abs ? std::string("std::fabs")  // inlined, never SIMD-declared
                                                         : libm(libm_name(in.func));
            return f + "(" + a + (core::func_arity(in.func) == 2 ? ", " + b() : std::string()) + ")";
        }
        case Op::PowInt:
        case Op::PowFrac: {
            const tape::Exponent& q = p_.exponents()[in.b];
            const auto odd = [](bool odd) { return odd ? "true" : "false"; };
            if (in.op == Op::PowInt) return "nabla_powi(" + a + ", " + literal(q.value) + ", " + odd(q.odd_num) + ")";
            return "nabla_powq(" + a + ", " + literal(q.value) + ", " + odd(q.odd_num) + ", " + odd(q.odd_den) + ")";
        }
        case Op::Input:
        case Op::Const: break;
        }
        NABLA_ASSERT(false, "emit: no expression for an input or constant");
        return {};
    }

    std::string function(const EntryPoint& f, const std::vector<bool>& live) const {
        const std::string indent = f.batch ? "        " : "    ";
        std::string out = "// " + f.comment + "\n";
        // The parameters are the same for every point of a batch.
        const std::string p = p_.num_params() == 0 ? ""
                              : f.batch            ? ", const double* __restrict p"
                                                   : ", const double* p";
        if (f.batch) {
            out += "static void " + f.name + "_points(std::size_t m, std::size_t s, const double* __restrict X" + p
                   + output_params(f) + ") {\n";
            out += "    NABLA_SIMD_LOOP\n    for (std::size_t i = 0; i < m; ++i) {\n";
        } else {
            out += std::string("extern \"C\" ") + (f.returns ? "double " : "void ") + f.name + "(const double* x"
                   + p + output_params(f) + ") {\n";
            if (f.zero_array)
                out += "    for (std::size_t k = 0; k < " + std::to_string(f.zero_count) + "; ++k) " + std::string(f.zero_array)
                       + "[k] = 0.0;\n";
        }
        // Instructions in scheduled order; each store right after its value, so that stored
        // values need not stay live.
        std::vector<Slot> kept;
        if (f.returns && !p_.is_const(f.result.slot)) kept.push_back(f.result.slot);
        std::vector<Slot> stored;
        for (const Store& st : f.stores) stored.push_back(st.value.slot);
        const std::vector<Slot> order = schedule(p_, live, stored, kept);
        std::map<Slot, std::vector<const Store*>> stores;
        for (const Store& st : f.stores) stores[st.value.slot].push_back(&st);
        std::vector<std::string> temp(p_.size());
        auto emit_stores = [&](Slot s) {
            auto it = stores.find(s);
            if (it == stores.end()) return;
            for (const Store* st : it->second)
                out += indent + st->array + "[" + (f.batch ? point_index(st->index) : std::to_string(st->index))
                       + "] = " + ref(st->value, temp) + ";\n";
        };
        for (const auto& [slot, list] : stores)
            if (p_.is_const(slot)) emit_stores(slot);
        bool any_var = false, any_param = false;
        std::size_t next = 0;
        for (Slot s : order) {
            const Instr& in = p_[s];
            if (p_.is_param(s)) {
                any_param = true;
                const std::string k = std::to_string(in.a - p_.num_vars());
                out += indent + "const double p" + k + " = p[" + k + "];\n";
            } else if (in.op == Op::Input) {
                any_var = true;
                out += indent + "const double x" + std::to_string(in.a) + " = "
                       + (f.batch ? "X[" + point_index(in.a) + "]" : "x[" + std::to_string(in.a) + "]") + ";\n";
            } else {
                temp[s] = "t" + std::to_string(next++);
                out += indent + "const double " + temp[s] + " = " + expression(in, temp, f.batch) + ";\n";
            }
            emit_stores(s);
        }
        if (!any_var) out += indent + (f.batch ? "(void)X;\n" : "(void)x;\n");
        if (!any_param && p_.num_params() > 0) out += indent + "(void)p;\n";
        if (f.returns) out += "    return " + ref(f.result, temp) + ";\n";
        if (f.batch) return out + "    }\n}\n\n" + batch_entry(f, p);
        return out + "}\n";
    }

    // Row k of point i in a batch array whose rows are s apart.
    static std::string point_index(std::size_t k) {
        if (k == 0) return "i";
        if (k == 1) return "s + i";
        return std::to_string(k) + " * s + i";
    }

    // ", double* g, double* H"; batch arrays must not overlap, which __restrict tells the compiler.
    static std::string output_params(const EntryPoint& f) {
        std::string out;
        for (const std::string& a : f.outputs) out += (f.batch ? ", double* __restrict " : ", double* ") + a;
        return out;
    }

    // A batch array of an entry point and its number of rows.
    struct BatchArray {
        std::string name;
        std::size_t rows;
    };

    // The extern "C" batch entry point: the points loop (NAME_points) run over tiles of T points
    // copied to and from the stack (see nabla_tile_in), or over the whole batch when the
    // arrays have too many rows for a tile of min_tile points in 128 KiB: shorter tiles copy
    // more than they save.
    static constexpr std::size_t min_tile = 32;
    std::string batch_entry(const EntryPoint& f, const std::string& p) const {
        std::vector<BatchArray> arrays{{"X", p_.num_vars()}};
        for (const std::string& name : f.outputs) {
            std::size_t rows = 0;
            for (const Store& st : f.stores)
                if (st.array == name) rows = std::max(rows, st.index + 1);
            arrays.push_back({name, rows});
        }
        std::size_t rows = 0;
        for (const BatchArray& a : arrays) rows += a.rows;
        std::size_t tile = 64;
        while (tile >= min_tile && rows * tile * sizeof(double) > 128 * 1024) tile /= 2;
        std::string out = "extern \"C\" void " + f.name + "(std::size_t m, const double* __restrict X" + p
                          + output_params(f) + ") {\n";
        const std::string params = p.empty() ? "" : ", p";
        std::string args;
        for (std::size_t k = 1; k < arrays.size(); ++k) args += ", " + arrays[k].name;
        if (tile < min_tile || rows == 0) return out + "    " + f.name + "_points(m, m, X" + params + args + ");\n}\n";
        // Arrays without rows are not copied: the points loop does not touch them.
        auto tiled = [](const BatchArray& a) { return a.rows == 0 ? a.name : "t" + a.name; };
        out += "    constexpr std::size_t T = " + std::to_string(tile) + ";\n    alignas(64) double ";
        bool first = true;
        for (const BatchArray& a : arrays) {
            if (a.rows == 0) continue;
            out += (first ? "" : ", ") + tiled(a) + "[" + std::to_string(a.rows) + " * T]";
            first = false;
        }
        out += ";\n    for (std::size_t i = 0; i < m; i += T) {\n"
               "        const std::size_t n = m - i < T ? m - i : T;\n";
        if (arrays[0].rows > 0) out += "        nabla_tile_in<T>(X + i, m, tX, " + std::to_string(arrays[0].rows) + ", n);\n";
        out += "        " + f.name + "_points(n, T, " + tiled(arrays[0]) + params;
        for (std::size_t k = 1; k < arrays.size(); ++k) out += ", " + tiled(arrays[k]);
        out += ");\n";
        for (std::size_t k = 1; k < arrays.size(); ++k)
            if (arrays[k].rows > 0)
                out += "        nabla_tile_out<T>(" + tiled(arrays[k]) + ", " + arrays[k].name + " + i, m, "
                       + std::to_string(arrays[k].rows) + ", n);\n";
        return out + "    }\n}\n";
    }

    static std::string int_array(const std::string& name, const std::vector<std::uint32_t>& v) {
        std::string out = "    static const int " + name + "[" + std::to_string(v.size()) + "] = {";
        for (std::size_t k = 0; k < v.size(); ++k) {
            if (k % 16 == 0) out += "\n       ";
            out += " " + std::to_string(v[k]) + (k + 1 < v.size() ? "," : "");
        }
        return out + "};\n";
    }

    static std::string patterns(const Pattern& pat) {
        const SparseMatrix& s = pat.shape;
        const std::string nnz = std::to_string(s.nnz());
        std::string out = "// number of structural nonzeros\nextern \"C\" int " + pat.prefix + "_nnz() { return " + nnz + "; }\n\n";
        out += "// nonzero k is at (rows[k], cols[k]); row-major order\n";
        out += "extern \"C\" void " + pat.prefix + "_pattern(int* rows, int* cols) {\n";
        if (s.nnz() == 0) {
            out += "    (void)rows;\n    (void)cols;\n}\n";
        } else {
            out += int_array("r", s.row) + int_array("c", s.col);
            out += "    for (int k = 0; k < " + nnz + "; ++k) {\n        rows[k] = r[k];\n        cols[k] = c[k];\n    }\n}\n";
        }
        out += "\n// CSR: row r holds nonzeros row_ptr[r] .. row_ptr[r+1]-1, in columns col_idx[k]\n";
        out += "extern \"C\" void " + pat.prefix + "_csr(int* row_ptr, int* col_idx) {\n";
        out += int_array("p", s.row_pointers());
        out += "    for (int k = 0; k < " + std::to_string(s.rows + 1) + "; ++k) row_ptr[k] = p[k];\n";
        if (s.nnz() == 0) {
            out += "    (void)col_idx;\n}\n";
        } else {
            out += int_array("c", s.col) + "    for (int k = 0; k < " + nnz + "; ++k) col_idx[k] = c[k];\n}\n";
        }
        return out;
    }

    const Module& m_;
    const Program& p_;
    std::vector<std::vector<bool>> live_;
    std::map<Slot, std::string> constants_;
};

}  // namespace

std::string emit_cpp(const Module& module) { return Emitter(module).run(); }

std::string generate_cpp(const Spec& spec) { return emit_cpp(build_module(spec)); }

}  // namespace nabla::codegen
