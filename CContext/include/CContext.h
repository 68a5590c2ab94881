// CContext: the small native layer under WasmFiber.
//
//   wf_switch.h  the context switch (hand-written assembly per architecture)
//   wf_stack.h   native stacks with guard pages, and a pool that recycles them
//   wf_crash.h   the fault handler, crash reports and libunwind backtraces
//   wf_thread.h  per-thread state (owner token, default pool)
//   wf_wasi.h    openat2 for sandboxed WASI path resolution
#ifndef WF_CCONTEXT_H
#define WF_CCONTEXT_H
#include "wf_switch.h"
#include "wf_stack.h"
#include "wf_crash.h"
#include "wf_thread.h"
#include "wf_atomics.h"
#include "wf_wasi.h"
#endif
