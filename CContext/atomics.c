// Compile-time checks behind wf_atomics.h (whose functions are all `static inline`).
//
// WebAssembly atomics must be lock-free at every width the threads proposal defines (8, 16, 32
// and 64 bits): a lock-based fallback in libatomic would not be address-free, so two threads
// mapping the same shared memory could not agree on it. Refuse to build where that fails.
#include "include/wf_atomics.h"

_Static_assert(__atomic_always_lock_free(1, 0), "8-bit atomics must be lock-free");
_Static_assert(__atomic_always_lock_free(2, 0), "16-bit atomics must be lock-free");
_Static_assert(__atomic_always_lock_free(4, 0), "32-bit atomics must be lock-free");
_Static_assert(__atomic_always_lock_free(8, 0), "64-bit atomics must be lock-free");
_Static_assert(sizeof(uintptr_t) == 8, "linear memory needs a 64-bit address space");
