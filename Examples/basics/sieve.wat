;; The sieve of Eratosthenes in linear memory: one byte per number, 1 = composite.
;;   wasmfiber run Examples/basics/sieve.wat --invoke count_primes 1000000   → i32:78498
(module
  (memory 16)   ;; 1 MiB: numbers below 1,048,576
  (func (export "count_primes") (param $limit i32) (result i32)
    (local $i i32) (local $j i32) (local $count i32)
    ;; Refuse limits the memory cannot hold: the store below would trap anyway.
    (if (i32.gt_u (local.get $limit) (i32.const 1048576)) (then (unreachable)))
    (memory.fill (i32.const 0) (i32.const 0) (local.get $limit))
    (local.set $i (i32.const 2))
    (block $done
      (loop $outer
        (br_if $done (i32.ge_u (local.get $i) (local.get $limit)))
        (if (i32.eqz (i32.load8_u (local.get $i)))
          (then
            (local.set $count (i32.add (local.get $count) (i32.const 1)))
            ;; Mark the multiples from i*i on (i*i may overflow only beyond 65,535).
            (if (i32.le_u (local.get $i) (i32.const 65535))
              (then
                (local.set $j (i32.mul (local.get $i) (local.get $i)))
                (block $marked
                  (loop $inner
                    (br_if $marked (i32.ge_u (local.get $j) (local.get $limit)))
                    (i32.store8 (local.get $j) (i32.const 1))
                    (local.set $j (i32.add (local.get $j) (local.get $i)))
                    (br $inner)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    (local.get $count)))
