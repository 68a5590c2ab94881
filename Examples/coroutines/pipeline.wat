;; A pipeline of three coroutines, producer → filter → consumer (stack-switching proposal:
;; `cont.new`, `cont.bind`, `suspend`, nested `resume`s with `(on $tag $label)` handlers).
;;
;;   wasmfiber run Examples/coroutines/pipeline.wat --invoke main
;;   (runs once continuations and the "wasmfiber" host module land; `wasmfiber validate`
;;   and `wasmfiber inspect` read it today)
;;
;; The producer emits the numbers 1 to 20; the filter passes on the primes among them; the
;; consumer prints what reaches it and counts it. Each stage is a continuation on its own
;; stack, and the stages pull: the consumer resumes the filter when it wants a number, and the
;; filter resumes the producer as often as it takes to find a prime.
;;
;; All stages speak one protocol, the tag $emit: a stage hands a value downstream with
;; `suspend $emit v`. The filter is both sides at once: it handles the producer's $emit (its
;; `resume` of the producer installs the handler) and performs $emit itself towards the
;; consumer. Which handler a `suspend` reaches is decided by who is running it: the nearest
;; enclosing handler for the tag, on the chain of `resume`s that leads to the running stage.
;;   - The producer runs inside the filter's `resume`, itself inside the consumer's `resume`:
;;     main → consumer → filter → producer. Its $emit reaches the filter, the nearest.
;;   - When the filter runs, the producer is suspended, off that chain: main → consumer →
;;     filter. The filter's $emit reaches the consumer.
;; `main` wires the stages together with `cont.bind`, handing each stage its upstream.
;;
;; Output (Examples/coroutines/expected/pipeline.txt), and why:
;;   - "main: running producer (1 to 20) -> prime filter -> consumer" comes first; then, in
;;     order of the numbers: for a prime p the consumer prints "consumer: prime p" (2 3 5 7
;;     11 13 17 19), for any other n the filter prints "filter: drops n" (1 4 6 8 9 10 12 14
;;     15 16 18 20) before asking the producer for the next one. Numbers reach the consumer
;;     one at a time: nothing runs ahead, since every stage stops while it hands a value on.
;;   - After emitting 20 the producer is resumed once more and returns: "producer: finished,
;;     numbers produced: 20". The filter's `resume` returns normally: "filter: upstream
;;     finished"; the filter returns, so does the consumer's `resume`, and the consumer prints
;;     "consumer: primes received: 8" and "consumer: their sum: 77" (2+3+5+7+11+13+17+19).
;;   - The consumer returns, main's `resume` returns: "main: pipeline finished".
;;
;; Printing goes through the "wasmfiber" host module of `wasmfiber run`: print_i32 prints a
;; number and a newline; print_str prints UTF-8 text from this module's memory as it is.
(module $pipeline
  (func $print_i32 (import "wasmfiber" "print_i32") (param i32))
  (func $print_str (import "wasmfiber" "print_str") (param i32 i32))   ;; pointer, length

  (memory (export "memory") 1)
  ;; The texts (offset, length).
  (data (i32.const 0) "main: running producer (1 to 20) -> prime filter -> consumer\n")   ;; 0, 61
  (data (i32.const 64) "filter: drops ")                                  ;; 64, 14
  (data (i32.const 80) "consumer: prime ")                                ;; 80, 16
  (data (i32.const 96) "producer: finished, numbers produced: ")          ;; 96, 38
  (data (i32.const 144) "filter: upstream finished\n")                    ;; 144, 26
  (data (i32.const 176) "consumer: primes received: ")                    ;; 176, 27
  (data (i32.const 208) "consumer: their sum: ")                          ;; 208, 21
  (data (i32.const 240) "main: pipeline finished\n")                      ;; 240, 24

  ;; A stage ready to run: takes nothing, returns nothing. Every stage, whether not started
  ;; yet or suspended in an $emit, is a $stage.
  (type $stageFn (func))
  (type $stage (cont $stageFn))
  ;; The producer before it starts, waiting for its limit.
  (type $producerFn (func (param i32)))
  (type $producerCont (cont $producerFn))
  ;; The filter and the consumer before they start, waiting for their upstream stage.
  (type $pullerFn (func (param (ref $stage))))
  (type $pullerCont (cont $pullerFn))

  ;; A value handed downstream. No result: the downstream stage sends nothing back when it
  ;; resumes, so a suspended stage is again a $stage.
  (tag $emit (param i32))

  ;; 1, 2, …, $limit, one `suspend $emit` each.
  (func $producer (type $producerFn) (param $limit i32)
    (local $n i32)
    (loop $next
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (suspend $emit (local.get $n))
      (br_if $next (i32.lt_u (local.get $n) (local.get $limit))))
    (call $print_str (i32.const 96) (i32.const 38))        ;; "producer: finished, numbers …"
    (call $print_i32 (local.get $n)))

  (func $is_prime (param $n i32) (result i32)
    (local $d i32)
    (if (i32.lt_u (local.get $n) (i32.const 2)) (then (return (i32.const 0))))
    (local.set $d (i32.const 2))
    (block $no_divisor
      (loop $try
        (br_if $no_divisor (i32.gt_u (i32.mul (local.get $d) (local.get $d)) (local.get $n)))
        (if (i32.eqz (i32.rem_u (local.get $n) (local.get $d))) (then (return (i32.const 0))))
        (local.set $d (i32.add (local.get $d) (i32.const 1)))
        (br $try)))
    (i32.const 1))

  ;; The filter: pulls from $source, emits the primes.
  (func $primes (type $pullerFn) (param $source (ref $stage))
    (local $k (ref null $stage)) (local $n i32)
    (local.set $k (local.get $source))
    (block $upstream_done
      (loop $pull
        ;; Consume: run the upstream stage until it emits (branch to $got with the value
        ;; and the rest of it) or returns (fall through to `br $upstream_done`).
        (block $got (result i32 (ref $stage))
          (resume $stage (on $emit $got) (local.get $k))
          (br $upstream_done))
        (local.set $k)
        (local.set $n)
        (if (call $is_prime (local.get $n))
          (then
            ;; Produce: suspend this stage (not the producer, which is already suspended
            ;; and waits in $k) and hand the prime to the consumer. The consumer resumes
            ;; us here when it wants the next one.
            (suspend $emit (local.get $n)))
          (else
            (call $print_str (i32.const 64) (i32.const 14))   ;; "filter: drops "
            (call $print_i32 (local.get $n))))
        (br $pull)))
    (call $print_str (i32.const 144) (i32.const 26)))      ;; "filter: upstream finished"

  ;; The consumer: pulls from $source until it is exhausted, prints each value, counts them.
  (func $consumer (type $pullerFn) (param $source (ref $stage))
    (local $k (ref null $stage)) (local $n i32) (local $count i32) (local $sum i32)
    (local.set $k (local.get $source))
    (block $upstream_done
      (loop $pull
        (block $got (result i32 (ref $stage))
          (resume $stage (on $emit $got) (local.get $k))
          (br $upstream_done))
        (local.set $k)
        (local.set $n)
        (call $print_str (i32.const 80) (i32.const 16))     ;; "consumer: prime "
        (call $print_i32 (local.get $n))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (local.set $sum (i32.add (local.get $sum) (local.get $n)))
        (br $pull)))
    (call $print_str (i32.const 176) (i32.const 27))       ;; "consumer: primes received: "
    (call $print_i32 (local.get $count))
    (call $print_str (i32.const 208) (i32.const 21))       ;; "consumer: their sum: "
    (call $print_i32 (local.get $sum)))
  (elem declare func $producer $primes $consumer)

  (func $main (export "main")
    ;; Non-null locals: $pullerFn's parameter is a (ref $stage), which null is not.
    (local $producer (ref $stage)) (local $filter (ref $stage))
    (call $print_str (i32.const 0) (i32.const 61))         ;; "main: running producer …"
    ;; Wire the pipeline without running anything: `cont.bind` supplies a continuation's
    ;; first arguments and gives a continuation expecting the rest — here none, a $stage.
    (local.set $producer
      (cont.bind $producerCont $stage (i32.const 20)
        (cont.new $producerCont (ref.func $producer))))
    (local.set $filter
      (cont.bind $pullerCont $stage (local.get $producer)
        (cont.new $pullerCont (ref.func $primes))))
    ;; Run the consumer. It emits nothing, so this `resume` needs no handler.
    (resume $stage
      (cont.bind $pullerCont $stage (local.get $filter)
        (cont.new $pullerCont (ref.func $consumer))))
    (call $print_str (i32.const 240) (i32.const 24))))     ;; "main: pipeline finished"
