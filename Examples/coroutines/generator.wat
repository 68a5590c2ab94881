;; A generator feeding a consumer (stack-switching proposal: `cont.new`, `suspend`, `resume`
;; with an `(on $tag $label)` handler).
;;
;;   wasmfiber run Examples/coroutines/generator.wat --invoke main
;;   (runs once continuations and the "wasmfiber" host module land; `wasmfiber validate`
;;   and `wasmfiber inspect` read it today)
;;
;; `$fibonacci` runs as a continuation on a stack of its own. Each `suspend $yield` stops it
;; in the middle of its loop, with its locals intact, and hands one value to whoever resumed
;; it. The consumer, `main`, resumes it again and again, keeping a running sum, until the
;; generator returns. Neither side is written as a state machine: the generator is a plain
;; loop, and so is the consumer.
;;
;; Output (Examples/coroutines/expected/generator.txt), and why:
;;   - "consumer: starting the generator" comes before "generator: started": `cont.new` only
;;     packages the function; nothing runs until the first `resume`.
;;   - Then ten lines "consumer: got F, running sum S": F runs through the first ten Fibonacci
;;     numbers 0 1 1 2 3 5 8 13 21 34, S through their partial sums 0 1 2 4 7 12 20 33 54 88.
;;     Each line is printed by the consumer after one `suspend` reached its handler.
;;   - "generator: done after 10 values" is printed by the generator when the eleventh resume
;;     lets it leave its loop; then it returns, the `resume` returns normally, and the consumer
;;     prints "consumer: the generator returned; 10 values, sum 88".
;;
;; Printing goes through the "wasmfiber" host module of `wasmfiber run`: print_i32 prints a
;; number and a newline; print_str prints UTF-8 text from this module's memory as it is.
(module $generator
  (func $print_i32 (import "wasmfiber" "print_i32") (param i32))
  (func $print_str (import "wasmfiber" "print_str") (param i32 i32))   ;; pointer, length

  (memory (export "memory") 1)
  ;; Bytes 0..15 are scratch space for $print_num; the texts follow (offset, length).
  (data (i32.const 16) "consumer: starting the generator\n")              ;; 16, 33
  (data (i32.const 64) "generator: started\n")                            ;; 64, 19
  (data (i32.const 96) "consumer: got ")                                  ;; 96, 14
  (data (i32.const 112) ", running sum ")                                 ;; 112, 14
  (data (i32.const 128) "generator: done after ")                         ;; 128, 22
  (data (i32.const 160) " values\n")                                      ;; 160, 8
  (data (i32.const 176) "consumer: the generator returned; ")             ;; 176, 34
  (data (i32.const 224) " values, sum ")                                  ;; 224, 13

  ;; Prints $n (unsigned) in decimal without a newline: the digits are written backwards
  ;; into the scratch bytes below offset 16, then printed as text.
  (func $print_num (param $n i32)
    (local $p i32)
    (local.set $p (i32.const 16))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48 (; '0' ;)) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digit (local.get $n)))
    (call $print_str (local.get $p) (i32.sub (i32.const 16) (local.get $p))))

  ;; The generator's type: it takes nothing and returns nothing. A continuation of type
  ;; $generatorCont is a suspended computation that, once resumed, runs to the end of such a
  ;; function (or to its next suspension).
  (type $generatorFn (func))
  (type $generatorCont (cont $generatorFn))

  ;; The control tag the generator suspends with. (param i32): the value travels from the
  ;; generator to its handler. No result: the consumer sends nothing back when it resumes,
  ;; so the continuation the handler receives is again of type $generatorCont.
  (tag $yield (param i32))

  ;; The first ten Fibonacci numbers, one `suspend` each. Between two suspensions this
  ;; function's frame — $a, $b, $n and the position in the loop — waits on its own stack.
  (func $fibonacci
    (local $a i32) (local $b i32) (local $n i32) (local $next i32)
    (call $print_str (i32.const 64) (i32.const 19))         ;; "generator: started"
    (local.set $b (i32.const 1))
    (loop $more
      ;; Stop here and pass $a to the consumer; execution continues on the next line only
      ;; when the consumer resumes this continuation.
      (suspend $yield (local.get $a))
      (local.set $next (i32.add (local.get $a) (local.get $b)))
      (local.set $a (local.get $b))
      (local.set $b (local.get $next))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $more (i32.lt_u (local.get $n) (i32.const 10))))
    (call $print_str (i32.const 128) (i32.const 22))        ;; "generator: done after "
    (call $print_num (local.get $n))
    (call $print_str (i32.const 160) (i32.const 8)))        ;; " values\n"
  (elem declare func $fibonacci)   ;; `ref.func` needs the function declared

  ;; The consumer: resumes the generator until it returns, printing each value and the sum.
  (func $main (export "main")
    (local $k (ref null $generatorCont))   ;; the rest of the generator, ready to resume
    (local $value i32) (local $sum i32) (local $count i32)
    (call $print_str (i32.const 16) (i32.const 33))         ;; "consumer: starting the generator"
    (local.set $k (cont.new $generatorCont (ref.func $fibonacci)))
    (block $finished
      (loop $pull
        ;; `resume` runs the generator until it suspends or returns. The handler
        ;; (on $yield $yielded) says: when it performs `suspend $yield v`, stop it and branch
        ;; to $yielded with v and the suspended rest of it as a new continuation (the old one
        ;; is used up: a continuation resumes once). Returning normally falls through to
        ;; `br $finished`.
        (block $yielded (result i32 (ref $generatorCont))
          (resume $generatorCont (on $yield $yielded) (local.get $k))
          (br $finished))
        (local.set $k)                 ;; the stack holds [value, continuation]
        (local.set $value)
        (local.set $sum (i32.add (local.get $sum) (local.get $value)))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (call $print_str (i32.const 96) (i32.const 14))     ;; "consumer: got "
        (call $print_num (local.get $value))
        (call $print_str (i32.const 112) (i32.const 14))    ;; ", running sum "
        (call $print_i32 (local.get $sum))
        (br $pull)))
    (call $print_str (i32.const 176) (i32.const 34))        ;; "consumer: the generator returned; "
    (call $print_num (local.get $count))
    (call $print_str (i32.const 224) (i32.const 13))        ;; " values, sum "
    (call $print_i32 (local.get $sum))))
