// Native stacks and the pool that recycles them.
//
// A guarded stack is one mmap'd reservation: a PROT_NONE guard region at the low end and
// the usable stack above it, committed lazily by the kernel as it is touched. It costs two
// kernel mappings, and Linux allows `vm.max_map_count` (65530 by default) per process, so
// about 32,000 guarded stacks can exist at once. Unguarded stacks are carved from slabs (one
// mapping for many stacks, with a single guard under the slab); code running on them must
// check the stack limit itself, which the interpreter does at every function entry.
#ifndef WF_STACK_H
#define WF_STACK_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One native stack. The usable memory is [`base`, `top`); it grows down from `top`.
typedef struct wf_stack {
    char *base;               ///< lowest usable address (just above the guard, if any)
    char *top;                ///< one past the highest usable address (16-byte aligned)
    size_t guard_size;        ///< bytes of PROT_NONE guard directly below `base` (0: none)
    struct wf_stack *next;    ///< free-list link while the stack sits in a pool
    void *slab;               ///< the slab this stack was carved from, or NULL
    uint32_t flags;           ///< WF_STACK_* below
    uint32_t registry_index;  ///< slot in the guard registry (for the fault handler)
} wf_stack;

enum {
    WF_STACK_COLD = 1u << 0,  ///< its pages were given back with madvise while idle
};

/// How a pool makes stacks.
typedef struct wf_pool_config {
    size_t stack_size;        ///< usable bytes per stack (rounded up to whole pages)
    size_t guard_size;        ///< guard bytes below each stack; 0 = unguarded slab stacks
    size_t hot_count;         ///< idle stacks kept as they are, ready for reuse
    size_t cold_count;        ///< further idle stacks kept after madvise(DONTNEED)
    size_t slab_stacks;       ///< stacks per slab when unguarded (ignored otherwise)
} wf_pool_config;

/// Counters of a pool, for tests and reports.
typedef struct wf_pool_stats {
    size_t live;              ///< stacks handed out and not yet released
    size_t hot;               ///< idle stacks kept as they are
    size_t cold;              ///< idle stacks whose pages were given back
    size_t mapped;            ///< stacks that exist (live + idle)
    size_t created;           ///< stacks ever mapped
    size_t unmapped;          ///< stacks ever unmapped
    size_t slabs;             ///< slabs mapped (unguarded pools)
} wf_pool_stats;

typedef struct wf_pool wf_pool;

/// The lowest address code on `stack` may use if it checks the stack pointer before every
/// step that can use up to `margin` bytes (for example, the interpreter at each function
/// entry, with a margin covering the largest frame it makes between two checks). A check
/// `sp < limit` then traps cleanly before anything reaches the guard (or, on an unguarded
/// stack, the neighbouring stack).
static inline uintptr_t wf_stack_limit(const wf_stack *stack, size_t margin) {
    return (uintptr_t)stack->base + margin;
}

/// The smallest guard the pool accepts for guarded stacks: Swift and C emit no stack probes,
/// and a single frame can be tens of KiB, so a smaller guard could be jumped over.
#define WF_MIN_GUARD_SIZE ((size_t)64 * 1024)

/// A default configuration: 1 MiB stacks, 64 KiB guards, 16 hot and 1024 cold idle stacks.
wf_pool_config wf_pool_config_default(void);

/// Creates a pool, or returns NULL with errno set (EINVAL for a bad configuration). A pool is
/// not thread-safe: one thread uses it at a time.
wf_pool *wf_pool_create(const wf_pool_config *config);

/// Unmaps every idle stack and frees the pool. Stacks still live are unmapped when released
/// only if they are guarded; the caller must release all stacks first.
void wf_pool_destroy(wf_pool *pool);

/// Takes an idle stack, or maps a new one. NULL with errno set when the kernel refuses.
wf_stack *wf_pool_acquire(wf_pool *pool);

/// Returns a stack to the pool: kept hot, made cold (madvise) or unmapped, by the pool's limits.
void wf_pool_release(wf_pool *pool, wf_stack *stack);

/// Gives the pages of every idle stack back to the kernel and unmaps guarded idle stacks
/// beyond the hot count.
void wf_pool_trim(wf_pool *pool);

wf_pool_stats wf_pool_get_stats(const wf_pool *pool);
const wf_pool_config *wf_pool_get_config(const wf_pool *pool);

/// The page size, cached.
size_t wf_page_size(void);

// ---- Guard registry (read by the fault handler) -------------------------------------------

/// A known guard region and the stack above it.
typedef struct wf_guard_range {
    uintptr_t guard_lo, guard_hi;   ///< [lo, hi) of the PROT_NONE region
    uintptr_t stack_lo, stack_hi;   ///< the stack it protects
} wf_guard_range;

/// Finds the guard region containing `address`. Async-signal-safe. Returns 1 and fills `out`
/// when found, else 0.
int wf_guard_lookup(uintptr_t address, wf_guard_range *out);

/// What `wf_guard_register` returns when it has no memory for a slot; unregistering it does
/// nothing (the stack then works, but a fault in its guard is reported as a plain SIGSEGV).
#define WF_GUARD_SLOT_NONE UINT32_MAX

/// Registers a guard region; returns its slot (for unregistering), or WF_GUARD_SLOT_NONE.
/// Used by the pool, and by tests that make guards of their own.
uint32_t wf_guard_register(wf_guard_range range);
void wf_guard_unregister(uint32_t slot);

#ifdef __cplusplus
}
#endif
#endif
