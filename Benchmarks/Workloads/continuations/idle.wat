;; Idle suspended continuations (ContinuationBenchmarks, row "RSS per idle continuation").
;; `park k` appends k continuations to the table $parked, each resumed once into $idle,
;; which suspends at once: k live, suspended continuations, each on a stack of its own,
;; kept alive by the table. Returns the table's size. `wake` resumes them all to their end.
(module
  (type $ft (func))
  (type $ct (cont $ft))
  (tag $pause)
  (table $parked 0 (ref null $ct))
  (func $idle (suspend $pause))
  (elem declare func $idle)
  (func (export "park") (param $k i32) (result i32)
    (local $i i32) (local $c (ref null $ct))
    (local.set $i (table.grow $parked (ref.null $ct) (local.get $k)))
    (local.set $k (i32.add (local.get $i) (local.get $k)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $k)))
        (block $paused (result (ref $ct))
          (resume $ct (on $pause $paused) (cont.new $ct (ref.func $idle)))
          (unreachable))
        (local.set $c)
        (table.set $parked (local.get $i) (local.get $c))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (table.size $parked))
  ;; Resumes every parked continuation (each returns at once) and empties the table; returns
  ;; how many there were (a check that the table kept them alive).
  (func (export "wake") (result i32)
    (local $i i32) (local $c (ref null $ct))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (table.size $parked)))
        (local.set $c (table.get $parked (local.get $i)))
        (table.set $parked (local.get $i) (ref.null $ct))
        (resume $ct (local.get $c))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $i)))
