# CMake toolchain: cross-compile for 32-bit Windows with Debian's mingw-w64
# (gcc-mingw-w64-i686-win32: the "win32" thread model, so no binary needs
# libwinpthread-1.dll).
#
#   cmake -S . -B build/i686 -G Ninja \
#         -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-i686-w64-mingw32.cmake
#
# Kept in step with toolchain-x86_64-w64-mingw32.cmake (only the two names
# below differ).

set(CMAKE_SYSTEM_NAME Windows)
# cmake/ffacm_ffmpeg.cmake derives the third_party prefix (build/deps/<arch>)
# from this, so it must be exactly x86_64 or i686.
set(CMAKE_SYSTEM_PROCESSOR i686)
set(FFACM_MINGW_TRIPLE i686-w64-mingw32)

set(CMAKE_C_COMPILER   ${FFACM_MINGW_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${FFACM_MINGW_TRIPLE}-g++)   # only if a project enables CXX (g++-mingw-w64-* package)
set(CMAKE_RC_COMPILER  ${FFACM_MINGW_TRIPLE}-windres)

# Headers/libraries/packages only from the mingw sysroot (plus whatever a
# project appends to CMAKE_FIND_ROOT_PATH); programs (pkg-config, nasm,
# wine...) from the build machine.
set(CMAKE_FIND_ROOT_PATH /usr/${FFACM_MINGW_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config must never hand the build machine's (Linux) .pc files to a
# Windows build. Only the mingw sysroot's own directory is searched here;
# cmake/ffacm_ffmpeg.cmake points it at the third_party prefix for FFmpeg.
set(ENV{PKG_CONFIG_LIBDIR} "/usr/${FFACM_MINGW_TRIPLE}/lib/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")

# The driver DLL (and test EXEs run under wine) must depend on system DLLs
# only: link libgcc, libatomic & co. statically. Without this, FFmpeg's
# "-latomic" and gcc's own runtime can resolve to import libraries
# (libatomic-1.dll, libgcc_s_dw2-1.dll on i686).
set(CMAKE_EXE_LINKER_FLAGS_INIT    "-static -static-libgcc")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static -static-libgcc")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "-static -static-libgcc")
