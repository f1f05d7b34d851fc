// compiled_objective.cpp — generate, compile, load, and call f_grad / f_hess.
#include "opt/compiled_objective.hpp"

#include "codegen/emit_cpp.hpp"
#include "core/error.hpp"

#include <cmath>

namespace nabla::opt {

namespace {

jit::Library compile(const core::Expr& f, std::span<const core::Expr> vars, bool with_hessian,
                    const jit::CompileOptions& options) {
    codegen::Spec spec;
    spec.name = "objective";
    spec.exprs = {f};
    spec.vars.assign(vars.begin(), vars.end());
    spec.hessian = with_hessian;
    return jit::compile(codegen::generate_cpp(spec), options);
}

}  // namespace

CompiledObjective::CompiledObjective(const core::Expr& f, std::span<const core::Expr> vars, bool with_hessian,
                                     const jit::CompileOptions& options)
    : n_(vars.size()),
      value_({&f, 1}, vars),
      library_(compile(f, vars, with_hessian, options)),
      gradient_(library_.function<GradientFn>("objective_grad")) {
    if (with_hessian) hessian_ = library_.function<HessianFn>("objective_hess");
}

double CompiledObjective::gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const {
    g.resize(static_cast<Eigen::Index>(n_));
    return gradient_(x.data(), g.data());
}

double CompiledObjective::hessian(const Eigen::VectorXd& x, Eigen::VectorXd& g, Eigen::MatrixXd& h) const {
    NABLA_ASSERT(hessian_ != nullptr, "CompiledObjective built without its Hessian");
    const auto n = static_cast<Eigen::Index>(n_);
    g.resize(n);
    h.resize(n, n);
    return hessian_(x.data(), g.data(), h.data());  // symmetric, so row- and column-major agree
}

void CompiledObjective::check_finite(const Eigen::VectorXd& x) const {
    double value = 0;
    value_.run_checked({x.data(), n_}, {&value, 1});
    Eigen::VectorXd g;
    gradient(x, g);
    if (!g.allFinite()) throw DomainError("the gradient is not finite");
}

}  // namespace nabla::opt
