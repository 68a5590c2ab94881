/*
 * clocks_random.c — WASI clock_time_get, clock_res_get, random_get,
 * poll_oneoff with clock subscriptions (relative, absolute, several at once),
 * sched_yield.  Every timing fact is printed as yes/no so the output is
 * the same on every run.
 *
 * Checks: realtime is after 2020 and agrees with time() and gettimeofday();
 * monotonic never goes backwards over 1000 reads; both resolutions are > 0
 * and <= 1 ms; getentropy fills buffers (two 32-byte draws differ, a 4 KiB
 * draw through random_get is not constant); nanosleep(10 ms) and a relative
 * 10 ms poll_oneoff clock subscription each take >= 9 ms; an absolute
 * subscription 10 ms ahead on the monotonic clock fires >= 9 ms later; of a
 * 10 ms and a 5 s subscription only the 10 ms one fires; a 0 timeout fires
 * at once; sched_yield succeeds.
 *
 * Run:   wasmfiber run clocks_random.wasm
 * Exit status 0 when every check passed; stdout must equal
 * expected/clocks_random.txt.  Takes about 50 ms.
 */
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

static int failures;

static void yes(const char *what, int cond) {
    printf("%-52s %s\n", what, cond ? "yes" : "no  FAIL");
    if (!cond) failures++;
}

static void err(const char *what, int e, int want) {
    printf("%-52s %s", what, e == 0 ? "ok" : "error");
    if (e != 0) printf(" %d", e);
    if (e != want) { printf("  FAIL (want %d)", want); failures++; }
    printf("\n");
}

static uint64_t mono_ns(void) {
    __wasi_timestamp_t t = 0;
    if (__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t) != 0) return 0;
    return t;
}

/* poll_oneoff on clock subscriptions; returns nevents or -errno. */
static int poll_clocks(__wasi_subscription_t *subs, int n, __wasi_event_t *ev) {
    __wasi_size_t got = 0;
    __wasi_errno_t e = __wasi_poll_oneoff(subs, ev, (__wasi_size_t)n, &got);
    return e ? -(int)e : (int)got;
}

static __wasi_subscription_t clock_sub(uint64_t userdata, __wasi_clockid_t id,
                                       uint64_t timeout, int absolute) {
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = userdata;
    s.u.tag = __WASI_EVENTTYPE_CLOCK;
    s.u.u.clock.id = id;
    s.u.u.clock.timeout = timeout;
    s.u.u.clock.precision = 0;
    s.u.u.clock.flags = absolute ? __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0;
    return s;
}

int main(void) {
    printf("-- realtime\n");
    struct timespec rt;
    yes("clock_gettime(CLOCK_REALTIME) succeeds", clock_gettime(CLOCK_REALTIME, &rt) == 0);
    yes("realtime is after 2020-01-01", rt.tv_sec > 1577836800);
    yes("realtime is before 2100-01-01", rt.tv_sec < 4102444800LL);
    yes("tv_nsec in [0, 1e9)", rt.tv_nsec >= 0 && rt.tv_nsec < 1000000000);
    time_t t = time(NULL);
    yes("time() within 2 s of clock_gettime", t - rt.tv_sec >= 0 && t - rt.tv_sec <= 2);
    struct timeval tv;
    gettimeofday(&tv, NULL);
    yes("gettimeofday within 2 s", tv.tv_sec - rt.tv_sec >= 0 && tv.tv_sec - rt.tv_sec <= 2);
    {
        __wasi_timestamp_t raw = 0;
        err("__wasi_clock_time_get(REALTIME, precision 1000)",
            __wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1000, &raw), 0);
        yes("  agrees with clock_gettime within 2 s",
            raw / 1000000000ull - (uint64_t)rt.tv_sec <= 2);
    }

    printf("-- monotonic\n");
    struct timespec m1, m2;
    yes("clock_gettime(CLOCK_MONOTONIC) succeeds", clock_gettime(CLOCK_MONOTONIC, &m1) == 0);
    {
        uint64_t prev = mono_ns(), first = prev;
        int backwards = 0;
        for (int i = 0; i < 1000; i++) {
            uint64_t now = mono_ns();
            if (now < prev) backwards++;
            prev = now;
        }
        yes("1000 reads never go backwards", backwards == 0);
        yes("monotonic is nonzero", first != 0);
    }
    clock_gettime(CLOCK_MONOTONIC, &m2);
    yes("later clock_gettime >= earlier",
        m2.tv_sec > m1.tv_sec || (m2.tv_sec == m1.tv_sec && m2.tv_nsec >= m1.tv_nsec));

    printf("-- resolution\n");
    struct timespec res;
    yes("clock_getres(CLOCK_REALTIME) succeeds", clock_getres(CLOCK_REALTIME, &res) == 0);
    yes("  0 < resolution <= 1 ms", res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 1000000);
    yes("clock_getres(CLOCK_MONOTONIC) succeeds", clock_getres(CLOCK_MONOTONIC, &res) == 0);
    yes("  0 < resolution <= 1 ms", res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 1000000);
    {
        __wasi_timestamp_t r = 0;
        err("__wasi_clock_res_get(MONOTONIC)", __wasi_clock_res_get(__WASI_CLOCKID_MONOTONIC, &r), 0);
        yes("  0 < resolution <= 1 ms", r > 0 && r <= 1000000);
    }

    printf("-- random\n");
    {
        unsigned char a[32], b[32], zero[32] = {0};
        memset(a, 0, sizeof a);
        memset(b, 0, sizeof b);
        yes("getentropy(32) succeeds", getentropy(a, sizeof a) == 0);
        yes("getentropy(32) again succeeds", getentropy(b, sizeof b) == 0);
        yes("the two draws differ", memcmp(a, b, sizeof a) != 0);
        yes("neither draw is all zero", memcmp(a, zero, 32) != 0 && memcmp(b, zero, 32) != 0);
        yes("getentropy(0) and getentropy(256) succeed", getentropy(a, 0) == 0 && getentropy((unsigned char[256]){0}, 256) == 0);
        static uint8_t big[4096];
        err("__wasi_random_get(4096)", __wasi_random_get(big, sizeof big), 0);
        int counts[256] = {0}, distinct = 0;
        for (size_t i = 0; i < sizeof big; i++) counts[big[i]]++;
        for (int i = 0; i < 256; i++) distinct += counts[i] != 0;
        yes("  more than 200 distinct byte values", distinct > 200);
        err("__wasi_random_get(0)", __wasi_random_get(big, 0), 0);
    }

    printf("-- sleeping\n");
    {
        uint64_t t0 = mono_ns();
        struct timespec ten = {0, 10000000};
        yes("nanosleep(10 ms) succeeds", nanosleep(&ten, NULL) == 0);
        uint64_t dt = mono_ns() - t0;
        yes("  took >= 9 ms", dt >= 9000000);
        yes("  took < 5 s", dt < 5000000000ull);

        __wasi_subscription_t s = clock_sub(42, __WASI_CLOCKID_MONOTONIC, 10000000, 0);
        __wasi_event_t ev[2];
        memset(ev, 0xff, sizeof ev);
        t0 = mono_ns();
        int n = poll_clocks(&s, 1, ev);
        dt = mono_ns() - t0;
        yes("poll_oneoff relative 10 ms: 1 event", n == 1);
        yes("  userdata 42, type CLOCK, no error",
            ev[0].userdata == 42 && ev[0].type == __WASI_EVENTTYPE_CLOCK && ev[0].error == 0);
        yes("  took >= 9 ms", dt >= 9000000);
        yes("  took < 5 s", dt < 5000000000ull);

        t0 = mono_ns();
        s = clock_sub(7, __WASI_CLOCKID_MONOTONIC, t0 + 10000000, 1);
        n = poll_clocks(&s, 1, ev);
        dt = mono_ns() - t0;
        yes("poll_oneoff absolute now+10 ms: 1 event", n == 1 && ev[0].userdata == 7 && ev[0].error == 0);
        yes("  took >= 9 ms", dt >= 9000000);

        s = clock_sub(8, __WASI_CLOCKID_MONOTONIC, t0, 1);
        uint64_t t1 = mono_ns();
        n = poll_clocks(&s, 1, ev);
        dt = mono_ns() - t1;
        yes("poll_oneoff absolute time in the past: fires", n == 1 && ev[0].userdata == 8);
        yes("  took < 1 s", dt < 1000000000ull);

        __wasi_subscription_t two[2] = {
            clock_sub(1, __WASI_CLOCKID_MONOTONIC, 5000000000ull, 0),
            clock_sub(2, __WASI_CLOCKID_MONOTONIC, 10000000, 0),
        };
        t0 = mono_ns();
        n = poll_clocks(two, 2, ev);
        dt = mono_ns() - t0;
        yes("poll_oneoff 5 s and 10 ms: only the 10 ms fires",
            n == 1 && ev[0].userdata == 2 && ev[0].error == 0);
        yes("  took >= 9 ms and < 4 s", dt >= 9000000 && dt < 4000000000ull);

        s = clock_sub(3, __WASI_CLOCKID_REALTIME, 10000000, 0);
        t0 = mono_ns();
        n = poll_clocks(&s, 1, ev);
        dt = mono_ns() - t0;
        yes("poll_oneoff relative 10 ms on REALTIME", n == 1 && ev[0].userdata == 3);
        yes("  took >= 9 ms", dt >= 9000000);

        s = clock_sub(4, __WASI_CLOCKID_MONOTONIC, 0, 0);
        n = poll_clocks(&s, 1, ev);
        yes("poll_oneoff timeout 0: fires at once", n == 1 && ev[0].userdata == 4);

        n = poll_clocks(&s, 0, ev);
        yes("poll_oneoff with no subscriptions: EINVAL", n == -__WASI_ERRNO_INVAL);

        t0 = mono_ns();
        yes("usleep(10000) succeeds", usleep(10000) == 0);
        yes("  took >= 9 ms", mono_ns() - t0 >= 9000000);
    }

    printf("-- sched_yield\n");
    yes("sched_yield() == 0", sched_yield() == 0);
    err("__wasi_sched_yield", __wasi_sched_yield(), 0);

    printf("%s\n", failures ? "SOME CHECKS FAILED" : "all clock and random checks passed");
    return failures ? 1 : 0;
}
