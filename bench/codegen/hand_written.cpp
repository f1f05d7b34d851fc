// hand_written.cpp — the hand-written baselines of bench_codegen: Rosenbrock and the tanh network.
//
// Compiled by the benchmark with the same compiler and flags as the generated code. Points are
// stored one after another (x of point p at X[p*n .. p*n + n)), the layout hand-written code
// uses. The network's data (D points a, b with labels y, H hidden units) is defined by the
// benchmark above this text, from the workload file.
#include <cmath>
#include <cstddef>

namespace {

double rosenbrock(const double* x, std::size_t n) {
    double f = 0;
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const double a = x[i + 1] - x[i] * x[i];
        const double b = 1 - x[i];
        f += 100 * a * a + b * b;
    }
    return f;
}

double rosenbrock_grad(const double* x, double* g, std::size_t n) {
    double f = 0;
    for (std::size_t i = 0; i < n; ++i) g[i] = 0;
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const double a = x[i + 1] - x[i] * x[i];
        const double b = 1 - x[i];
        f += 100 * a * a + b * b;
        g[i] += -400 * a * x[i] - 2 * b;
        g[i + 1] += 200 * a;
    }
    return f;
}

// w[3j], w[3j+1], w[3j+2]: unit j's input weights and bias; w[3H + j]: output weights;
// w[4H]: output bias. The loss is the logistic loss summed over the data.
double network(const double* w) {
    double loss = 0;
    for (int d = 0; d < D; ++d) {
        double z = w[4 * H];
        for (int j = 0; j < H; ++j) z += w[3 * H + j] * std::tanh(A[d] * w[3 * j] + B[d] * w[3 * j + 1] + w[3 * j + 2]);
        const double s = 1 / (1 + std::exp(-z));
        loss -= Y[d] != 0 ? std::log(s) : std::log(1 - s);
    }
    return loss;
}

double network_grad(const double* w, double* g) {
    double loss = 0;
    for (int k = 0; k <= 4 * H; ++k) g[k] = 0;
    for (int d = 0; d < D; ++d) {
        double h[H];
        double z = w[4 * H];
        for (int j = 0; j < H; ++j) {
            h[j] = std::tanh(A[d] * w[3 * j] + B[d] * w[3 * j + 1] + w[3 * j + 2]);
            z += w[3 * H + j] * h[j];
        }
        const double s = 1 / (1 + std::exp(-z));
        loss -= Y[d] != 0 ? std::log(s) : std::log(1 - s);
        const double dz = s - Y[d];  // d loss / dz
        g[4 * H] += dz;
        for (int j = 0; j < H; ++j) {
            g[3 * H + j] += dz * h[j];
            const double dh = dz * w[3 * H + j] * (1 - h[j] * h[j]);
            g[3 * j] += dh * A[d];
            g[3 * j + 1] += dh * B[d];
            g[3 * j + 2] += dh;
        }
    }
    return loss;
}

}  // namespace

extern "C" void hand_rosenbrock(std::size_t m, std::size_t n, const double* X, double* F) {
    for (std::size_t p = 0; p < m; ++p) F[p] = rosenbrock(X + p * n, n);
}

extern "C" void hand_rosenbrock_grad(std::size_t m, std::size_t n, const double* X, double* F, double* G) {
    for (std::size_t p = 0; p < m; ++p) F[p] = rosenbrock_grad(X + p * n, G + p * n, n);
}

extern "C" void hand_network(std::size_t m, std::size_t n, const double* X, double* F) {
    for (std::size_t p = 0; p < m; ++p) F[p] = network(X + p * n);
}

extern "C" void hand_network_grad(std::size_t m, std::size_t n, const double* X, double* F, double* G) {
    for (std::size_t p = 0; p < m; ++p) F[p] = network_grad(X + p * n, G + p * n);
}
