;; The generator workload on typed continuations (ContinuationBenchmarks, "generator: typed
;; continuations"). $gen n is a generator with its state in locals: it yields n values
;; (`suspend $yield` with the value) and returns. `bench n` resumes it until it returns and
;; sums what it yields. Same values and sum as generator-plain.wat.
(module
  (type $gf (func (param i32)))
  (type $gc (cont $gf))
  (type $rf (func))
  (type $rc (cont $rf))
  (tag $yield (param i32))
  (func $gen (param $n i32)
    (local $s i32)
    (local.set $s (i32.const 1))
    (loop $l
      (if (local.get $n)
        (then
          (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 1664525)) (i32.const 1013904223)))
          (suspend $yield (i32.shr_u (local.get $s) (i32.const 8)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $l)))))
  (elem declare func $gen)
  (func (export "bench") (param $n i32) (result i32)
    (local $k (ref null $rc)) (local $sum i32)
    (local.set $k (cont.bind $gc $rc (local.get $n) (cont.new $gc (ref.func $gen))))
    (block $done
      (loop $next
        (block $on_yield (result i32 (ref $rc))
          (resume $rc (on $yield $on_yield) (local.get $k))
          (br $done))                      ;; the generator returned
        (local.set $k)
        (local.set $sum (i32.add (local.get $sum)))
        (br $next)))
    (local.get $sum)))
