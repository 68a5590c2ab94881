// Native stacks and the pool that recycles them (see wf_stack.h for the model).
//
// The hot path — acquiring an idle stack and releasing it again — touches only a free list.
// System calls happen when a stack is first mapped, when an idle stack beyond the hot count
// gives its pages back (madvise), and when a guarded stack beyond the cold count is unmapped.
#define _GNU_SOURCE
#include "wf_stack.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0
#endif
#ifndef MAP_STACK
#define MAP_STACK 0
#endif

/// A slab of unguarded stacks: one mapping, one guard under the lowest stack.
typedef struct wf_slab {
    char *mapping;
    size_t mapping_size;
    size_t used;              // stacks handed out at least once
    uint32_t guard_slot;
    struct wf_slab *next;
    wf_stack stacks[];        // `config.slab_stacks` entries
} wf_slab;

struct wf_pool {
    wf_pool_config config;
    size_t stack_bytes;       // stack_size rounded up to pages
    wf_stack *hot;
    wf_stack *cold;
    wf_slab *slabs;           // newest first
    wf_pool_stats stats;
};

size_t wf_page_size(void) {
    static size_t cached;
    if (cached == 0) {
        long page = sysconf(_SC_PAGESIZE);
        cached = page > 0 ? (size_t)page : 4096;
    }
    return cached;
}

static size_t round_up(size_t value, size_t granule) {
    return (value + granule - 1) / granule * granule;
}

wf_pool_config wf_pool_config_default(void) {
    wf_pool_config config = {
        .stack_size = (size_t)1 << 20,
        .guard_size = WF_MIN_GUARD_SIZE,
        .hot_count = 16,
        .cold_count = 1024,
        .slab_stacks = 256,
    };
    return config;
}

wf_pool *wf_pool_create(const wf_pool_config *config) {
    size_t page = wf_page_size();
    if (config == NULL || config->stack_size < 4 * page ||
        (config->guard_size != 0 && config->guard_size < WF_MIN_GUARD_SIZE) ||
        (config->guard_size == 0 && config->slab_stacks == 0)) {
        errno = EINVAL;
        return NULL;
    }
    wf_pool *pool = calloc(1, sizeof *pool);
    if (pool == NULL) return NULL;
    pool->config = *config;
    pool->config.guard_size = round_up(config->guard_size, page);
    pool->stack_bytes = round_up(config->stack_size, page);
    return pool;
}

const wf_pool_config *wf_pool_get_config(const wf_pool *pool) { return &pool->config; }
wf_pool_stats wf_pool_get_stats(const wf_pool *pool) { return pool->stats; }

// Maps a reservation of `guard + usable` bytes, the low `guard` bytes inaccessible.
static char *map_guarded(size_t guard, size_t usable) {
    char *mapping = mmap(NULL, guard + usable, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (mapping == MAP_FAILED) return NULL;
    if (guard != 0 && mprotect(mapping, guard, PROT_NONE) != 0) {
        int saved = errno;
        munmap(mapping, guard + usable);
        errno = saved;
        return NULL;
    }
    return mapping;
}

static wf_stack *map_guarded_stack(wf_pool *pool) {
    size_t guard = pool->config.guard_size;
    wf_stack *stack = calloc(1, sizeof *stack);
    if (stack == NULL) return NULL;
    char *mapping = map_guarded(guard, pool->stack_bytes);
    if (mapping == NULL) {
        int saved = errno;
        free(stack);
        errno = saved;
        return NULL;
    }
    stack->base = mapping + guard;
    stack->top = stack->base + pool->stack_bytes;
    stack->guard_size = guard;
    stack->registry_index = wf_guard_register((wf_guard_range){
        (uintptr_t)mapping, (uintptr_t)stack->base, (uintptr_t)stack->base, (uintptr_t)stack->top});
    pool->stats.created++;
    pool->stats.mapped++;
    return stack;
}

static void unmap_guarded_stack(wf_pool *pool, wf_stack *stack) {
    wf_guard_unregister(stack->registry_index);
    munmap(stack->base - stack->guard_size, stack->guard_size + (size_t)(stack->top - stack->base));
    free(stack);
    pool->stats.unmapped++;
    pool->stats.mapped--;
}

static wf_stack *carve_slab_stack(wf_pool *pool) {
    size_t count = pool->config.slab_stacks;
    wf_slab *slab = pool->slabs;
    if (slab == NULL || slab->used == count) {
        size_t guard = WF_MIN_GUARD_SIZE;
        slab = calloc(1, sizeof *slab + count * sizeof(wf_stack));
        if (slab == NULL) return NULL;
        slab->mapping_size = guard + count * pool->stack_bytes;
        slab->mapping = map_guarded(guard, count * pool->stack_bytes);
        if (slab->mapping == NULL) {
            int saved = errno;
            free(slab);
            errno = saved;
            return NULL;
        }
        char *first = slab->mapping + guard;
        slab->guard_slot = wf_guard_register((wf_guard_range){
            (uintptr_t)slab->mapping, (uintptr_t)first, (uintptr_t)first,
            (uintptr_t)(first + pool->stack_bytes)});
        slab->next = pool->slabs;
        pool->slabs = slab;
        pool->stats.slabs++;
    }
    wf_stack *stack = &slab->stacks[slab->used];
    stack->base = slab->mapping + WF_MIN_GUARD_SIZE + slab->used * pool->stack_bytes;
    stack->top = stack->base + pool->stack_bytes;
    stack->guard_size = slab->used == 0 ? WF_MIN_GUARD_SIZE : 0;
    stack->slab = slab;
    slab->used++;
    pool->stats.created++;
    pool->stats.mapped++;
    return stack;
}

wf_stack *wf_pool_acquire(wf_pool *pool) {
    wf_stack *stack = pool->hot;
    if (stack != NULL) {
        pool->hot = stack->next;
        pool->stats.hot--;
    } else if ((stack = pool->cold) != NULL) {
        pool->cold = stack->next;
        pool->stats.cold--;
        stack->flags &= ~(uint32_t)WF_STACK_COLD;
    } else {
        stack = pool->config.guard_size != 0 ? map_guarded_stack(pool) : carve_slab_stack(pool);
        if (stack == NULL) return NULL;
    }
    stack->next = NULL;
    pool->stats.live++;
    return stack;
}

// Gives an idle stack's pages back to the kernel; the reservation stays.
static void make_cold(wf_stack *stack) {
    madvise(stack->base, (size_t)(stack->top - stack->base), MADV_DONTNEED);
    stack->flags |= WF_STACK_COLD;
}

void wf_pool_release(wf_pool *pool, wf_stack *stack) {
    pool->stats.live--;
    if (pool->stats.hot < pool->config.hot_count) {
        stack->next = pool->hot;
        pool->hot = stack;
        pool->stats.hot++;
    } else if (stack->slab != NULL || pool->stats.cold < pool->config.cold_count) {
        make_cold(stack);
        stack->next = pool->cold;
        pool->cold = stack;
        pool->stats.cold++;
    } else {
        unmap_guarded_stack(pool, stack);
    }
}

void wf_pool_trim(wf_pool *pool) {
    wf_stack *stack;
    while ((stack = pool->hot) != NULL) {   // every idle stack gives its pages back ...
        pool->hot = stack->next;
        pool->stats.hot--;
        make_cold(stack);
        stack->next = pool->cold;
        pool->cold = stack;
        pool->stats.cold++;
    }
    size_t kept = 0;                        // ... and guarded ones past the hot count go
    wf_stack **link = &pool->cold;
    while ((stack = *link) != NULL) {
        if (stack->slab == NULL && kept++ >= pool->config.hot_count) {
            *link = stack->next;
            pool->stats.cold--;
            unmap_guarded_stack(pool, stack);
        } else {
            link = &stack->next;
        }
    }
}

void wf_pool_destroy(wf_pool *pool) {
    if (pool == NULL) return;
    wf_stack *lists[2] = {pool->hot, pool->cold};
    for (int i = 0; i < 2; i++) {
        wf_stack *stack = lists[i];
        while (stack != NULL) {
            wf_stack *next = stack->next;
            if (stack->slab == NULL) unmap_guarded_stack(pool, stack);
            stack = next;
        }
    }
    wf_slab *slab = pool->slabs;
    while (slab != NULL) {
        wf_slab *next = slab->next;
        wf_guard_unregister(slab->guard_slot);
        munmap(slab->mapping, slab->mapping_size);
        free(slab);
        slab = next;
    }
    free(pool);
}
