# Helpers for tests and benchmarks that sit beside the code.
#   saylau_test(NAME source.cc... DEPS target...)       a GoogleTest binary registered with CTest
#   saylau_benchmark(NAME source.cc... DEPS target...)  a Google Benchmark binary
include_guard(GLOBAL)

function(saylau_test name)
  if(NOT SAYLAU_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  add_executable(${name} ${ARG_UNPARSED_ARGUMENTS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main rapidcheck rapidcheck_gtest)
  target_compile_options(${name} PRIVATE ${SAYLAU_WARNINGS})
  target_compile_definitions(${name} PRIVATE SAYLAU_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "RC_PARAMS=seed=20230319 max_success=300")
endfunction()

function(saylau_benchmark name)
  if(NOT SAYLAU_BUILD_BENCHMARKS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  add_executable(${name} ${ARG_UNPARSED_ARGUMENTS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} benchmark::benchmark)
  target_compile_options(${name} PRIVATE ${SAYLAU_WARNINGS})
endfunction()
