;; hash-chain: FNV-1a (32-bit) applied `rounds` times. Each round hashes the four little-endian bytes of the
;; previous state; the first state is the seed.
;;
;; ABI: hash_chain(seed: i32, rounds: i32) -> i32
;;   seed and rounds are read as unsigned; the result is the final state (read it as unsigned).
;;   No imports, no memory.
(module
  (func $fnv1a_of_word (param $word i32) (result i32)
    (local $hash i32)
    (local $bytes_left i32)
    (local.set $hash (i32.const 0x811c9dc5))
    (local.set $bytes_left (i32.const 4))
    (loop $next_byte
      (local.set $hash
        (i32.mul
          (i32.xor (local.get $hash) (i32.and (local.get $word) (i32.const 0xff)))
          (i32.const 0x01000193)))
      (local.set $word (i32.shr_u (local.get $word) (i32.const 8)))
      (local.set $bytes_left (i32.sub (local.get $bytes_left) (i32.const 1)))
      (br_if $next_byte (local.get $bytes_left)))
    (local.get $hash))

  (func (export "hash_chain") (param $state i32) (param $rounds i32) (result i32)
    ;; Counting down to zero treats rounds as unsigned, so every u32 is a valid round count.
    (block $done
      (loop $next_round
        (br_if $done (i32.eqz (local.get $rounds)))
        (local.set $state (call $fnv1a_of_word (local.get $state)))
        (local.set $rounds (i32.sub (local.get $rounds) (i32.const 1)))
        (br $next_round)))
    (local.get $state)))
