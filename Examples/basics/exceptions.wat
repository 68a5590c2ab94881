;; Exceptions thrown in one function and caught in another (exception handling, final form).
;;   wasmfiber run Examples/basics/exceptions.wat --invoke safe_div 84 2   → i32:42
;;   wasmfiber run Examples/basics/exceptions.wat --invoke safe_div 1 0    → i32:-1
;;   wasmfiber run Examples/basics/exceptions.wat --invoke trap_demo       → a trap with its backtrace
(module
  (tag $division_by_zero (param i32))   ;; carries the dividend

  (func $checked_div (param $a i32) (param $b i32) (result i32)
    (if (i32.eqz (local.get $b)) (then (throw $division_by_zero (local.get $a))))
    (i32.div_s (local.get $a) (local.get $b)))

  ;; Returns a / b, or -1 when b is 0: the exception unwinds $checked_div's activation and
  ;; lands in the catch clause, which branches to $failed with the payload.
  (func (export "safe_div") (param $a i32) (param $b i32) (result i32)
    (block $failed (result i32)
      (try_table (result i32) (catch $division_by_zero $failed)
        (call $checked_div (local.get $a) (local.get $b)))
      (return))
    (drop)
    (i32.const -1))

  ;; A trap is not an exception: no handler catches it. It ends the call, and the host gets
  ;; the trap's message with the WebAssembly backtrace (function names from the name section).
  (func $divide (param $a i32) (param $b i32) (result i32)
    (i32.div_s (local.get $a) (local.get $b)))
  (func (export "trap_demo") (result i32)
    (block $caught
      (try_table (catch_all $caught)   ;; would catch any exception, but a trap passes through
        (drop (call $divide (i32.const 1) (i32.const 0))))
      (return (i32.const 0)))
    (i32.const -1)))
