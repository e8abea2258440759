# cmake/ffacm_ffmpeg.cmake: find FFmpeg (libavcodec, libavutil, libswresample)
# and define the INTERFACE imported target  ffacm::ffmpeg.
#
# include()d by the top-level CMakeLists.txt after project():
#
#   include(cmake/ffacm_ffmpeg.cmake)
#   target_link_libraries(ffacm PRIVATE ffacm::ffmpeg)
#
# Two routes:
#
#  FFACM_SYSTEM_FFMPEG=OFF (default): the static mingw build made by
#    third_party/build.sh <arch>, in FFACM_DEPS_PREFIX (default
#    <repo>/build/deps/<arch>/prefix, or $FFACM_DEPS_DIR/<arch>/prefix when
#    that environment variable is set, like build.sh). <arch> is
#    CMAKE_SYSTEM_PROCESSOR as set by cmake/toolchain-<arch>-w64-mingw32.cmake.
#    Windows targets only.
#
#  FFACM_SYSTEM_FFMPEG=ON: whatever pkg-config finds: MSYS2's mingw packages,
#    or Debian's libavcodec-dev & co. for the native Linux unit-test build.
#
# The link is static when FFACM_FFMPEG_STATIC is ON (always for the bundled
# route; default for Windows on the system route): the target then carries
# pkg-config's --static flags (the libraries' Libs.private: -lmp3lame -lopus
# -lvorbisenc -lvorbis -logg -lm -latomic -lole32 -luser32 -lbcrypt ...) and
# the link options -static -static-libgcc, so the resulting DLL/EXE needs
# only system DLLs. Otherwise (Linux) it links the shared libraries.
#
# Defines:
#   ffacm::ffmpeg                  INTERFACE IMPORTED (GLOBAL) target
#   FFACM_FFMPEG_STATIC            ON if linked statically
#   FFACM_FFMPEG_ARCH              x86_64 | i686 (bundled route only)
#   FFACM_FFMPEG_AVCODEC_VERSION   e.g. 59.37.100 (likewise _AVUTIL_, _SWRESAMPLE_)
#   FFACM_DEPS_PREFIX              (cache) the prefix used by the bundled route

include_guard(GLOBAL)

option(FFACM_SYSTEM_FFMPEG
  "Use FFmpeg from pkg-config (MSYS2, or Debian's libavcodec-dev for native tests) instead of third_party/build.sh's static build"
  OFF)

# The FFmpeg API ffacm is written against: the pinned 5.1 (third_party/versions.sh).
set(_ffacm_ffmpeg_modules
  "libavcodec>=59.37.100" "libavutil>=57.28.100" "libswresample>=4.7.100")

find_package(PkgConfig REQUIRED)

# pkg_check_modules() caches its results and skips the query when its
# arguments did not change, even if the prefix or the .pc files did. The
# query is cheap: always redo it.
unset(__pkg_config_checked__FFACM_FFMPEG CACHE)

if(NOT FFACM_SYSTEM_FFMPEG)
  # ---------------------------------------------------------------- bundled
  if(NOT WIN32)
    message(FATAL_ERROR
      "ffacm: the bundled FFmpeg (third_party/build.sh) is built for Windows only.\n"
      "Configure with -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-x86_64-w64-mingw32.cmake "
      "(or the i686 one), or use -DFFACM_SYSTEM_FFMPEG=ON for a native build "
      "against the system's FFmpeg (apt-get install libavcodec-dev libswresample-dev).")
  endif()

  string(TOLOWER "${CMAKE_SYSTEM_PROCESSOR}" _ffacm_proc)
  if(_ffacm_proc MATCHES "^(x86_64|amd64|x64)$")
    set(FFACM_FFMPEG_ARCH x86_64)
  elseif(_ffacm_proc MATCHES "^(i[3-6]86|x86)$")
    set(FFACM_FFMPEG_ARCH i686)
  else()
    message(FATAL_ERROR "ffacm: unsupported CMAKE_SYSTEM_PROCESSOR '${CMAKE_SYSTEM_PROCESSOR}' (x86_64 or i686)")
  endif()

  # Same default as third_party/build.sh: $FFACM_DEPS_DIR or <repo>/build/deps.
  # <repo> is found relative to this file, so it also works when ffacm is a
  # subproject.
  get_filename_component(_ffacm_repo "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
  if(DEFINED ENV{FFACM_DEPS_DIR} AND NOT "$ENV{FFACM_DEPS_DIR}" STREQUAL "")
    get_filename_component(_ffacm_deps "$ENV{FFACM_DEPS_DIR}" ABSOLUTE BASE_DIR "${_ffacm_repo}")
  else()
    set(_ffacm_deps "${_ffacm_repo}/build/deps")
  endif()
  set(FFACM_DEPS_PREFIX "${_ffacm_deps}/${FFACM_FFMPEG_ARCH}/prefix" CACHE PATH
    "Prefix holding the static FFmpeg built by third_party/build.sh for this architecture")

  set(_ffacm_pcdir "${FFACM_DEPS_PREFIX}/lib/pkgconfig")
  if(NOT EXISTS "${_ffacm_pcdir}/libavcodec.pc")
    message(FATAL_ERROR
      "ffacm: no FFmpeg build in FFACM_DEPS_PREFIX=${FFACM_DEPS_PREFIX}\n"
      "Build it first (a few minutes, cached afterwards):\n"
      "    third_party/build.sh ${FFACM_FFMPEG_ARCH}\n"
      "or point -DFFACM_DEPS_PREFIX=... at an existing one, "
      "or use -DFFACM_SYSTEM_FFMPEG=ON.")
  endif()
  # Re-run CMake when build.sh rebuilds the prefix (its stamp changes), so
  # the link flags below are refreshed.
  get_filename_component(_ffacm_stamp "${FFACM_DEPS_PREFIX}/../ffacm-deps.stamp" ABSOLUTE)
  if(EXISTS "${_ffacm_stamp}")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_ffacm_stamp}")
  endif()

  set(FFACM_FFMPEG_STATIC ON)

  # Only the prefix's .pc files are visible, never the build machine's.
  # --define-prefix: build.sh writes the .pc files relative to ${prefix};
  # pkg-config then takes the prefix from where the .pc file is, so a moved
  # or copied deps tree still works.
  set(_ffacm_saved_libdir "$ENV{PKG_CONFIG_LIBDIR}")
  set(_ffacm_saved_path "$ENV{PKG_CONFIG_PATH}")
  set(ENV{PKG_CONFIG_LIBDIR} "${_ffacm_pcdir}")
  set(ENV{PKG_CONFIG_PATH} "")
  set(_ffacm_saved_argn "${PKG_CONFIG_ARGN}")
  set(PKG_CONFIG_ARGN "--define-prefix")
  pkg_check_modules(_FFACM_FFMPEG REQUIRED NO_CMAKE_PATH NO_CMAKE_ENVIRONMENT_PATH
    ${_ffacm_ffmpeg_modules})
  set(PKG_CONFIG_ARGN "${_ffacm_saved_argn}")
  set(ENV{PKG_CONFIG_LIBDIR} "${_ffacm_saved_libdir}")
  set(ENV{PKG_CONFIG_PATH} "${_ffacm_saved_path}")
else()
  # ----------------------------------------------------------------- system
  if(WIN32)
    set(_ffacm_static_default ON)
  else()
    set(_ffacm_static_default OFF)
  endif()
  option(FFACM_FFMPEG_STATIC
    "Link the system FFmpeg statically (pkg-config --static, -static)" ${_ffacm_static_default})
  pkg_check_modules(_FFACM_FFMPEG REQUIRED IMPORTED_TARGET ${_ffacm_ffmpeg_modules})
endif()

set(FFACM_FFMPEG_AVCODEC_VERSION     "${_FFACM_FFMPEG_libavcodec_VERSION}")
set(FFACM_FFMPEG_AVUTIL_VERSION      "${_FFACM_FFMPEG_libavutil_VERSION}")
set(FFACM_FFMPEG_SWRESAMPLE_VERSION  "${_FFACM_FFMPEG_libswresample_VERSION}")

if(NOT TARGET ffacm::ffmpeg)
  add_library(ffacm::ffmpeg INTERFACE IMPORTED GLOBAL)
endif()

if(FFACM_FFMPEG_STATIC)
  # pkg_check_modules' IMPORTED_TARGET uses the shared-link flags; build the
  # static link interface from the --static query instead. Libraries found
  # as lib<name>.a in one of the -L directories become full paths (so CMake
  # relinks when they change and nothing else on the system can be picked
  # up instead); system libraries (-lole32, -lm, ...) stay -l flags. The
  # order pkg-config gives (dependents before dependencies) is kept.
  set(_ffacm_libdirs "")
  set(_ffacm_items "")
  foreach(_f IN LISTS _FFACM_FFMPEG_STATIC_LDFLAGS)
    if(_f MATCHES "^-L(.+)$")
      list(APPEND _ffacm_libdirs "${CMAKE_MATCH_1}")
    elseif(_f MATCHES "^-l(.+)$")
      set(_name "${CMAKE_MATCH_1}")
      set(_item "-l${_name}")
      foreach(_d IN LISTS _ffacm_libdirs)
        if(EXISTS "${_d}/lib${_name}.a")
          get_filename_component(_item "${_d}/lib${_name}.a" ABSOLUTE)
          break()
        endif()
      endforeach()
      list(APPEND _ffacm_items "${_item}")
    else()
      list(APPEND _ffacm_items "${_f}")
    endif()
  endforeach()
  set_target_properties(ffacm::ffmpeg PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${_FFACM_FFMPEG_STATIC_INCLUDE_DIRS}"
    INTERFACE_COMPILE_OPTIONS     "${_FFACM_FFMPEG_STATIC_CFLAGS_OTHER}"
    INTERFACE_LINK_LIBRARIES      "${_ffacm_items}")
  if(WIN32)
    # Static libgcc/libatomic/...: the DLL must depend on system DLLs only.
    # (The mingw toolchain files set this globally too; this covers MSYS2.)
    set_property(TARGET ffacm::ffmpeg APPEND PROPERTY
      INTERFACE_LINK_OPTIONS -static -static-libgcc)
  endif()
else()
  set_target_properties(ffacm::ffmpeg PROPERTIES
    INTERFACE_LINK_LIBRARIES PkgConfig::_FFACM_FFMPEG)
endif()

message(STATUS "ffacm: FFmpeg libavcodec ${FFACM_FFMPEG_AVCODEC_VERSION}, "
  "libavutil ${FFACM_FFMPEG_AVUTIL_VERSION}, libswresample ${FFACM_FFMPEG_SWRESAMPLE_VERSION} "
  "(${_FFACM_FFMPEG_libavcodec_PREFIX}, static: ${FFACM_FFMPEG_STATIC})")
