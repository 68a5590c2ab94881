;; Mutual recursion through tail calls: 10,000,000 calls deep in constant native stack.
;;   wasmfiber run Examples/basics/tailcalls.wat --invoke is_even 10000000   → i32:1
(module
  (func $is_even (export "is_even") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 1))
      (else (return_call $is_odd (i32.sub (local.get $n) (i32.const 1))))))
  (func $is_odd (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (return_call $is_even (i32.sub (local.get $n) (i32.const 1)))))))
