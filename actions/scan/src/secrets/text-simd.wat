;; The two passes of the secrets scan that read every character, in WebAssembly (text-simd.ts drives them):
;;
;;   prepare   one SIMD pass over the text's UTF-16 code units: narrows them to one byte each (what the keyword
;;             automaton reads), and lists the places the decoding passes start from: maximal runs of 16 or more
;;             base64 characters [A-Za-z0-9_/+-], every % and \, and every U+ (decoder.ts scanEncodings).
;;   keywords  the keyword automaton (keywords.ts KeywordIndex) over those bytes, as four interleaved streams over
;;             the four quarters of the text: one stream is a chain of dependent table loads, four keep the core
;;             busy. Each stream starts `warm` characters before its quarter, which gives it the exact state the
;;             single pass would have there (an automaton state is a suffix of at most the longest keyword).
;;
;; The narrowing keeps ASCII as is and maps every other code unit to 0x80, except the three that fold to ASCII
;; keyword letters (U+0130 to i, U+017F to s, U+212A to k: literal-heads.ts foldCodeUnit), mapped to 0x81, 0x82
;; and 0x83 so that the automaton's symbol table can fold them; none of 0x80-0x83 is a base64 or escape byte,
;; as in the JavaScript passes, which look at ASCII only.
;;
;; Built by generate-text-simd.ts (wabt) into text-simd.generated.ts; a test checks that the two agree.
(module
  (memory (export "memory") 1)
  (global $out (mut i32) (i32.const 0))

  ;; One code unit above 0xff to its byte (see above).
  (func $narrowWide (param $c i32) (result i32)
    (if (i32.eq (local.get $c) (i32.const 0x130)) (then (return (i32.const 0x81))))
    (if (i32.eq (local.get $c) (i32.const 0x17f)) (then (return (i32.const 0x82))))
    (if (i32.eq (local.get $c) (i32.const 0x212a)) (then (return (i32.const 0x83))))
    (i32.const 0x80))

  ;; Appends pos + the index of each set bit of `mask` at `at`; returns the new end.
  (func $positions (param $mask i32) (param $pos i32) (param $at i32) (result i32)
    (block $none
      (loop $each
        (br_if $none (i32.eqz (local.get $mask)))
        (i32.store (local.get $at) (i32.add (local.get $pos) (i32.ctz (local.get $mask))))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
        (br $each)))
    (local.get $at))

  ;; prepare(src, n, dst, runs, percents, backslashes, codePoints, counts, wide) -> number of runs
  ;; wide 1: src holds UTF-16 code units, narrowed into dst; wide 0: the text is ASCII bytes already, at dst
  ;; (src = dst, 16 bytes readable past them), read as they are.
  ;; src: n UTF-16 code units (32 bytes readable past them); dst: n bytes (16 writable past them);
  ;; runs: (start, end) pairs of i32; the positions of every %, every \ and every U followed by + (i32 lists,
  ;; n + 16 entries of room each); counts[0..2] <- how many of each.
  (func (export "prepare") (param $src i32) (param $n i32) (param $dst i32) (param $runs i32) (param $percents i32) (param $backslashes i32) (param $codePoints i32) (param $counts i32) (param $wide i32) (result i32)
    (local $pos i32) (local $a v128) (local $b v128) (local $v v128) (local $i i32)
    (local $m i32) (local $pm i32) (local $bm i32) (local $um i32) (local $left i32) (local $keep i32)
    (local $run i32) (local $runStart i32) (local $lead i32) (local $r i32) (local $pe i32) (local $be i32) (local $ue i32)
    (local $likelyVec v128) (local $likely i32) (local $hex i32) (local $t i32)
    ;; Of the run going on (from runStart): whether it holds a likely byte, its leading hex digits so far, and
    ;; whether all of it so far is hex digits.
    (local $runLikely i32) (local $hexCount i32) (local $hexOpen i32)
    (local.set $r (local.get $runs))
    ;; As after a block that ended with no run: the next run starts at the text's start.
    (local.set $hexOpen (i32.const 1))
    (local.set $pe (local.get $percents))
    (local.set $be (local.get $backslashes))
    (local.set $ue (local.get $codePoints))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $pos) (local.get $n)))
        (if (local.get $wide)
          (then
          (local.set $a (v128.load (i32.add (local.get $src) (i32.shl (local.get $pos) (i32.const 1)))))
          (local.set $b (v128.load offset=16 (i32.add (local.get $src) (i32.shl (local.get $pos) (i32.const 1)))))
          (if (v128.any_true (v128.and (v128.or (local.get $a) (local.get $b)) (v128.const i16x8 0xff00 0xff00 0xff00 0xff00 0xff00 0xff00 0xff00 0xff00)))
            (then
              ;; A code unit above 0xff (rare even in non-Latin text's source files): one at a time.
              (local.set $i (i32.const 0))
              (loop $unit
                (local.set $m (i32.load16_u (i32.add (local.get $src) (i32.shl (i32.add (local.get $pos) (local.get $i)) (i32.const 1)))))
                (i32.store8 (i32.add (local.get $dst) (i32.add (local.get $pos) (local.get $i)))
                  (select (local.get $m)
                    (select (i32.const 0x80) (call $narrowWide (local.get $m)) (i32.lt_u (local.get $m) (i32.const 0x100)))
                    (i32.lt_u (local.get $m) (i32.const 0x80))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br_if $unit (i32.lt_u (local.get $i) (i32.const 16))))
              (local.set $v (v128.load (i32.add (local.get $dst) (local.get $pos)))))
            (else
              (local.set $v (i8x16.narrow_i16x8_u
                (i16x8.min_u (local.get $a) (v128.const i16x8 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80))
                (i16x8.min_u (local.get $b) (v128.const i16x8 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80))))
              (v128.store (i32.add (local.get $dst) (local.get $pos)) (local.get $v)))))
          (else (local.set $v (v128.load (i32.add (local.get $dst) (local.get $pos))))))
        ;; Likely base64 bytes (what decodeBase64 needs one of): / and digits (0x2f-0x39), +, -, _
        (local.set $likelyVec
          (v128.or
            (i8x16.lt_u (i8x16.sub (local.get $v) (i8x16.splat (i32.const 0x2f))) (i8x16.splat (i32.const 11)))
            (v128.or
              (v128.or
                (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x2b)))
                (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x2d))))
              (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x5f))))))
        (local.set $likely (i8x16.bitmask (local.get $likelyVec)))
        ;; base64 characters: those and the letters (OR 0x20 folds case)
        (local.set $m (i8x16.bitmask
          (v128.or (local.get $likelyVec)
            (i8x16.lt_u (i8x16.sub (v128.or (local.get $v) (i8x16.splat (i32.const 0x20))) (i8x16.splat (i32.const 0x61))) (i8x16.splat (i32.const 26))))))
        ;; hex digits
        (local.set $hex (i8x16.bitmask
          (v128.or
            (i8x16.lt_u (i8x16.sub (local.get $v) (i8x16.splat (i32.const 0x30))) (i8x16.splat (i32.const 10)))
            (i8x16.lt_u (i8x16.sub (v128.or (local.get $v) (i8x16.splat (i32.const 0x20))) (i8x16.splat (i32.const 0x61))) (i8x16.splat (i32.const 6))))))
        ;; %, \, and U followed by + (the + of the block's last U is the next code unit in src)
        (local.set $pm (i8x16.bitmask (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x25)))))
        (local.set $bm (i8x16.bitmask (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x5c)))))
        (local.set $um (i8x16.bitmask (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x55)))))
        (if (local.get $um)
          (then
            (local.set $um (i32.and (local.get $um)
              (i32.or
                (i32.shr_u (i8x16.bitmask (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x2b)))) (i32.const 1))
                (select (i32.const 0x8000) (i32.const 0)
                  (i32.and
                    (i32.lt_u (i32.add (local.get $pos) (i32.const 16)) (local.get $n))
                    (i32.eq
                      (if (result i32) (local.get $wide)
                        (then (i32.load16_u offset=32 (i32.add (local.get $src) (i32.shl (local.get $pos) (i32.const 1)))))
                        (else (i32.load8_u offset=16 (i32.add (local.get $dst) (local.get $pos)))))
                      (i32.const 0x2b)))))))))
        ;; The last block: what lies past n is nothing.
        (local.set $left (i32.sub (local.get $n) (local.get $pos)))
        (if (i32.lt_u (local.get $left) (i32.const 16))
          (then
            (local.set $keep (i32.sub (i32.shl (i32.const 1) (local.get $left)) (i32.const 1)))
            (local.set $m (i32.and (local.get $m) (local.get $keep)))
            (local.set $pm (i32.and (local.get $pm) (local.get $keep)))
            (local.set $bm (i32.and (local.get $bm) (local.get $keep)))
            (local.set $um (i32.and (local.get $um) (local.get $keep)))))
        ;; Runs: only the run through the block's first bit can end here at 16 or more (one carried in), and only
        ;; the run through its last bit can go on into the next block.
        (if (i32.eq (local.get $m) (i32.const 0xffff))
          (then
            (local.set $run (i32.add (local.get $run) (i32.const 16)))
            (local.set $runLikely (i32.or (local.get $runLikely) (i32.ne (local.get $likely) (i32.const 0))))
            (if (local.get $hexOpen)
              (then
                (if (i32.eq (local.get $hex) (i32.const 0xffff))
                  (then (local.set $hexCount (i32.add (local.get $hexCount) (i32.const 16))))
                  (else
                    (local.set $hexCount (i32.add (local.get $hexCount) (i32.ctz (i32.xor (local.get $hex) (i32.const -1)))))
                    (local.set $hexOpen (i32.const 0)))))))
          (else
            (local.set $lead (i32.ctz (i32.xor (local.get $m) (i32.const -1))))
            (if (i32.ge_u (i32.add (local.get $run) (local.get $lead)) (i32.const 16))
              (then
                ;; The run ends lead bytes into the block: its flags (RUN_HEX, RUN_LIKELY) with those bytes.
                (if (local.get $hexOpen)
                  (then (local.set $hexCount (i32.add (local.get $hexCount)
                    (select (local.get $lead) (i32.ctz (i32.xor (local.get $hex) (i32.const -1)))
                      (i32.lt_u (local.get $lead) (i32.ctz (i32.xor (local.get $hex) (i32.const -1)))))))))
                (i32.store (local.get $r) (local.get $runStart))
                (i32.store offset=4 (local.get $r) (i32.add (local.get $pos) (local.get $lead)))
                (i32.store offset=8 (local.get $r)
                  (i32.or (i32.ge_u (local.get $hexCount) (i32.const 32))
                    (i32.shl
                      (i32.or (local.get $runLikely)
                        (i32.ne (i32.and (local.get $likely) (i32.sub (i32.shl (i32.const 1) (local.get $lead)) (i32.const 1))) (i32.const 0)))
                      (i32.const 1))))
                (local.set $r (i32.add (local.get $r) (i32.const 12)))))
            ;; A new run from the block's last non-base64 byte to its end (t bytes, maybe none).
            (local.set $t (i32.clz (i32.shl (i32.xor (local.get $m) (i32.const -1)) (i32.const 16))))
            (local.set $run (local.get $t))
            (local.set $runStart (i32.sub (i32.add (local.get $pos) (i32.const 16)) (local.get $t)))
            (local.set $runLikely (i32.ne (i32.shr_u (local.get $likely) (i32.sub (i32.const 16) (local.get $t))) (i32.const 0)))
            ;; hex digits leading the new run: the trailing ones of the hex mask's top t bits (at most t)
            (local.set $hexCount (i32.ctz (i32.xor (i32.shr_u (local.get $hex) (i32.sub (i32.const 16) (local.get $t))) (i32.const -1))))
            (local.set $hexOpen (i32.eq (local.get $hexCount) (local.get $t)))))
        ;; Most blocks hold none of them: no calls then.
        (if (i32.or (i32.or (local.get $pm) (local.get $bm)) (local.get $um))
          (then
            (local.set $pe (call $positions (local.get $pm) (local.get $pos) (local.get $pe)))
            (local.set $be (call $positions (local.get $bm) (local.get $pos) (local.get $be)))
            (local.set $ue (call $positions (local.get $um) (local.get $pos) (local.get $ue)))))
        (local.set $pos (i32.add (local.get $pos) (i32.const 16)))
        (br $block)))
    ;; A run that reaches the end of the text (n a multiple of 16).
    (if (i32.ge_u (local.get $run) (i32.const 16))
      (then
        (i32.store (local.get $r) (local.get $runStart))
        (i32.store offset=4 (local.get $r) (local.get $n))
        (i32.store offset=8 (local.get $r)
          (i32.or (i32.ge_u (local.get $hexCount) (i32.const 32)) (i32.shl (local.get $runLikely) (i32.const 1))))
        (local.set $r (i32.add (local.get $r) (i32.const 12)))))
    (i32.store (local.get $counts) (i32.shr_u (i32.sub (local.get $pe) (local.get $percents)) (i32.const 2)))
    (i32.store offset=4 (local.get $counts) (i32.shr_u (i32.sub (local.get $be) (local.get $backslashes)) (i32.const 2)))
    (i32.store offset=8 (local.get $counts) (i32.shr_u (i32.sub (local.get $ue) (local.get $codePoints)) (i32.const 2)))
    (i32.div_u (i32.sub (local.get $r) (local.get $runs)) (i32.const 12)))

  ;; The automaton over text[from, to) from state row `row`; with `record`, each accepting state is written at
  ;; $out as (position, row). Rows are byte offsets into the table at `rows`; sym maps a byte to its column (x4).
  (func $run (param $text i32) (param $from i32) (param $to i32) (param $row i32) (param $sym i32) (param $rows i32) (param $accept i32) (param $record i32) (result i32)
    (local $p i32) (local $o i32)
    (local.set $p (local.get $from))
    (local.set $o (global.get $out))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $to)))
        (local.set $row (i32.load (i32.add (i32.add (local.get $rows) (local.get $row))
          (i32.load (i32.add (local.get $sym) (i32.shl (i32.load8_u (i32.add (local.get $text) (local.get $p))) (i32.const 2)))))))
        (if (i32.and (local.get $record) (i32.ge_u (local.get $row) (local.get $accept)))
          (then
            (i32.store (local.get $o) (local.get $p))
            (i32.store offset=4 (local.get $o) (local.get $row))
            (local.set $o (i32.add (local.get $o) (i32.const 8)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $next)))
    (global.set $out (local.get $o))
    (local.get $row))

  ;; keywords(text, n, sym, rows, accept, warm, out, counts): the accepting states of the automaton over
  ;; text[0, n), as (position, row) pairs in four regions of (n >> 2) + 8 pairs each at `out` (one per
  ;; quarter, in text order); counts[0..3] <- the pairs in each. warm: the longest keyword's length.
  (func (export "keywords") (param $text i32) (param $n i32) (param $sym i32) (param $rows i32) (param $accept i32) (param $warm i32) (param $out i32) (param $counts i32)
    (local $len i32) (local $cap i32) (local $j i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $o0 i32) (local $o1 i32) (local $o2 i32) (local $o3 i32)
    (local.set $len (i32.shr_u (local.get $n) (i32.const 2)))
    (local.set $cap (i32.shl (i32.add (local.get $len) (i32.const 8)) (i32.const 3)))
    (local.set $o0 (local.get $out))
    (local.set $o1 (i32.add (local.get $o0) (local.get $cap)))
    (local.set $o2 (i32.add (local.get $o1) (local.get $cap)))
    (local.set $o3 (i32.add (local.get $o2) (local.get $cap)))
    (if (i32.lt_u (local.get $n) (i32.const 256))
      (then
        ;; Too short to be worth splitting.
        (global.set $out (local.get $o0))
        (drop (call $run (local.get $text) (i32.const 0) (local.get $n) (i32.const 0) (local.get $sym) (local.get $rows) (local.get $accept) (i32.const 1)))
        (i32.store (local.get $counts) (i32.shr_u (i32.sub (global.get $out) (local.get $o0)) (i32.const 3)))
        (i64.store offset=4 (local.get $counts) (i64.const 0))
        (i32.store offset=12 (local.get $counts) (i32.const 0))
        (return)))
    (local.set $p1 (local.get $len))
    (local.set $p2 (i32.shl (local.get $len) (i32.const 1)))
    (local.set $p3 (i32.mul (local.get $len) (i32.const 3)))
    (local.set $r1 (call $run (local.get $text) (i32.sub (local.get $p1) (select (local.get $warm) (local.get $p1) (i32.lt_u (local.get $warm) (local.get $p1)))) (local.get $p1) (i32.const 0) (local.get $sym) (local.get $rows) (local.get $accept) (i32.const 0)))
    (local.set $r2 (call $run (local.get $text) (i32.sub (local.get $p2) (select (local.get $warm) (local.get $p2) (i32.lt_u (local.get $warm) (local.get $p2)))) (local.get $p2) (i32.const 0) (local.get $sym) (local.get $rows) (local.get $accept) (i32.const 0)))
    (local.set $r3 (call $run (local.get $text) (i32.sub (local.get $p3) (select (local.get $warm) (local.get $p3) (i32.lt_u (local.get $warm) (local.get $p3)))) (local.get $p3) (i32.const 0) (local.get $sym) (local.get $rows) (local.get $accept) (i32.const 0)))
    (local.set $p0 (local.get $text))
    (local.set $p1 (i32.add (local.get $text) (local.get $p1)))
    (local.set $p2 (i32.add (local.get $text) (local.get $p2)))
    (local.set $p3 (i32.add (local.get $text) (local.get $p3)))
    (local.set $j (local.get $len))
    (loop $step
      (local.set $r0 (i32.load (i32.add (i32.add (local.get $rows) (local.get $r0)) (i32.load (i32.add (local.get $sym) (i32.shl (i32.load8_u (local.get $p0)) (i32.const 2)))))))
      (local.set $r1 (i32.load (i32.add (i32.add (local.get $rows) (local.get $r1)) (i32.load (i32.add (local.get $sym) (i32.shl (i32.load8_u (local.get $p1)) (i32.const 2)))))))
      (local.set $r2 (i32.load (i32.add (i32.add (local.get $rows) (local.get $r2)) (i32.load (i32.add (local.get $sym) (i32.shl (i32.load8_u (local.get $p2)) (i32.const 2)))))))
      (local.set $r3 (i32.load (i32.add (i32.add (local.get $rows) (local.get $r3)) (i32.load (i32.add (local.get $sym) (i32.shl (i32.load8_u (local.get $p3)) (i32.const 2)))))))
      (if (i32.ge_u (local.get $r0) (local.get $accept)) (then
        (i32.store (local.get $o0) (i32.sub (local.get $p0) (local.get $text)))
        (i32.store offset=4 (local.get $o0) (local.get $r0))
        (local.set $o0 (i32.add (local.get $o0) (i32.const 8)))))
      (if (i32.ge_u (local.get $r1) (local.get $accept)) (then
        (i32.store (local.get $o1) (i32.sub (local.get $p1) (local.get $text)))
        (i32.store offset=4 (local.get $o1) (local.get $r1))
        (local.set $o1 (i32.add (local.get $o1) (i32.const 8)))))
      (if (i32.ge_u (local.get $r2) (local.get $accept)) (then
        (i32.store (local.get $o2) (i32.sub (local.get $p2) (local.get $text)))
        (i32.store offset=4 (local.get $o2) (local.get $r2))
        (local.set $o2 (i32.add (local.get $o2) (i32.const 8)))))
      (if (i32.ge_u (local.get $r3) (local.get $accept)) (then
        (i32.store (local.get $o3) (i32.sub (local.get $p3) (local.get $text)))
        (i32.store offset=4 (local.get $o3) (local.get $r3))
        (local.set $o3 (i32.add (local.get $o3) (i32.const 8)))))
      (local.set $p0 (i32.add (local.get $p0) (i32.const 1)))
      (local.set $p1 (i32.add (local.get $p1) (i32.const 1)))
      (local.set $p2 (i32.add (local.get $p2) (i32.const 1)))
      (local.set $p3 (i32.add (local.get $p3) (i32.const 1)))
      (local.set $j (i32.sub (local.get $j) (i32.const 1)))
      (br_if $step (local.get $j)))
    ;; The last quarter's remainder (n - 4 * len < 4 characters).
    (global.set $out (local.get $o3))
    (drop (call $run (local.get $text) (i32.sub (local.get $p3) (local.get $text)) (local.get $n) (local.get $r3) (local.get $sym) (local.get $rows) (local.get $accept) (i32.const 1)))
    (local.set $o3 (global.get $out))
    (i32.store (local.get $counts) (i32.shr_u (i32.sub (local.get $o0) (local.get $out)) (i32.const 3)))
    (i32.store offset=4 (local.get $counts) (i32.shr_u (i32.sub (local.get $o1) (i32.add (local.get $out) (local.get $cap))) (i32.const 3)))
    (i32.store offset=8 (local.get $counts) (i32.shr_u (i32.sub (local.get $o2) (i32.add (local.get $out) (i32.shl (local.get $cap) (i32.const 1)))) (i32.const 3)))
    (i32.store offset=12 (local.get $counts) (i32.shr_u (i32.sub (local.get $o3) (i32.add (local.get $out) (i32.mul (local.get $cap) (i32.const 3)))) (i32.const 3))))
)
