;; A generator written with the stack-switching proposal: `$numbers` runs as a continuation
;; on a stack of its own and suspends with each value; `main` resumes it, prints the value it
;; suspended with, and resumes it again until it returns.
;;
;; Today `wasmfiber validate` and `wasmfiber inspect` read it; `wasmfiber run` will run it
;; once the interpreter and continuations land (prints 0 1 1 2 3 5 8 13 21 34).
(module $generator
  (type $producer (func))
  (type $producerCont (cont $producer))
  (func $print (import "spectest" "print_i32") (param i32))
  ;; A value handed from the generator to its consumer.
  (tag $yield (param i32))

  ;; The first ten Fibonacci numbers, one `suspend` each.
  (func $numbers
    (local $a i32) (local $b i32) (local $n i32) (local $next i32)
    (local.set $b (i32.const 1))
    (loop $more
      (suspend $yield (local.get $a))
      (local.set $next (i32.add (local.get $a) (local.get $b)))
      (local.set $a (local.get $b))
      (local.set $b (local.get $next))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $more (i32.lt_u (local.get $n) (i32.const 10)))))
  (elem declare func $numbers)

  (func (export "main")
    (local $k (ref null $producerCont))
    (local.set $k (cont.new $producerCont (ref.func $numbers)))
    (block $finished
      (loop $pull
        ;; Resume; a `suspend $yield` lands in $yielded with the value and the rest of the
        ;; generator as a new continuation. Returning normally means the generator is done.
        (block $yielded (result i32 (ref $producerCont))
          (resume $producerCont (on $yield $yielded) (local.get $k))
          (br $finished))
        (local.set $k)
        (call $print)
        (br $pull)))))
