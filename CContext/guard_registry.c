// The guard registry: which address ranges are stack guards, so that the fault handler can
// tell a native stack overflow from any other fault.
//
// Lookups run inside a signal handler, possibly while another thread (or the interrupted
// code itself) is registering, so they take no lock and never touch memory that can move:
// slots live in fixed-size chunks that are chained once and never freed, and each slot is a
// seqlock (an odd sequence number while a writer is changing it) so a reader never accepts
// a half-written range. Registration is rare (when the pool maps a stack), so writers simply
// share a mutex; freed slots go on a free list and are reused.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include "wf_stack.h"

#define CHUNK_SLOTS 4096u
#define SLOT_NONE UINT32_MAX             // end of the free list; also "registration failed"
#define SLOT_LIVE (UINT32_MAX - 1)       // next_free of a registered slot
#define READ_TRIES 64                    // a writer interrupted by the fault never finishes

typedef struct slot {
    atomic_uint seq;                     // even: stable; odd: being written
    uint32_t next_free;                  // writers only: free-list link, or SLOT_LIVE
    atomic_uintptr_t guard_lo, guard_hi, stack_lo, stack_hi;
} slot;

typedef struct chunk {
    slot slots[CHUNK_SLOTS];
    _Atomic(struct chunk *) next;
} chunk;

static _Atomic(chunk *) first_chunk;
static atomic_uint used;                 // slots ever handed out; lookups scan [0, used)

// Writers only, under `lock`.
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static chunk *last_chunk;
static uint32_t free_head = SLOT_NONE;

// A walk along the chain; fine for writers, since a registration also maps a stack (µs).
static slot *slot_at(uint32_t index) {
    chunk *c = atomic_load_explicit(&first_chunk, memory_order_relaxed);
    for (uint32_t i = index / CHUNK_SLOTS; i > 0; i--)
        c = atomic_load_explicit(&c->next, memory_order_relaxed);
    return &c->slots[index % CHUNK_SLOTS];
}

static void slot_write(slot *s, wf_guard_range r) {
    unsigned seq = atomic_load_explicit(&s->seq, memory_order_relaxed);
    atomic_store_explicit(&s->seq, seq + 1, memory_order_relaxed);
    atomic_thread_fence(memory_order_release);   // odd seq is visible before any field
    atomic_store_explicit(&s->guard_lo, r.guard_lo, memory_order_relaxed);
    atomic_store_explicit(&s->guard_hi, r.guard_hi, memory_order_relaxed);
    atomic_store_explicit(&s->stack_lo, r.stack_lo, memory_order_relaxed);
    atomic_store_explicit(&s->stack_hi, r.stack_hi, memory_order_relaxed);
    atomic_store_explicit(&s->seq, seq + 2, memory_order_release);
}

uint32_t wf_guard_register(wf_guard_range range) {
    pthread_mutex_lock(&lock);
    uint32_t index = free_head;
    slot *s;
    if (index != SLOT_NONE) {
        s = slot_at(index);
        free_head = s->next_free;
    } else {
        index = atomic_load_explicit(&used, memory_order_relaxed);
        if (index >= SLOT_LIVE) { pthread_mutex_unlock(&lock); errno = ENOMEM; return SLOT_NONE; }
        if (index % CHUNK_SLOTS == 0) {
            chunk *c = calloc(1, sizeof *c);
            if (c == NULL) { pthread_mutex_unlock(&lock); errno = ENOMEM; return SLOT_NONE; }
            // Linked before `used` grows past it; `used` is published with release below.
            if (last_chunk == NULL) atomic_store_explicit(&first_chunk, c, memory_order_release);
            else atomic_store_explicit(&last_chunk->next, c, memory_order_release);
            last_chunk = c;
        }
        s = &last_chunk->slots[index % CHUNK_SLOTS];
    }
    slot_write(s, range);
    s->next_free = SLOT_LIVE;
    if (index == atomic_load_explicit(&used, memory_order_relaxed))
        atomic_store_explicit(&used, index + 1, memory_order_release);
    pthread_mutex_unlock(&lock);
    return index;
}

void wf_guard_unregister(uint32_t index) {
    pthread_mutex_lock(&lock);
    if (index < atomic_load_explicit(&used, memory_order_relaxed)) {
        slot *s = slot_at(index);
        if (s->next_free == SLOT_LIVE) {   // ignore a double unregister
            slot_write(s, (wf_guard_range){ 0, 0, 0, 0 });
            s->next_free = free_head;
            free_head = index;
        }
    }
    pthread_mutex_unlock(&lock);
}

int wf_guard_lookup(uintptr_t address, wf_guard_range *out) {
    uint32_t n = atomic_load_explicit(&used, memory_order_acquire);
    chunk *c = atomic_load_explicit(&first_chunk, memory_order_acquire);
    for (uint32_t i = 0; i < n && c != NULL; i++) {
        if (i > 0 && i % CHUNK_SLOTS == 0) {
            c = atomic_load_explicit(&c->next, memory_order_acquire);
            if (c == NULL) break;
        }
        slot *s = &c->slots[i % CHUNK_SLOTS];
        for (int tries = 0; tries < READ_TRIES; tries++) {
            unsigned seq = atomic_load_explicit(&s->seq, memory_order_acquire);
            if (seq & 1) continue;
            uintptr_t lo = atomic_load_explicit(&s->guard_lo, memory_order_relaxed);
            uintptr_t hi = atomic_load_explicit(&s->guard_hi, memory_order_relaxed);
            // Most slots miss; a miss read mid-write is as good as the answer a moment earlier.
            if (address < lo || address >= hi) break;
            wf_guard_range r = { lo, hi,
                                 atomic_load_explicit(&s->stack_lo, memory_order_relaxed),
                                 atomic_load_explicit(&s->stack_hi, memory_order_relaxed) };
            atomic_thread_fence(memory_order_acquire);
            if (atomic_load_explicit(&s->seq, memory_order_relaxed) != seq) continue;
            *out = r;
            return 1;
        }
    }
    return 0;
}
