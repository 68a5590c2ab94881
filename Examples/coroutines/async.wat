;; Async/await with an event loop and cancellation (stack-switching proposal: `cont.new`,
;; `suspend` with a tag that has a result, `resume` with an `(on $tag $label)` handler,
;; `resume_throw`; exception handling: `try_table`).
;;
;;   wasmfiber run Examples/coroutines/async.wat --invoke main
;;   (runs once continuations and the "wasmfiber" host module land; `wasmfiber validate`
;;   and `wasmfiber inspect` read it today)
;;
;; Tasks are written as straight-line code that "awaits" requests: `suspend $await` with a
;; request number. The event loop in `main` is the handler: it receives the request and the
;; suspended task, parks the task, and resumes it with the answer when the request completes.
;; No host is involved: the "device" answering requests is simulated by the loop itself, on a
;; clock of ticks — request r takes r ticks and its answer is r * r.
;;
;; The loop gives up after 5 ticks: a task still waiting then is cancelled with
;; `resume_throw $cancelled`, which resumes it by raising the exception $cancelled where it
;; is suspended, inside its `suspend`. The task catches it with `try_table`, cleans up and
;; returns normally, so the `resume_throw` returns like a `resume` whose task finished.
;;
;; Output (Examples/coroutines/expected/async.txt), and why:
;;   - At tick 0 the loop starts the tasks one after another; each runs until its first
;;     await: task 1 awaits request 2 (due at tick 2), task 2 request 7 (due at tick 7),
;;     task 3 request 3 (due at tick 3).
;;   - "tick 1": nothing is due. "tick 2": request 2 completes; task 1 gets 4 and awaits
;;     request 1, issued at tick 2 and so due at tick 3.
;;   - "tick 3": the loop scans its slots in order. Task 1 is parked in slot 0 again (the slot
;;     was freed before it was resumed), so it goes first: it gets 1 and finishes with total
;;     4 + 1 = 5; then task 3 (slot 2) gets 9 and finishes.
;;   - "tick 4": nothing. "tick 5": request 7 is still not due, and 5 ticks is the timeout:
;;     the loop cancels task 2, which prints "task 2 cancelled, cleaning up" and returns.
;;   - No task is waiting any more: "event loop: all tasks finished".
;;
;; Printing goes through the "wasmfiber" host module of `wasmfiber run`: print_i32 prints a
;; number and a newline; print_str prints UTF-8 text from this module's memory as it is.
(module $async
  (func $print_i32 (import "wasmfiber" "print_i32") (param i32))
  (func $print_str (import "wasmfiber" "print_str") (param i32 i32))   ;; pointer, length

  (memory (export "memory") 1)
  ;; Bytes 0..15 are scratch space for $print_num; the texts follow (offset, length). The
  ;; event loop's slots use bytes 512..543.
  (data (i32.const 16) "event loop: starting tasks 1, 2 and 3\n")                   ;; 16, 38
  (data (i32.const 64) "task ")                                                     ;; 64, 5
  (data (i32.const 80) ": awaiting request ")                                       ;; 80, 19
  (data (i32.const 112) ": request ")                                               ;; 112, 10
  (data (i32.const 128) " answered ")                                               ;; 128, 10
  (data (i32.const 144) ": done, total ")                                           ;; 144, 14
  (data (i32.const 160) ": done\n")                                                 ;; 160, 7
  (data (i32.const 176) "task 2 cancelled, cleaning up\n")                          ;; 176, 30
  (data (i32.const 208) "tick ")                                                    ;; 208, 5
  (data (i32.const 224) "event loop: timeout, cancelling the tasks still waiting\n") ;; 224, 56
  (data (i32.const 288) "event loop: all tasks finished\n")                         ;; 288, 31

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

  ;; A task that has not started: takes nothing, returns nothing.
  (type $taskFn (func))
  (type $task (cont $taskFn))
  ;; A task suspended in an await: resuming it supplies the answer (an i32).
  (type $waitingFn (func (param i32)))
  (type $waiting (cont $waitingFn))

  ;; Awaiting: the request number goes to the handler (param), the answer comes back as
  ;; the value of the `suspend` (result). Because of the result, the continuation a handler
  ;; receives for this tag expects an i32: it is a $waiting.
  (tag $await (param i32) (result i32))
  ;; An ordinary exception tag: what a cancelled task sees raised at its await.
  (tag $cancelled)

  ;; ---- The tasks' side ----

  ;; Prints "task N".
  (func $say_task (param $id i32)
    (call $print_str (i32.const 64) (i32.const 5))
    (call $print_num (local.get $id)))

  ;; `await request` for task $id: suspends the whole task — this helper's frame and the
  ;; task's frames below it — until the event loop resumes it with the answer.
  (func $await (param $id i32) (param $request i32) (result i32)
    (local $answer i32)
    (call $say_task (local.get $id))
    (call $print_str (i32.const 80) (i32.const 19))          ;; ": awaiting request "
    (call $print_i32 (local.get $request))
    (local.set $answer (suspend $await (local.get $request)))
    (call $say_task (local.get $id))
    (call $print_str (i32.const 112) (i32.const 10))         ;; ": request "
    (call $print_num (local.get $request))
    (call $print_str (i32.const 128) (i32.const 10))         ;; " answered "
    (call $print_i32 (local.get $answer))
    (local.get $answer))

  ;; Task 1 awaits two requests, one after the other, and adds the answers.
  (func $task1
    (local $total i32)
    (local.set $total (call $await (i32.const 1) (i32.const 2)))
    (local.set $total (i32.add (local.get $total) (call $await (i32.const 1) (i32.const 1))))
    (call $say_task (i32.const 1))
    (call $print_str (i32.const 144) (i32.const 14))         ;; ": done, total "
    (call $print_i32 (local.get $total)))

  ;; Task 2 awaits a slow request and is cancelled while it waits. The `resume_throw` makes
  ;; its `suspend` (in $await) raise $cancelled instead of returning; the exception unwinds
  ;; $await's frame and lands in the catch clause below, an ordinary exception handler.
  (func $task2
    (block $on_cancel
      (try_table (catch $cancelled $on_cancel)
        (drop (call $await (i32.const 2) (i32.const 7)))
        (call $say_task (i32.const 2))                       ;; not reached in this run
        (call $print_str (i32.const 160) (i32.const 7))      ;; ": done"
        (return)))
    ;; The cleanup a cancelled task owes: here only a line, in a real program releasing what
    ;; it holds. Then it returns normally, and so finishes like any task.
    (call $print_str (i32.const 176) (i32.const 30)))        ;; "task 2 cancelled, cleaning up"

  ;; Task 3 awaits one request.
  (func $task3
    (drop (call $await (i32.const 3) (i32.const 3)))
    (call $say_task (i32.const 3))
    (call $print_str (i32.const 160) (i32.const 7)))         ;; ": done"
  (elem declare func $task1 $task2 $task3)

  ;; ---- The event loop's side ----

  ;; 4 slots for parked tasks: slot s holds the task's continuation in $parked[s], its
  ;; request number at byte 512 + 4s and the tick it is due at at byte 528 + 4s.
  (table $parked 4 (ref null $waiting))
  (global $clock (mut i32) (i32.const 0))
  (global $pending (mut i32) (i32.const 0))   ;; tasks parked

  ;; Parks a task that just awaited $request, in the first free slot.
  (func $park (param $request i32) (param $k (ref $waiting))
    (local $slot i32)
    (block $found
      (loop $search
        (br_if $found (ref.is_null (table.get $parked (local.get $slot))))
        (local.set $slot (i32.add (local.get $slot) (i32.const 1)))
        (br_if $search (i32.lt_u (local.get $slot) (table.size $parked)))
        (unreachable)))                                      ;; more than 4 tasks waiting
    (table.set $parked (local.get $slot) (local.get $k))
    (i32.store offset=512 (i32.shl (local.get $slot) (i32.const 2)) (local.get $request))
    (i32.store offset=528 (i32.shl (local.get $slot) (i32.const 2))
      (i32.add (global.get $clock) (local.get $request)))    ;; request r takes r ticks
    (global.set $pending (i32.add (global.get $pending) (i32.const 1))))

  ;; Takes the task out of a slot (before resuming it, which may park it again).
  (func $unpark (param $slot i32) (result (ref null $waiting))
    (local $k (ref null $waiting))
    (local.set $k (table.get $parked (local.get $slot)))
    (table.set $parked (local.get $slot) (ref.null $waiting))
    (global.set $pending (i32.sub (global.get $pending) (i32.const 1)))
    (local.get $k))

  ;; Runs a new task until it awaits (then parks it) or finishes.
  (func $start (param $t (ref $task))
    ;; The handler (on $await $awaiting): a `suspend $await r` in the task lands in
    ;; $awaiting with r and the suspended task. A task that returns ends the `resume`
    ;; normally, and then there is nothing to park.
    (block $awaiting (result i32 (ref $waiting))
      (resume $task (on $await $awaiting) (local.get $t))
      (return))
    (call $park))

  ;; Completes the request of the task in $slot: resumes it with the answer.
  (func $complete (param $slot i32)
    (local $answer i32)
    (local.set $answer
      (i32.mul (i32.load offset=512 (i32.shl (local.get $slot) (i32.const 2)))
               (i32.load offset=512 (i32.shl (local.get $slot) (i32.const 2)))))
    (block $awaiting (result i32 (ref $waiting))
      (resume $waiting (on $await $awaiting) (local.get $answer) (call $unpark (local.get $slot)))
      (return))
    (call $park))

  ;; Cancels the task in $slot: resumes it by raising $cancelled at its await. The same
  ;; handler is installed, since a task may await again while it cleans up. An exception the
  ;; task does not catch would come out of this `resume_throw` into the event loop.
  (func $cancel (param $slot i32)
    (block $awaiting (result i32 (ref $waiting))
      (resume_throw $waiting $cancelled (on $await $awaiting) (call $unpark (local.get $slot)))
      (return))
    (call $park))

  (func $main (export "main")
    (local $slot i32)
    (call $print_str (i32.const 16) (i32.const 38))          ;; "event loop: starting tasks …"
    (call $start (cont.new $task (ref.func $task1)))
    (call $start (cont.new $task (ref.func $task2)))
    (call $start (cont.new $task (ref.func $task3)))
    (block $idle
      (loop $tick
        (br_if $idle (i32.eqz (global.get $pending)))
        (global.set $clock (i32.add (global.get $clock) (i32.const 1)))
        (call $print_str (i32.const 208) (i32.const 5))      ;; "tick "
        (call $print_i32 (global.get $clock))
        ;; Complete every request that is due, in slot order.
        (local.set $slot (i32.const 0))
        (loop $scan
          (if (i32.eqz (ref.is_null (table.get $parked (local.get $slot))))
            (then
              (if (i32.le_u (i32.load offset=528 (i32.shl (local.get $slot) (i32.const 2)))
                            (global.get $clock))
                (then (call $complete (local.get $slot))))))
          (local.set $slot (i32.add (local.get $slot) (i32.const 1)))
          (br_if $scan (i32.lt_u (local.get $slot) (table.size $parked))))
        ;; At the timeout, cancel every task still waiting.
        (if (i32.eq (global.get $clock) (i32.const 5))
          (then
            (call $print_str (i32.const 224) (i32.const 56)) ;; "event loop: timeout, …"
            (local.set $slot (i32.const 0))
            (loop $cancel_all
              (if (i32.eqz (ref.is_null (table.get $parked (local.get $slot))))
                (then (call $cancel (local.get $slot))))
              (local.set $slot (i32.add (local.get $slot) (i32.const 1)))
              (br_if $cancel_all (i32.lt_u (local.get $slot) (table.size $parked))))))
        (br $tick)))
    (call $print_str (i32.const 288) (i32.const 31))))       ;; "event loop: all tasks finished"
