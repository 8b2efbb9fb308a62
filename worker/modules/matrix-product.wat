;; matrix-product: C = A x B for two n x n matrices of small signed integers drawn from a seeded generator.
;;
;; ABI: matrix_product(seed: i32, n: i32) -> i32
;;   seed must be non-zero (xorshift32 stays at zero forever); n is 1 .. 256. The result is the byte offset of C
;;   in memory, or -1 when the memory could not grow to hold A, B and C (the host caps it).
;;   Imports env.memory (minimum 0 pages). A, B and C are row-major i32 arrays, one after another from offset 0.
;;   Entries of A (first n*n draws) and B (next n*n draws) are the top byte of each xorshift32 (13, 17, 5)
;;   state, read as signed: -128 .. 127. Every sum of C fits in i32 for n <= 256 (at most 256 * 128 * 128).
(module
  (import "env" "memory" (memory 0))
  (global $generator_state (mut i32) (i32.const 0))

  (func $next_entry (result i32)
    (local $x i32)
    (local.set $x (global.get $generator_state))
    (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
    (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
    (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
    (global.set $generator_state (local.get $x))
    (i32.shr_s (local.get $x) (i32.const 24)))

  (func $fill_with_entries (param $at i32) (param $count i32)
    (block $filled
      (loop $next_cell
        (br_if $filled (i32.eqz (local.get $count)))
        (i32.store (local.get $at) (call $next_entry))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $next_cell))))

  (func $grow_to_hold (param $bytes i32) (result i32)
    (local $pages_needed i32)
    (local.set $pages_needed (i32.shr_u (i32.add (local.get $bytes) (i32.const 0xffff)) (i32.const 16)))
    (if (i32.le_u (local.get $pages_needed) (memory.size))
      (then (return (i32.const 1))))
    (i32.ne (memory.grow (i32.sub (local.get $pages_needed) (memory.size))) (i32.const -1)))

  (func (export "matrix_product") (param $seed i32) (param $n i32) (result i32)
    (local $cells i32)
    (local $matrix_bytes i32)
    (local $b i32)
    (local $c i32)
    (local $row i32)
    (local $column i32)
    (local $k i32)
    (local $sum i32)
    (local.set $cells (i32.mul (local.get $n) (local.get $n)))
    (local.set $matrix_bytes (i32.shl (local.get $cells) (i32.const 2)))
    (local.set $b (local.get $matrix_bytes))
    (local.set $c (i32.shl (local.get $matrix_bytes) (i32.const 1)))
    (if (i32.eqz (call $grow_to_hold (i32.mul (local.get $matrix_bytes) (i32.const 3))))
      (then (return (i32.const -1))))

    (global.set $generator_state (local.get $seed))
    (call $fill_with_entries (i32.const 0) (local.get $cells))
    (call $fill_with_entries (local.get $b) (local.get $cells))

    (local.set $row (i32.const 0))
    (block $rows_done
      (loop $next_row
        (br_if $rows_done (i32.ge_u (local.get $row) (local.get $n)))
        (local.set $column (i32.const 0))
        (block $columns_done
          (loop $next_column
            (br_if $columns_done (i32.ge_u (local.get $column) (local.get $n)))
            (local.set $sum (i32.const 0))
            (local.set $k (i32.const 0))
            (block $dot_done
              (loop $next_term
                (br_if $dot_done (i32.ge_u (local.get $k) (local.get $n)))
                ;; sum += A[row][k] * B[k][column]
                (local.set $sum
                  (i32.add (local.get $sum)
                    (i32.mul
                      (i32.load (i32.shl
                        (i32.add (i32.mul (local.get $row) (local.get $n)) (local.get $k))
                        (i32.const 2)))
                      (i32.load (i32.add (local.get $b) (i32.shl
                        (i32.add (i32.mul (local.get $k) (local.get $n)) (local.get $column))
                        (i32.const 2)))))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $next_term)))
            (i32.store
              (i32.add (local.get $c) (i32.shl
                (i32.add (i32.mul (local.get $row) (local.get $n)) (local.get $column))
                (i32.const 2)))
              (local.get $sum))
            (local.set $column (i32.add (local.get $column) (i32.const 1)))
            (br $next_column)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $next_row)))
    (local.get $c)))
