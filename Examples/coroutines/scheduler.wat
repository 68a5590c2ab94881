;; Green threads with a round-robin scheduler built on `switch` (stack-switching proposal:
;; `cont.new`, `cont.bind`, `resume` with an `(on $tag switch)` handler, `switch`).
;;
;;   wasmfiber run Examples/coroutines/scheduler.wat --invoke main
;;   (runs once continuations and the "wasmfiber" host module land; `wasmfiber validate`
;;   and `wasmfiber inspect` read it today)
;;
;; Three tasks, A (3 steps), B (2 steps) and C (4 steps), each print a line per step and
;; yield after every step but their last. A yielding task does not go back to the scheduler:
;; it takes the next task out of the run queue and `switch`es to it directly, one stack switch
;; instead of two (suspend to the scheduler, then resume the next). `switch` hands the
;; yielding task's own continuation to the task it switches to, which puts it at the back of
;; the queue. The scheduler in `main` only steps in when a task returns: its `resume` returns,
;; and it resumes the next task in the queue.
;;
;; The scheduler's `(on $yield switch)` handler is what a `switch $task $yield` needs at run
;; time (without one it fails, as an unhandled tag): it marks how much of the stack a switch
;; captures, namely everything above the scheduler's `resume`. Switching replaces the task
;; running under that handler with another one; the scheduler's `resume` is still waiting
;; underneath, and returns when whichever task is running there returns.
;;
;; Output (Examples/coroutines/expected/scheduler.txt), and why (the queue is shown in [ ]):
;;   - The queue starts as [A B C]; the scheduler takes A and resumes it:
;;     "scheduler: resuming the next task".
;;   - A step 1; A switches to B ([C]); B queues A, who switched to it ([C A]).
;;     B step 1, switches to C ([A B]). C step 1, switches to A ([B C]).
;;     A step 2, switches to B ([C A]). B step 2 was its last: "task B finished".
;;   - B returns, so the scheduler's `resume` returns; the scheduler resumes C ([A]), with
;;     null for "no previous task": "scheduler: resuming the next task".
;;   - C step 2, switches to A ([C]). A step 3, its last: "task A finished"; A returns and
;;     the scheduler resumes C ([ ]): "scheduler: resuming the next task".
;;   - C step 3; yielding finds the queue empty, so C just goes on: C step 4, "task C
;;     finished". C returns; the queue is empty: "scheduler: the queue is empty".
;;   - The counts: 5 direct switches between tasks (A→B, B→C, C→A, A→B, C→A) and
;;     3 resumes by the scheduler.
;;
;; Printing goes through the "wasmfiber" host module of `wasmfiber run`: print_i32 prints a
;; number and a newline; print_str prints UTF-8 text from this module's memory as it is.
(module $scheduler
  (func $print_i32 (import "wasmfiber" "print_i32") (param i32))
  (func $print_str (import "wasmfiber" "print_str") (param i32 i32))   ;; pointer, length

  (memory (export "memory") 1)
  ;; The texts (offset, length).
  (data (i32.const 0) "ABC")                                              ;; 0, 3: task names
  (data (i32.const 16) "task ")                                           ;; 16, 5
  (data (i32.const 32) " step ")                                          ;; 32, 6
  (data (i32.const 48) " finished\n")                                     ;; 48, 10
  (data (i32.const 64) "scheduler: resuming the next task\n")             ;; 64, 34
  (data (i32.const 112) "scheduler: the queue is empty\n")                ;; 112, 30
  (data (i32.const 144) "scheduler: direct switches between tasks: ")     ;; 144, 42
  (data (i32.const 192) "scheduler: resumes by the scheduler: ")          ;; 192, 37

  ;; Every task, whether it has not started yet or is suspended in a `switch`, is a
  ;; continuation of type $task: it expects one argument, the continuation of the task that
  ;; switched to it (null when the scheduler resumed it), and returns nothing. The type
  ;; mentions itself, hence the `rec` group.
  (rec
    (type $taskFn (func (param (ref null $task))))
    (type $task (cont $taskFn)))

  ;; The one function all tasks run: its name (a pointer to one letter), its number of
  ;; steps, and the $task argument. `cont.bind` turns a continuation of this function into a
  ;; $task by fixing the first two arguments.
  (type $bodyFn (func (param i32 i32 (ref null $task))))
  (type $bodyCont (cont $bodyFn))

  ;; The switch tag: no parameters, and results matching what tasks return (nothing).
  (tag $yield)

  ;; The run queue: a ring of 4 slots (3 tasks never fill it), and two counters.
  (table $queue 4 (ref null $task))
  (global $head (mut i32) (i32.const 0))   ;; slot of the next task to run
  (global $size (mut i32) (i32.const 0))   ;; tasks in the queue
  (global $switches (mut i32) (i32.const 0))
  (global $resumes (mut i32) (i32.const 0))

  ;; Puts a task at the back of the queue; a null task (none) is ignored.
  (func $enqueue (param $k (ref null $task))
    (if (ref.is_null (local.get $k)) (then (return)))
    (if (i32.eq (global.get $size) (table.size $queue)) (then (unreachable)))   ;; full
    (table.set $queue
      (i32.and (i32.add (global.get $head) (global.get $size)) (i32.const 3))
      (local.get $k))
    (global.set $size (i32.add (global.get $size) (i32.const 1))))

  ;; Takes the task at the front of the queue, or null if it is empty.
  (func $dequeue (result (ref null $task))
    (local $k (ref null $task))
    (if (i32.eqz (global.get $size)) (then (return (ref.null $task))))
    (local.set $k (table.get $queue (global.get $head)))
    (table.set $queue (global.get $head) (ref.null $task))   ;; the queue no longer holds it
    (global.set $head (i32.and (i32.add (global.get $head) (i32.const 1)) (i32.const 3)))
    (global.set $size (i32.sub (global.get $size) (i32.const 1)))
    (local.get $k))

  ;; Yields to the next task, if there is one, without involving the scheduler.
  (func $yield
    (local $next (ref null $task))
    (local.set $next (call $dequeue))
    (if (ref.is_null (local.get $next)) (then (return)))   ;; nobody else is ready: go on
    (global.set $switches (i32.add (global.get $switches) (i32.const 1)))
    ;; `switch` suspends this task — its whole stack up to the scheduler's (on $yield switch)
    ;; handler, this frame included — and starts or resumes $next right away, passing it
    ;; the suspended task as its $task argument. When some task later switches back to us
    ;; (or the scheduler resumes us), `switch` returns what that one passed: its own
    ;; continuation, or null from the scheduler. Either way it goes to the back of the queue.
    (call $enqueue (switch $task $yield (local.get $next))))

  (func $task_body (type $bodyFn)
    (param $name i32) (param $steps i32) (param $prev (ref null $task))
    (local $step i32)
    ;; Started by a `switch`: the task that switched here waits at the back of the queue.
    (call $enqueue (local.get $prev))
    (loop $run
      (local.set $step (i32.add (local.get $step) (i32.const 1)))
      (call $print_str (i32.const 16) (i32.const 5))        ;; "task "
      (call $print_str (local.get $name) (i32.const 1))     ;; "A", "B" or "C"
      (call $print_str (i32.const 32) (i32.const 6))        ;; " step "
      (call $print_i32 (local.get $step))
      (if (i32.lt_u (local.get $step) (local.get $steps))
        (then
          (call $yield)
          (br $run))))
    (call $print_str (i32.const 16) (i32.const 5))          ;; "task "
    (call $print_str (local.get $name) (i32.const 1))
    (call $print_str (i32.const 48) (i32.const 10)))        ;; " finished\n"
  (elem declare func $task_body)

  ;; A new task: a continuation of $task_body with its name and step count bound.
  (func $spawn (param $name i32) (param $steps i32)
    (call $enqueue
      (cont.bind $bodyCont $task (local.get $name) (local.get $steps)
        (cont.new $bodyCont (ref.func $task_body)))))

  ;; The scheduler: resumes the task at the front of the queue whenever the last one returned.
  (func $main (export "main")
    (local $next (ref null $task))
    (call $spawn (i32.const 0) (i32.const 3))   ;; A
    (call $spawn (i32.const 1) (i32.const 2))   ;; B
    (call $spawn (i32.const 2) (i32.const 4))   ;; C
    (block $empty
      (loop $run_next
        (local.set $next (call $dequeue))
        (br_if $empty (ref.is_null (local.get $next)))
        (call $print_str (i32.const 64) (i32.const 34))     ;; "scheduler: resuming the next task"
        (global.set $resumes (i32.add (global.get $resumes) (i32.const 1)))
        ;; No previous task to hand over: the argument is null. There is no suspend handler
        ;; for $yield, only a switch handler; this `resume` returns when the task running
        ;; under it — by now perhaps a different one — returns.
        (resume $task (on $yield switch) (ref.null $task) (local.get $next))
        (br $run_next)))
    (call $print_str (i32.const 112) (i32.const 30))        ;; "scheduler: the queue is empty"
    (call $print_str (i32.const 144) (i32.const 42))
    (call $print_i32 (global.get $switches))
    (call $print_str (i32.const 192) (i32.const 37))
    (call $print_i32 (global.get $resumes))))
