;; `switch` ping-pong (ContinuationBenchmarks, row "switch ping-pong").
;; `run n` resumes a first $player under an (on $sw switch) handler. That player makes the
;; second one (cont.new) and switches to it; from then on the two hand control to each other
;; with `switch`, each passing its own suspended continuation to the other, without going
;; back to `run`. Every switch counts one; the player that sees the count reach n returns,
;; which returns from `run`'s resume (the other stays suspended until it is collected).
;; Returns the number of switches, n.
(module
  (rec
    (type $fn (func (param (ref null $k))))
    (type $k (cont $fn)))
  (tag $sw)
  (global $n (mut i32) (i32.const 0))
  (global $count (mut i32) (i32.const 0))
  (func $player (type $fn) (param $other (ref null $k))
    (if (ref.is_null (local.get $other))
      (then (local.set $other (cont.new $k (ref.func $player)))))
    (loop $l
      (if (i32.ge_u (global.get $count) (global.get $n)) (then (return)))
      (global.set $count (i32.add (global.get $count) (i32.const 1)))
      (local.set $other (switch $k $sw (local.get $other)))
      (br $l)))
  (elem declare func $player)
  (func (export "run") (param $n i32) (result i32)
    (global.set $n (local.get $n))
    (global.set $count (i32.const 0))
    (resume $k (on $sw switch) (ref.null $k) (cont.new $k (ref.func $player)))
    (global.get $count)))
