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

# saylau_refuse_dependency(TARGET forbidden...): fails the configuration when TARGET links one
# of `forbidden`, directly or through any library it links (checked once every directory has
# been read, so that targets defined later count too). A layering rule CMake enforces: a
# wrong-way dependency does not configure, and a wrong-way include does not compile.
function(saylau_refuse_dependency target)
  # A deferred call's arguments are evaluated when it runs: bake the values in now.
  list(JOIN ARGN " " forbidden)
  cmake_language(EVAL CODE
    "cmake_language(DEFER DIRECTORY \"${CMAKE_SOURCE_DIR}\" CALL _saylau_check_refused ${target} ${forbidden})")
endfunction()

function(_saylau_check_refused target)
  set(forbidden ${ARGN})
  set(pending ${target})
  set(seen "")
  while(pending)
    list(POP_FRONT pending current)
    if(current IN_LIST seen)
      continue()
    endif()
    list(APPEND seen ${current})
    foreach(property LINK_LIBRARIES INTERFACE_LINK_LIBRARIES)
      get_target_property(libraries ${current} ${property})
      if(NOT libraries)
        continue()
      endif()
      foreach(library IN LISTS libraries)
        string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" library "${library}")
        if(NOT TARGET "${library}")
          continue()
        endif()
        get_target_property(aliased ${library} ALIASED_TARGET)
        if(aliased)
          set(library ${aliased})
        endif()
        if(library IN_LIST forbidden)
          message(FATAL_ERROR "${target} must not depend on ${library} (it does through ${current}): "
                              "see docs/ARCHITECTURE.md, the dependency rules")
        endif()
        list(APPEND pending ${library})
      endforeach()
    endforeach()
  endwhile()
endfunction()
