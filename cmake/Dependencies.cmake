# Dependencies.cmake — every external library, found on the system; a missing one names its
# Debian package. scripts/install-deps.sh installs them all.

function(nabla_require found what package)
  if(NOT ${found})
    message(FATAL_ERROR "nabla needs ${what}: install the Debian package '${package}' "
                        "(or run scripts/install-deps.sh).")
  endif()
endfunction()

find_package(Boost 1.74 QUIET)
nabla_require(Boost_FOUND "Boost (Spirit X3)" libboost-dev)

find_path(GMPXX_INCLUDE_DIR gmpxx.h)
find_library(GMP_LIBRARY gmp)
find_library(GMPXX_LIBRARY gmpxx)
if(GMPXX_INCLUDE_DIR AND GMP_LIBRARY AND GMPXX_LIBRARY)
  set(GMP_FOUND TRUE)
endif()
nabla_require(GMP_FOUND "GMP with its C++ interface (gmpxx)" libgmp-dev)
add_library(nabla::gmp INTERFACE IMPORTED)
target_include_directories(nabla::gmp INTERFACE ${GMPXX_INCLUDE_DIR})
target_link_libraries(nabla::gmp INTERFACE ${GMPXX_LIBRARY} ${GMP_LIBRARY})

# MPFR: correctly rounded arbitrary-precision floats, for eval --digits (eval/mpfr.hpp). FLINT
# already depends on it; GMP has no transcendental functions.
find_path(MPFR_INCLUDE_DIR mpfr.h)
find_library(MPFR_LIBRARY mpfr)
if(MPFR_INCLUDE_DIR AND MPFR_LIBRARY)
  set(MPFR_FOUND TRUE)
endif()
nabla_require(MPFR_FOUND "MPFR (eval --digits)" libmpfr-dev)
add_library(nabla::mpfr INTERFACE IMPORTED)
target_include_directories(nabla::mpfr INTERFACE ${MPFR_INCLUDE_DIR})
target_link_libraries(nabla::mpfr INTERFACE ${MPFR_LIBRARY} nabla::gmp)

find_package(CLI11 QUIET CONFIG)
nabla_require(CLI11_FOUND "CLI11" libcli11-dev)

find_package(nlohmann_json 3 QUIET CONFIG)
nabla_require(nlohmann_json_FOUND "nlohmann-json" nlohmann-json3-dev)

find_package(fmt QUIET CONFIG)
nabla_require(fmt_FOUND "fmt" libfmt-dev)

find_package(Eigen3 3.3 QUIET CONFIG)
nabla_require(Eigen3_FOUND "Eigen (linear algebra of the optimizers)" libeigen3-dev)

# LBFGSpp: header-only L-BFGS over Eigen, for `nabla optimize` and `nabla fit`.
find_path(LBFGSPP_INCLUDE_DIR LBFGS.h)
if(LBFGSPP_INCLUDE_DIR AND EXISTS ${LBFGSPP_INCLUDE_DIR}/LBFGSpp/Param.h)
  set(LBFGSPP_FOUND TRUE)
endif()
nabla_require(LBFGSPP_FOUND "LBFGSpp (the L-BFGS optimizer)" liblbfgspp-dev)
add_library(nabla::lbfgspp INTERFACE IMPORTED)
target_include_directories(nabla::lbfgspp INTERFACE ${LBFGSPP_INCLUDE_DIR})
target_link_libraries(nabla::lbfgspp INTERFACE Eigen3::Eigen)

# Nettle: SHA-256 for the compile cache's keys and for checking a cached library before loading it.
find_path(NETTLE_INCLUDE_DIR nettle/sha2.h)
find_library(NETTLE_LIBRARY nettle)
if(NETTLE_INCLUDE_DIR AND NETTLE_LIBRARY)
  set(NETTLE_FOUND TRUE)
endif()
nabla_require(NETTLE_FOUND "Nettle (SHA-256 of the compile cache)" nettle-dev)
add_library(nabla::nettle INTERFACE IMPORTED)
target_include_directories(nabla::nettle INTERFACE ${NETTLE_INCLUDE_DIR})
target_link_libraries(nabla::nettle INTERFACE ${NETTLE_LIBRARY})

# FLINT: multivariate polynomial arithmetic, gcd and factorisation over the integers and rationals,
# for expand, together, cancel, factor and collect (docs/simplify.md).
find_path(FLINT_INCLUDE_DIR flint/fmpz_mpoly_factor.h)
find_library(FLINT_LIBRARY flint)
if(FLINT_INCLUDE_DIR AND FLINT_LIBRARY)
  set(FLINT_FOUND TRUE)
endif()
nabla_require(FLINT_FOUND "FLINT (multivariate polynomials of the algebra operations)" libflint-dev)
add_library(nabla::flint INTERFACE IMPORTED)
target_include_directories(nabla::flint INTERFACE ${FLINT_INCLUDE_DIR})
target_link_libraries(nabla::flint INTERFACE ${FLINT_LIBRARY} nabla::gmp)

if(NABLA_BUILD_TESTS)
  find_package(doctest QUIET CONFIG)
  nabla_require(doctest_FOUND "doctest" doctest-dev)
endif()

if(NABLA_BUILD_BENCH)
  find_package(benchmark QUIET CONFIG)
  nabla_require(benchmark_FOUND "Google Benchmark" libbenchmark-dev)
endif()

# libedit: line editing and history for the REPL, through its readline-compatible API.
find_path(LIBEDIT_INCLUDE_DIR editline/readline.h)
find_library(LIBEDIT_LIBRARY edit)
if(LIBEDIT_INCLUDE_DIR AND LIBEDIT_LIBRARY)
  set(LIBEDIT_FOUND TRUE)
endif()
nabla_require(LIBEDIT_FOUND "libedit (line editing in the REPL)" libedit-dev)
add_library(nabla::libedit INTERFACE IMPORTED)
target_include_directories(nabla::libedit INTERFACE ${LIBEDIT_INCLUDE_DIR})
target_link_libraries(nabla::libedit INTERFACE ${LIBEDIT_LIBRARY})

# Threads: deep input is parsed on a thread with a large stack; the REPL computes on a worker.
find_package(Threads REQUIRED)
