#pragma once
// <linux/target_core_user.h>, made includable from C++ next to glibc:
// - it pulls in <linux/uio.h>, whose struct iovec collides with glibc's (same layout), so
//   glibc's is included first and the kernel's guard is set;
// - its inline tcmu_hdr_get_op() converts an integer to an enum implicitly, which C++ accepts
//   only with -fpermissive (given to the files that include this; the header being a system
//   header, the remaining warning is not shown).
#include <sys/uio.h>
#ifndef __LINUX_UIO_H
#define __LINUX_UIO_H
#endif
#include <linux/types.h>

#include <linux/target_core_user.h>
