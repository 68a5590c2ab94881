;; The generator workload as runtimes without stack switching do coroutines: Asyncify.
;; (ContinuationBenchmarks, "generator: Asyncify"). This is the source; build-continuations.sh
;; transforms it with binaryen's `wasm-opt --asyncify` (and once more with `-O2` after it).
;;
;; $gen n is the same generator as in generator-cont.wat, its state in locals, but it yields by
;; calling $yield, which starts an *unwind*: Asyncify instruments $gen so that, when the call
;; returns with the state "unwinding", it saves its locals and where it was into the buffer at
;; 16 and returns. The driver `bench` (not instrumented: it calls stop_unwind, so binaryen takes
;; it for the outermost frame) then stops the unwind, takes the value, starts a *rewind* and calls
;; $gen again: $gen skips to the call it unwound from, restoring its locals, and calls $yield
;; again, which (seeing $rewinding) stops the rewind and returns normally: the generator goes on.
;;
;; The four "asyncify" imports are binaryen's intrinsics: `--asyncify` replaces them with the
;; functions it adds (asyncify_start_unwind …), so the transformed module imports nothing and
;; the whole driving loop runs inside WebAssembly, on any runtime.
(module
  (import "asyncify" "start_unwind" (func $start_unwind (param i32)))
  (import "asyncify" "stop_unwind" (func $stop_unwind))
  (import "asyncify" "start_rewind" (func $start_rewind (param i32)))
  (import "asyncify" "stop_rewind" (func $stop_rewind))
  (memory 1)
  ;; Asyncify's data at 16: [current position, end] of the save buffer 24..1024.
  (global $value (mut i32) (i32.const 0))
  (global $rewinding (mut i32) (i32.const 0))
  (global $done (mut i32) (i32.const 0))
  (func $yield (param $v i32)
    (if (global.get $rewinding)
      (then
        (global.set $rewinding (i32.const 0))
        (call $stop_rewind)
        (return)))
    (global.set $value (local.get $v))
    (call $start_unwind (i32.const 16)))
  (func $gen (param $n i32)
    (local $s i32)
    (local.set $s (i32.const 1))
    (loop $l
      (if (local.get $n)
        (then
          (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 1664525)) (i32.const 1013904223)))
          (call $yield (i32.shr_u (local.get $s) (i32.const 8)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $l))))
    (global.set $done (i32.const 1)))
  (func (export "bench") (param $n i32) (result i32)
    (local $sum i32)
    (i32.store (i32.const 16) (i32.const 24))
    (i32.store (i32.const 20) (i32.const 1024))
    (global.set $done (i32.const 0))
    (global.set $rewinding (i32.const 0))
    (call $gen (local.get $n))             ;; runs to the first yield, then unwinds
    (loop $l
      (if (global.get $done) (then (return (local.get $sum))))
      (call $stop_unwind)
      (local.set $sum (i32.add (local.get $sum) (global.get $value)))
      (global.set $rewinding (i32.const 1))
      (call $start_rewind (i32.const 16))
      (call $gen (local.get $n))           ;; rewinds to the yield, runs to the next one
      (br $l))
    (unreachable)))
