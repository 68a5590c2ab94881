// Storage for the thread-locals declared in wf_thread.h, and the release of a thread's
// default pool when the thread exits.
#include "wf_thread.h"

#include <pthread.h>

_Thread_local void *wf_tls_default_pool WF_TLS;
_Thread_local char wf_tls_token WF_TLS;
_Thread_local void *wf_tls_execution WF_TLS;

static pthread_key_t pool_key;
static pthread_once_t pool_key_once = PTHREAD_ONCE_INIT;
static int pool_key_status;
static void (*pool_release)(void *);

static void release_default_pool(void *pool) {
    wf_tls_default_pool = NULL;
    if (pool != NULL && pool_release != NULL) pool_release(pool);
}

static void make_pool_key(void) { pool_key_status = pthread_key_create(&pool_key, release_default_pool); }

int wf_thread_set_default_pool(void *pool, void (*release)(void *pool)) {
    pthread_once(&pool_key_once, make_pool_key);
    if (pool_key_status != 0) return pool_key_status;
    pool_release = release;
    int status = pthread_setspecific(pool_key, pool);
    if (status == 0) wf_tls_default_pool = pool;
    return status;
}
