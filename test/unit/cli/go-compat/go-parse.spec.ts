import { goParseBool } from '../../../../lib/cli/go-compat/go-parse-bool.util.js';
import { goParseDuration } from '../../../../lib/cli/go-compat/go-parse-duration.util.js';
import { goParseFloat } from '../../../../lib/cli/go-compat/go-parse-float.util.js';
import { goParseInt } from '../../../../lib/cli/go-compat/go-parse-int.util.js';
import type { GoReading } from '../../../../lib/cli/go-compat/go-reading.interface.js';
import { goReadJson } from '../../../../lib/cli/go-compat/go-json-reading.util.js';
import { goSplitComma } from '../../../../lib/cli/go-compat/go-split-comma.util.js';
import { goTrimSpace } from '../../../../lib/cli/go-compat/go-trim-space.util.js';

// The Go original's readings, as its source states them (fortio/dflag v1.9.3: dyngeneric.go's
// parse, strconv, time.ParseDuration, strings.TrimSpace, CommaStringToSlice, encoding/json).
// `null` in a table: Go refuses the text.
const value = <T>(reading: GoReading<T>): T | null => (reading.ok ? reading.value : null);

describe("Go's strconv.ParseBool", () => {
  it.each([
    ['1', true],
    ['t', true],
    ['T', true],
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['0', false],
    ['f', false],
    ['F', false],
    ['false', false],
    ['False', false],
    ['FALSE', false],
    ['yes', null],
    ['no', null],
    ['on', null],
    ['off', null],
    ['Yes', null],
    ['tRUE', null],
    ['fAlSe', null],
    ['', null],
    [' true', null], // ParseBool itself does not trim: dflag's input mutator does
  ])('%j → %j', (text, expected) => {
    expect(value(goParseBool(text))).toBe(expected);
  });
});

describe("Go's strconv.ParseInt(s, 0, 64)", () => {
  it.each([
    ['42', 42n],
    ['-7', -7n],
    ['+7', 7n],
    ['0', 0n],
    ['00', 0n],
    ['010', 8n], // a leading 0 is octal
    ['-010', -8n],
    ['+010', 8n],
    ['0777', 511n],
    ['08', null], // not an octal digit
    ['09', null],
    ['0x2a', 42n],
    ['0X2A', 42n],
    ['-0x10', -16n],
    ['0o52', 42n],
    ['0O52', 42n],
    ['0b101010', 42n],
    ['0B11', 3n],
    ['0x', null],
    ['0o', null],
    ['0b', null],
    ['0b2', null],
    ['0o8', null],
    ['1_000', 1000n],
    ['1_000_000', 1_000_000n],
    ['0x_2a', 42n], // after a base prefix
    ['0_10', 8n], // still octal
    ['_1', null],
    ['1_', null],
    ['1__0', null],
    ['-_1', null],
    ['9223372036854775807', 9223372036854775807n],
    ['-9223372036854775808', -9223372036854775808n],
    ['9223372036854775808', null],
    ['9007199254740993', 9007199254740993n], // beyond JavaScript's safe integers
    ['1.5', null],
    ['1e3', null],
    ['', null],
    ['+', null],
    ['-', null],
    ['+-1', null],
    [' 42', null], // ParseInt does not trim (dflag trims first)
    ['42\n', null],
  ])('%j → %s', (text, expected) => {
    expect(value(goParseInt(text))).toBe(expected);
  });

  it('says why a reading differs from a decimal one', () => {
    expect(goParseInt('010')).toMatchObject({ ok: true, why: expect.stringContaining('octal') });
    expect(goParseInt('09')).toMatchObject({ ok: false, why: expect.stringContaining('octal') });
    expect(goParseInt('1_000')).toMatchObject({ why: expect.stringContaining('_ between digits') });
    expect(goParseInt('42')).toEqual({ ok: true, value: 42n });
  });
});

describe("Go's strconv.ParseFloat(s, 64)", () => {
  it.each([
    ['0.5', 0.5],
    ['-3', -3],
    ['+3', 3],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1e-3', 0.001],
    ['010.5', 10.5], // decimal, not octal
    ['inf', Infinity],
    ['+Inf', Infinity],
    ['-inf', -Infinity],
    ['Infinity', Infinity],
    ['-INFINITY', -Infinity],
    ['nan', Number.NaN],
    ['NaN', Number.NaN],
    ['-nan', null], // no sign on NaN
    ['+nan', null],
    ['infin', null],
    ['0x1p-2', 0.25], // hexadecimal float
    ['0x1.8p1', 3],
    ['-0X10P0', -16],
    ['0x10', null], // a hex float needs its p exponent
    ['0xp1', null],
    ['1_000.5', 1000.5],
    ['1_000', 1000],
    ['1_.5', null],
    ['_1', null],
    ['1e400', null], // beyond float64: out of range, not Infinity
    ['-1e400', null],
    ['1e-400', 0], // underflow is zero
    ['1e', null],
    ['.', null],
    ['', null],
    ['0x1p-2 ', null],
    // Checked against Go 1.19's strconv.ParseFloat: a mantissa beyond 2^1024 and an exponent
    // that brings it back; ties; the ends of the range.
    [`0x1${'0'.repeat(300)}p-1200`, 1],
    [`0x1${'0'.repeat(300)}p-1201`, 0.5],
    ['0x1ffffffffffffe8p-3', 1.801439850948198e16], // a tie rounds to even: down
    // The same tie with a 1 far below (beyond 64 bits): above the half, up.
    [`0x1ffffffffffffe8${'0'.repeat(20)}1p-87`, 1.8014398509481982e16],
    ['0x1p-1074', 5e-324],
    ['0x1p-1080', 0],
    ['0x1p1023', 2 ** 1023],
    ['0x1p1024', null],
    ['0x0p99999999999999999999', 0],
  ])('%j → %j', (text, expected) => {
    const read = value(goParseFloat(text));
    if (expected === null) expect(read).toBeNull();
    else expect(read).toBe(expected);
  });
});

describe("Go's strconv.ParseFloat: a hex float's exponent of any size", () => {
  it('is read at once (10^20 made the scaling loop endless)', () => {
    // Returns at all: the old loop never ended on these.
    expect(value(goParseFloat('0x1p99999999999999999999'))).toBeNull();
    expect(value(goParseFloat('-0x1p99999999999999999999'))).toBeNull();
    expect(value(goParseFloat('0x1p-99999999999999999999'))).toBe(0);
    expect(value(goParseFloat('0x1p-9999999999'))).toBe(0);
  });
});

describe("Go's durations: time.ParseDuration, and dflag v1.9+ with d and w", () => {
  const ns = (text: string, days = true) => value(goParseDuration(text, { days }));
  const S = 1_000_000_000n;

  it.each([
    ['1h2m', 3_720n * S],
    ['1h30m', 5_400n * S],
    ['250ms', 250_000_000n],
    ['1.5s', 1_500_000_000n],
    ['-1.5s', -1_500_000_000n],
    ['+2s', 2n * S],
    ['.5s', 500_000_000n],
    ['5.s', 5n * S],
    ['1us', 1_000n],
    ['1µs', 1_000n],
    ['1μs', 1_000n],
    ['3ns', 3n],
    ['1.5ns', 1n], // whole nanoseconds: the fraction is dropped
    // Go reads a fraction's first digits (as many as an int64 holds) and multiplies in float64
    // (checked against Go 1.19's time.ParseDuration).
    ['0.9999999999999999999999s', 1_000_000_000n],
    ['0.999999999999999999s', 1_000_000_000n], // 18 digits: 999…9 as a float64 is 1e18
    ['1.0000000000000000000001h', 3_600n * S],
    ['0.1234567891234567891234s', 123_456_789n],
    ['0', 0n], // 0 alone needs no unit
    ['-0', 0n],
    ['0s', 0n],
    ['5', null], // a bare number needs a unit
    ['1.5', null],
    ['', null],
    ['s', null],
    ['.s', null],
    ['1h 30m', null], // no spaces between parts
    ['1H', null],
    ['1hour', null],
    ['2562047h47m16.854775807s', 9223372036854775807n], // the int64 limit
    ['2562048h', null],
  ])('%j → %s ns', (text, expected) => {
    expect(ns(text)).toBe(expected);
    if (!/[dw]/.test(text)) expect(ns(text, false)).toBe(expected);
  });

  it.each([
    ['1d', 86_400n * S],
    ['1d3h', 97_200n * S],
    ['2w', 1_209_600n * S],
    ['1.5d', 129_600n * S],
  ])('%j: dflag v1.9+ reads %s ns, time.ParseDuration refuses it', (text, expected) => {
    expect(ns(text, true)).toBe(expected);
    const stdlib = goParseDuration(text, { days: false });
    expect(stdlib).toMatchObject({ ok: false, why: expect.stringContaining('no d or w') });
  });
});

describe("Go's strings.TrimSpace", () => {
  it.each([
    ['  42\n', '42'],
    ['\t\r\n\v\f x \n', 'x'],
    ['\u00a0x\u3000', 'x'],
    ['\u0085x\u0085', 'x'], // NEL: Go trims it, JavaScript's trim() does not
    ['\ufeffx', '\ufeffx'], // a byte-order mark: JavaScript's trim() removes it, Go keeps it
    ['a b', 'a b'],
  ])('%j → %j', (text, expected) => {
    expect(goTrimSpace(text)).toBe(expected);
  });

  it('differs from JavaScript only in U+0085 and U+FEFF', () => {
    expect('\u0085x'.trim()).toBe('\u0085x');
    expect('\ufeffx'.trim()).toBe('x');
  });
});

describe("dflag's CommaStringToSlice", () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['a, b', ['a', ' b']],
    ['a,,b', ['a', '', 'b']],
    ['a,', ['a', '']],
    ['', ['']],
  ])('%j → %j', (text, expected) => {
    expect(goSplitComma(text)).toEqual(expected);
  });
});

describe("dflag's JSON flags (encoding/json into a struct or slice)", () => {
  it.each([
    ['{"rate": 50}', 'same'],
    ['[1, 2]', 'same'],
    ['{"__proto__": 1}', 'same'], // an ordinary key to Go
    ['null', 'zero'],
    ['{"a": "\\ud800"}', 'replaced'],
    ['{"a": "\\ud83d\\ude00"}', 'same'], // a proper pair
    ['{"id": 9007199254740993}', 'exact'],
    ['{"id": 18446744073709551615}', 'exact'], // a uint64 holds it
    ['{"id": -9223372036854775807}', 'exact'], // an int64 holds it
    ['{"id": 18446744073709551616}', 'beyond-int64'], // an integer field refuses it
    ['{"id": 123456789012345678901234567890}', 'beyond-int64'],
    ['{"id": -9223372036854775809}', 'beyond-int64'],
    ['{"id": 9007199254740992}', 'same'],
    ['{"id": "9007199254740993"}', 'same'], // inside a string
    ['{"x": 1.5e300}', 'same'],
    ['42', null], // no struct or slice takes a number
    ['"text"', null],
    ['true', null],
    ['{"a": 1,}', null],
    ['', null],
    ['\ufeff{}', null], // Go keeps a byte-order mark, which is no JSON
  ])('%j → %j', (text, expected) => {
    expect(value(goReadJson(text))).toBe(expected);
  });

  it("reads documents nested deeper than nestjs-dflag's 1000 levels, up to its own 10000", () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    expect(value(goReadJson(nested(1001)))).toBe('same');
    expect(value(goReadJson(nested(10_000)))).toBe('same');
    expect(value(goReadJson(nested(10_001)))).toBeNull();
  });
});
