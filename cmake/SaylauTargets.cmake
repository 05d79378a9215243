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
  if(SAYLAU_TEST_PCH)
    _saylau_test_pch()
    target_precompile_headers(${name} REUSE_FROM test_precompiled_header)
    _saylau_pch_code_user(${name} test_precompiled_header)
    if(TARGET test_precompiled_header_code)
      target_link_libraries(${name} PRIVATE fmt::fmt)  # the header's code calls libfmt
    endif()
  endif()
endfunction()

# The precompiled header every test reuses: the headers nearly all of them include, parsed once
# instead of in each of the ~100 test sources (1.1-1.9 s less each under clang + ASan). It is
# built with the tests' own options; a test's extra definitions (SAYLAU_BINARY) are allowed,
# since the header does not use them. Tests still include what they use.
function(_saylau_test_pch)
  if(TARGET test_precompiled_header)
    return()
  endif()
  set(anchor ${CMAKE_BINARY_DIR}/test_precompiled_header.cc)
  if(NOT EXISTS ${anchor})
    file(WRITE ${anchor} "// Compiles the tests' precompiled header (cmake/SaylauTargets.cmake).\n")
  endif()
  add_library(test_precompiled_header OBJECT ${anchor})
  target_link_libraries(test_precompiled_header PRIVATE GTest::gtest nlohmann_json::nlohmann_json fmt::fmt)
  target_compile_options(test_precompiled_header PRIVATE ${SAYLAU_WARNINGS})
  target_precompile_headers(test_precompiled_header PRIVATE
    <algorithm> <chrono> <cstdint> <filesystem> <fstream> <functional> <iostream> <map> <memory>
    <optional> <set> <sstream> <string> <string_view> <vector>
    <fmt/format.h> <gtest/gtest.h> <nlohmann/json.hpp>)
  _saylau_pch_code(test_precompiled_header)
endfunction()

# saylau_precompile_headers(): once every directory has been read, gives each library under
# src/ and the saylau command a precompiled header of the external headers their sources parse
# again and again (the standard library, fmt, nlohmann JSON; CLI11 for the command, Boost.Asio and
# Beast for the server): under clang + ASan a source spent 2-6 s of its 7-17 s parsing them.
# Only external headers, never the project's, and a library gets fmt and JSON in its header
# only when it links both, so a source still has to include what it uses. The libraries share
# two headers (REUSE_FROM; extra definitions such as BOOST_URL_DYN_LINK are allowed, as for the
# tests'). clang builds only (debug, fuzz): g++ rejects a header built with other definitions,
# and the release build was not measured with them. Option SAYLAU_PCH.
set(SAYLAU_PCH_STD <algorithm> <array> <cstdint> <functional> <limits> <map> <memory> <optional> <set> <span>
                   <string> <string_view> <unordered_map> <utility> <variant> <vector>)
set(SAYLAU_PCH_JSON ${SAYLAU_PCH_STD} <chrono> <filesystem> <fstream> <iostream> <sstream>
                    <fmt/format.h> <nlohmann/json.hpp>)

function(saylau_precompile_headers)
  if(NOT SAYLAU_PCH OR NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    return()
  endif()
  _saylau_src_targets(targets)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    get_target_property(libraries ${target} LINK_LIBRARIES)
    if(target STREQUAL "saylau")
      target_precompile_headers(saylau PRIVATE ${SAYLAU_PCH_JSON} <CLI/CLI.hpp>)
      _saylau_pch_code(saylau)
      _saylau_pch_code_user(saylau saylau)
    elseif(target STREQUAL "saylau_server")
      target_precompile_headers(saylau_server PRIVATE ${SAYLAU_PCH_JSON} <boost/asio.hpp> <boost/beast.hpp>)
      _saylau_pch_code(saylau_server)
      _saylau_pch_code_user(saylau_server saylau_server)
    elseif(target MATCHES "^saylau_" AND type STREQUAL "STATIC_LIBRARY")
      if("fmt::fmt" IN_LIST libraries AND "nlohmann_json::nlohmann_json" IN_LIST libraries)
        _saylau_library_pch(${target} json fmt::fmt nlohmann_json::nlohmann_json)
      else()
        _saylau_library_pch(${target} std)
      endif()
    endif()
  endforeach()
endfunction()

# _saylau_src_targets(OUT): every target defined in a directory src/<component> that this
# configuration added (src/testing is there with the tests only), in OUT.
function(_saylau_src_targets out)
  get_property(directories DIRECTORY "${CMAKE_SOURCE_DIR}" PROPERTY SUBDIRECTORIES)
  set(all "")
  foreach(directory IN LISTS directories)
    if(directory MATCHES "/src/[^/]+$")
      get_property(targets DIRECTORY "${directory}" PROPERTY BUILDSYSTEM_TARGETS)
      list(APPEND all ${targets})
    endif()
  endforeach()
  set(${out} ${all} PARENT_SCOPE)
endfunction()

# _saylau_library_pch(TARGET KIND LIBRARY...): TARGET reuses the header of the set
# SAYLAU_PCH_<KIND> built by library_<kind>_precompiled_header (linking LIBRARY...).
function(_saylau_library_pch target kind)
  string(TOUPPER ${kind} upper)
  set(pch library_${kind}_precompiled_header)
  if(NOT TARGET ${pch})
    set(anchor ${CMAKE_BINARY_DIR}/${pch}.cc)
    if(NOT EXISTS ${anchor})
      file(WRITE ${anchor} "// Compiles a precompiled header of the libraries (cmake/SaylauTargets.cmake).\n")
    endif()
    add_library(${pch} OBJECT ${anchor})
    target_link_libraries(${pch} PRIVATE ${ARGN})
    target_compile_options(${pch} PRIVATE ${SAYLAU_WARNINGS})
    target_precompile_headers(${pch} PRIVATE ${SAYLAU_PCH_${upper}})
    _saylau_pch_code(${pch})
  endif()
  target_precompile_headers(${target} REUSE_FROM ${pch})
  _saylau_pch_code_user(${target} ${pch})
endfunction()

# _saylau_pch_code(TARGET): TARGET's precompiled header also holds the code of the inline functions
# and templates it defines or instantiates (clang's -fpch-codegen), compiled once into the object
# <header>.o (target TARGET_code) instead of again into every object file that includes it:
# under clang + ASan the backend was 2-5 s of a source's 4-12 s. Every target whose sources use
# the header links that object (_saylau_pch_code_user). Option SAYLAU_PCH_CODEGEN (clang only).
function(_saylau_pch_code target)
  if(NOT SAYLAU_PCH_CODEGEN OR NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    return()
  endif()
  get_target_property(binary_dir ${target} BINARY_DIR)
  set(pch ${binary_dir}/CMakeFiles/${target}.dir/cmake_pch.hxx.pch)
  # Only the header's own compilation (CMake's cmake_pch.hxx.cxx); the sources need no option.
  set_source_files_properties(${binary_dir}/CMakeFiles/${target}.dir/cmake_pch.hxx.cxx TARGET_DIRECTORY ${target}
                              PROPERTIES COMPILE_OPTIONS -fpch-codegen)
  # The header's object is compiled with the flags every source gets (build type, sanitizers,
  # fuzzer coverage); its language options come from the header itself.
  string(TOUPPER "${CMAKE_BUILD_TYPE}" config)
  separate_arguments(flags UNIX_COMMAND "${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${config}}")
  get_directory_property(options DIRECTORY "${CMAKE_SOURCE_DIR}" COMPILE_OPTIONS)
  add_custom_command(OUTPUT ${pch}.o
                     COMMAND ${CMAKE_CXX_COMPILER} ${flags} ${options} ${CMAKE_CXX20_STANDARD_COMPILE_OPTION}
                             -c ${pch} -o ${pch}.o
                     DEPENDS ${pch} VERBATIM COMMENT "Compiling the code of ${target}'s precompiled header")
  # Ninja finds the rule of ${pch} itself; a target dependency on TARGET would be a cycle when
  # TARGET links its own header's code (the command, the server).
  add_custom_target(${target}_code DEPENDS ${pch}.o)
  set_property(TARGET ${target} PROPERTY SAYLAU_PCH_CODE ${pch}.o)
endfunction()

# _saylau_pch_code_user(TARGET PCH_TARGET): TARGET, compiled with PCH_TARGET's precompiled header,
# links the header's code (an archive member for a library, pulled in where it is used).
function(_saylau_pch_code_user target pch_target)
  if(NOT TARGET ${pch_target}_code)
    return()
  endif()
  get_target_property(object ${pch_target} SAYLAU_PCH_CODE)
  set_source_files_properties(${object} TARGET_DIRECTORY ${target} PROPERTIES GENERATED TRUE EXTERNAL_OBJECT TRUE)
  target_sources(${target} PRIVATE ${object})
  if(NOT target STREQUAL pch_target)
    add_dependencies(${target} ${pch_target}_code)
  endif()
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

# saylau_write_dependency_graph(FILE): once every directory has been read, writes each
# component (a library under src/, and the saylau command) with the components it links
# directly, one line each, sorted: the graph docs/ARCHITECTURE.md shows, generated so that it
# stays true (ctest architecture_doc_test compares the two).
function(saylau_write_dependency_graph file)
  cmake_language(EVAL CODE
    "cmake_language(DEFER DIRECTORY \"${CMAKE_SOURCE_DIR}\" CALL _saylau_write_dependency_graph \"${file}\")")
endfunction()

function(_saylau_write_dependency_graph file)
  _saylau_src_targets(targets)
  set(components "")
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    if((target MATCHES "^saylau_" AND type MATCHES "LIBRARY$" AND NOT target STREQUAL "saylau_testing")
       OR target STREQUAL "saylau")
      list(APPEND components ${target})
    endif()
  endforeach()
  set(lines "")
  foreach(component IN LISTS components)
    set(uses "")
    foreach(property LINK_LIBRARIES INTERFACE_LINK_LIBRARIES)
      get_target_property(libraries ${component} ${property})
      if(NOT libraries)
        continue()
      endif()
      foreach(library IN LISTS libraries)
        string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" library "${library}")
        if(TARGET "${library}")
          get_target_property(aliased ${library} ALIASED_TARGET)
          if(aliased)
            set(library ${aliased})
          endif()
        endif()
        if(library IN_LIST components AND NOT library STREQUAL component)
          string(REGEX REPLACE "^saylau_" "" name "${library}")
          list(APPEND uses ${name})
        endif()
      endforeach()
    endforeach()
    list(REMOVE_DUPLICATES uses)
    list(SORT uses)
    list(JOIN uses " " uses)
    if(uses STREQUAL "")
      set(uses "(nothing)")
    endif()
    string(REGEX REPLACE "^saylau_" "" name "${component}")
    if(name STREQUAL "saylau")
      set(name "cli")
    endif()
    string(LENGTH "${name}" length)
    math(EXPR pad "10 - ${length}")
    string(REPEAT " " ${pad} spaces)
    list(APPEND lines "${name}${spaces}-> ${uses}")
  endforeach()
  list(SORT lines)
  list(JOIN lines "\n" text)
  file(WRITE "${file}" "${text}\n")
endfunction()
