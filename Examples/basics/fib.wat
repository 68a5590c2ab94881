;; Recursive Fibonacci: every WebAssembly call is a native call of the interpreter on the
;; fiber that runs this module.
;;   wasmfiber run Examples/basics/fib.wat --invoke fib 25      → i32:75025
(module
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else
        (i32.add
          (call $fib (i32.sub (local.get $n) (i32.const 1)))
          (call $fib (i32.sub (local.get $n) (i32.const 2))))))))
