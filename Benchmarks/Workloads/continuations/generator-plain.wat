;; The generator workload without coroutines (ContinuationBenchmarks, "generator: plain calls").
;; `bench n` sums n values of a generator whose state lives in globals: each value is one call
;; of $next (an LCG step: s = s * 1664525 + 1013904223, value s >> 8). i32 sum, wrapping.
(module
  (global $s (mut i32) (i32.const 1))
  (func $next (result i32)
    (global.set $s (i32.add (i32.mul (global.get $s) (i32.const 1664525)) (i32.const 1013904223)))
    (i32.shr_u (global.get $s) (i32.const 8)))
  (func (export "bench") (param $n i32) (result i32)
    (local $sum i32)
    (global.set $s (i32.const 1))
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $sum (i32.add (local.get $sum) (call $next)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $sum)))
