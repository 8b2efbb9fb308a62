;; prime-sieve: counts the primes below a limit with a sieve of Eratosthenes over the odd numbers.
;;
;; ABI: prime_sieve(limit: i32) -> i32
;;   limit is read as unsigned and must be below 2^31. The result is the count of primes p < limit, or -1 when
;;   the memory could not grow to hold the sieve (the host caps it).
;;   Imports env.memory (minimum 0 pages); byte i of memory stands for the odd number 2i+1 and is set once that
;;   number is known to be composite. The host hands over a fresh, zeroed memory on every run.
(module
  (import "env" "memory" (memory 0))

  (func $grow_to_hold (param $bytes i32) (result i32)
    (local $pages_needed i32)
    (local.set $pages_needed (i32.shr_u (i32.add (local.get $bytes) (i32.const 0xffff)) (i32.const 16)))
    (if (i32.le_u (local.get $pages_needed) (memory.size))
      (then (return (i32.const 1))))
    (i32.ne (memory.grow (i32.sub (local.get $pages_needed) (memory.size))) (i32.const -1)))

  (func (export "prime_sieve") (param $limit i32) (result i32)
    (local $odd_count i32)
    (local $i i32)
    (local $p i32)
    (local $multiple i32)
    (local $primes i32)
    (if (i32.lt_u (local.get $limit) (i32.const 3))
      (then (return (i32.const 0))))
    ;; The odd numbers below limit are 1, 3, ..., at indices 0 .. limit/2 - 1.
    (local.set $odd_count (i32.shr_u (local.get $limit) (i32.const 1)))
    (if (i32.eqz (call $grow_to_hold (local.get $odd_count)))
      (then (return (i32.const -1))))

    ;; Cross out the odd multiples of every odd prime p with p*p < limit, starting at p*p. The product cannot
    ;; wrap: the loop stops by p = 46341, whose square is still below 2^32.
    (local.set $i (i32.const 1))
    (block $sieved
      (loop $next_candidate
        (local.set $p (i32.add (i32.shl (local.get $i) (i32.const 1)) (i32.const 1)))
        (br_if $sieved (i32.ge_u (i32.mul (local.get $p) (local.get $p)) (local.get $limit)))
        (if (i32.eqz (i32.load8_u (local.get $i)))
          (then
            ;; Stepping the index by p steps the number by 2p, which skips the even multiples.
            (local.set $multiple (i32.shr_u (i32.mul (local.get $p) (local.get $p)) (i32.const 1)))
            (block $crossed_out
              (loop $next_multiple
                (br_if $crossed_out (i32.ge_u (local.get $multiple) (local.get $odd_count)))
                (i32.store8 (local.get $multiple) (i32.const 1))
                (local.set $multiple (i32.add (local.get $multiple) (local.get $p)))
                (br $next_multiple)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next_candidate)))

    ;; The prime 2, then every odd number from 3 that was never crossed out.
    (local.set $primes (i32.const 1))
    (local.set $i (i32.const 1))
    (block $counted
      (loop $next_odd
        (br_if $counted (i32.ge_u (local.get $i) (local.get $odd_count)))
        (local.set $primes (i32.add (local.get $primes) (i32.eqz (i32.load8_u (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next_odd)))
    (local.get $primes)))
