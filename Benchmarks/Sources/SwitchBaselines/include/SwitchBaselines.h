// Context-switch round trips (switch in + switch out) done in a C loop, so that the
// measurement includes no Swift code: CContext's own switch, boost.context's jump_fcontext
// and glibc's swapcontext, side by side.
#ifndef SWITCH_BASELINES_H
#define SWITCH_BASELINES_H
#include <stdint.h>

/// Each runs `n` round trips between the caller and one context; 0 on success.
int baseline_wf_context_roundtrips(uint64_t n);
int baseline_boost_fcontext_roundtrips(uint64_t n);
int baseline_swapcontext_roundtrips(uint64_t n);

#endif
