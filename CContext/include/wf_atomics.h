// Atomic accesses to raw memory, for WebAssembly linear memory (threads proposal).
//
// Swift's `Synchronization` module offers atomics only on values it owns (`Atomic<T>`), not on
// an arbitrary address inside an mmap'd region, so the accesses live here as `static inline`
// functions: the Swift caller inlines them, and each compiles to one instruction (or an LL/SC
// loop) — no call. They use the GCC/Clang `__atomic` builtins, which implement the C11 memory
// model on plain (non-`_Atomic`) objects, so no pointer has to be cast to an `_Atomic` type.
//
// Every WebAssembly atomic access is sequentially consistent. The caller checks bounds and
// natural alignment first (a misaligned atomic traps, and is never handed to the hardware).
#ifndef WF_ATOMICS_H
#define WF_ATOMICS_H
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WF_SEQ __ATOMIC_SEQ_CST

// One family of sequentially consistent operations on a naturally aligned N-bit word at `p`.
// Read-modify-write operations return the value that was there before.
#define WF_ATOMIC_FAMILY(N)                                                                    \
    static inline uint##N##_t wf_atomic_load##N(const void *p) {                               \
        return __atomic_load_n((const uint##N##_t *)p, WF_SEQ);                                \
    }                                                                                          \
    static inline void wf_atomic_store##N(void *p, uint##N##_t v) {                            \
        __atomic_store_n((uint##N##_t *)p, v, WF_SEQ);                                         \
    }                                                                                          \
    static inline uint##N##_t wf_atomic_add##N(void *p, uint##N##_t v) {                       \
        return __atomic_fetch_add((uint##N##_t *)p, v, WF_SEQ);                                \
    }                                                                                          \
    static inline uint##N##_t wf_atomic_sub##N(void *p, uint##N##_t v) {                       \
        return __atomic_fetch_sub((uint##N##_t *)p, v, WF_SEQ);                                \
    }                                                                                          \
    static inline uint##N##_t wf_atomic_and##N(void *p, uint##N##_t v) {                       \
        return __atomic_fetch_and((uint##N##_t *)p, v, WF_SEQ);                                \
    }                                                                                          \
    static inline uint##N##_t wf_atomic_or##N(void *p, uint##N##_t v) {                        \
        return __atomic_fetch_or((uint##N##_t *)p, v, WF_SEQ);                                 \
    }                                                                                          \
    static inline uint##N##_t wf_atomic_xor##N(void *p, uint##N##_t v) {                       \
        return __atomic_fetch_xor((uint##N##_t *)p, v, WF_SEQ);                                \
    }                                                                                          \
    static inline uint##N##_t wf_atomic_xchg##N(void *p, uint##N##_t v) {                      \
        return __atomic_exchange_n((uint##N##_t *)p, v, WF_SEQ);                               \
    }                                                                                          \
    /* Stores `replacement` if the word equals `expected`; returns the word found (equal to */ \
    /* `expected` exactly when the store happened). */                                         \
    static inline uint##N##_t wf_atomic_cmpxchg##N(void *p, uint##N##_t expected,              \
                                                   uint##N##_t replacement) {                  \
        __atomic_compare_exchange_n((uint##N##_t *)p, &expected, replacement, 0, WF_SEQ,       \
                                    WF_SEQ);                                                   \
        return expected;                                                                       \
    }

WF_ATOMIC_FAMILY(8)
WF_ATOMIC_FAMILY(16)
WF_ATOMIC_FAMILY(32)
WF_ATOMIC_FAMILY(64)

#undef WF_ATOMIC_FAMILY

/// `atomic.fence`: a sequentially consistent fence.
static inline void wf_atomic_fence(void) { __atomic_thread_fence(WF_SEQ); }

/// Reads a word that another thread may be publishing (a memory's current byte count) without
/// tearing. Relaxed: on x86_64 and aarch64 this is an ordinary load, so it is cheap enough for
/// a bounds check; the pages it admits were committed before the count was published.
static inline uintptr_t wf_atomic_load_word_relaxed(const uintptr_t *p) {
    return __atomic_load_n(p, __ATOMIC_RELAXED);
}

/// Reads a published word with acquire ordering (pairs with `wf_atomic_store_word_release`).
static inline uintptr_t wf_atomic_load_word_acquire(const uintptr_t *p) {
    return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

/// Publishes a word (a memory's new byte count, after its pages were committed).
static inline void wf_atomic_store_word_release(uintptr_t *p, uintptr_t v) {
    __atomic_store_n(p, v, __ATOMIC_RELEASE);
}

#undef WF_SEQ

#ifdef __cplusplus
}
#endif
#endif
