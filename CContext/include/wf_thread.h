// Per-thread state that the Swift layer reads on every resume, kept in C thread-locals so
// that each access is a single thread-pointer-relative load.
#ifndef WF_THREAD_H
#define WF_THREAD_H

#ifdef __cplusplus
extern "C" {
#endif

// initial-exec: one %fs-relative access instead of a call to __tls_get_addr (CContext is
// linked into the executable or into a library loaded at start-up, never dlopen'ed late).
#define WF_TLS __attribute__((tls_model("initial-exec")))
extern _Thread_local void *wf_tls_default_pool WF_TLS;
extern _Thread_local char wf_tls_token WF_TLS;
extern _Thread_local void *wf_tls_execution WF_TLS;

/// This thread's default stack pool (opaque, owned by the Swift layer), or NULL.
static inline void *wf_thread_default_pool(void) { return wf_tls_default_pool; }

/// Sets this thread's default pool. When the thread exits, `release(pool)` is called, so the
/// pool (and its idle stacks) do not outlive the thread. Returns 0, or an errno value.
int wf_thread_set_default_pool(void *pool, void (*release)(void *pool));

/// A value unique to the calling thread while it lives (the address of a thread-local), so
/// that "is this the owner thread?" costs one comparison instead of a call.
static inline const void *wf_thread_token(void) { return &wf_tls_token; }

/// The innermost WebAssembly execution running on this thread (opaque, owned by the Swift
/// layer), or NULL: host → WebAssembly calls chain through it to count re-entry depth.
static inline void *wf_thread_execution(void) { return wf_tls_execution; }

/// Sets the innermost WebAssembly execution of this thread.
static inline void wf_thread_set_execution(void *execution) { wf_tls_execution = execution; }

#ifdef __cplusplus
}
#endif
#endif
