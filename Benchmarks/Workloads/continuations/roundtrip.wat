;; resume + suspend round trips (ContinuationBenchmarks, row "resume+suspend round trip").
;; A ticker continuation suspends forever; `run n` resumes it n times under an
;; (on $tick $on_tick) handler and returns n. One round trip = one `resume` that switches to
;; the ticker's stack + one `suspend` that switches back, with the handler's label taking
;; the new continuation. (The WAT of ContinuationStressTests.roundTrips.)
(module
  (type $ft (func))
  (type $ct (cont $ft))
  (tag $tick)
  (func $ticker (loop $l (suspend $tick) (br $l)))
  (elem declare func $ticker)
  (func (export "run") (param $n i32) (result i32)
    (local $k (ref null $ct)) (local $i i32)
    (local.set $k (cont.new $ct (ref.func $ticker)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (block $on_tick (result (ref $ct))
          (resume $ct (on $tick $on_tick) (local.get $k))
          (unreachable))
        (local.set $k)
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $i)))
