// Storage for the thread-locals declared in wf_thread.h.
#include "wf_thread.h"

_Thread_local void *wf_tls_current_fiber WF_TLS;
_Thread_local void *wf_tls_default_pool WF_TLS;
_Thread_local char wf_tls_token WF_TLS;
