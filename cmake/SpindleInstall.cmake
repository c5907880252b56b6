# What `cmake --install` puts where (README.md, "Install"): the two tools, exec's preload where
# mmc-emu looks for it, the recorder's headers and static libraries with a CMake package
# (find_package(spindle): spindle::discrec) and a pkg-config file (spindle-discrec), the
# drive profiles and the bash completions (docs/man installs the man pages). Included last by
# the root CMakeLists.txt: it installs the targets the directories before it define.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# bin/ and lib/spindle/ are fixed: mmc-emu finds its preload as ../lib/spindle/ from its own
# directory (tools/mmc-emu/exec_command.cpp), whatever the platform's libdir is.
install(TARGETS mmc-emu discrec_cli RUNTIME DESTINATION bin)
install(TARGETS spindle-exec-preload LIBRARY DESTINATION lib/spindle)

# The recorder (spindle::discrec, with the vocabulary spindle::scsi) and, for emu: devices, the
# bridge with the drive model (spindle::bridge). Their headers include each other by their
# source paths ("recorder/...", "emulator/..."), kept under include/spindle/.
# The source tree's include directory and the warnings target are the build's own: the
# installed package names neither (the warnings, link-only, add nothing to a consumer anyway).
foreach(lib spindle_scsi discrec spindle_bridge mmcemu)
  get_target_property(dirs ${lib} INTERFACE_INCLUDE_DIRECTORIES)
  list(TRANSFORM dirs REPLACE "^(.+)$" "$<BUILD_INTERFACE:\\1>")
  set_property(TARGET ${lib} PROPERTY INTERFACE_INCLUDE_DIRECTORIES ${dirs})
  get_target_property(libs ${lib} INTERFACE_LINK_LIBRARIES)
  list(TRANSFORM libs REPLACE "^\\$<LINK_ONLY:spindle_warnings>$" "$<BUILD_INTERFACE:$<LINK_ONLY:spindle_warnings>>")
  set_property(TARGET ${lib} PROPERTY INTERFACE_LINK_LIBRARIES ${libs})
endforeach()
# Exported as spindle::scsi and spindle::bridge, the names the build uses.
set_target_properties(spindle_scsi PROPERTIES EXPORT_NAME scsi)
set_target_properties(spindle_bridge PROPERTIES EXPORT_NAME bridge)
# The headers use std::expected: a consumer compiles as C++23.
set_property(TARGET discrec APPEND PROPERTY INTERFACE_COMPILE_FEATURES cxx_std_23)
set(SPINDLE_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR}/spindle)
install(TARGETS spindle_scsi discrec spindle_bridge mmcemu mmc-emu EXPORT spindleTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION bin
  INCLUDES DESTINATION ${SPINDLE_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/recorder ${PROJECT_SOURCE_DIR}/bridge DESTINATION ${SPINDLE_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.hpp")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/scsi DESTINATION ${SPINDLE_INCLUDEDIR} FILES_MATCHING PATTERN "*.hpp")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/emulator/drive
  ${PROJECT_SOURCE_DIR}/emulator/media ${PROJECT_SOURCE_DIR}/emulator/faults ${PROJECT_SOURCE_DIR}/emulator/profile
  ${PROJECT_SOURCE_DIR}/emulator/timing DESTINATION ${SPINDLE_INCLUDEDIR}/emulator FILES_MATCHING PATTERN "*.hpp")

set(SPINDLE_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/spindle)
install(EXPORT spindleTargets NAMESPACE spindle:: DESTINATION ${SPINDLE_CMAKEDIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/spindleConfig.cmake.in
  ${PROJECT_BINARY_DIR}/spindleConfig.cmake INSTALL_DESTINATION ${SPINDLE_CMAKEDIR})
# 0.x: a minor version may break the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/spindleConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/spindleConfig.cmake ${PROJECT_BINARY_DIR}/spindleConfigVersion.cmake
  DESTINATION ${SPINDLE_CMAKEDIR})

# The .pc finds the prefix from its own place, so `cmake --install --prefix DIR` works too.
file(RELATIVE_PATH SPINDLE_PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
string(REGEX REPLACE "/$" "" SPINDLE_PC_TO_PREFIX ${SPINDLE_PC_TO_PREFIX})
foreach(pc spindle-discrec spindle-bridge)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/${pc}.pc.in ${PROJECT_BINARY_DIR}/${pc}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/${pc}.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endforeach()

install(DIRECTORY ${PROJECT_SOURCE_DIR}/profiles/ DESTINATION ${CMAKE_INSTALL_DATADIR}/spindle/profiles
  FILES_MATCHING PATTERN "*.yaml" PATTERN "README.md")

# One completion file serves both tools: bash-completion loads it by the name of the command
# being completed.
foreach(tool mmc-emu discrec)
  install(FILES ${PROJECT_SOURCE_DIR}/completions/spindle.bash
    DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME ${tool})
endforeach()
