import { findGoDifference } from '../../../../lib/cli/go-compat/find-go-difference.util.js';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const find = (kind: string, text: string | Uint8Array, dynamic = true, accepts = true) =>
  findGoDifference({
    kind,
    dynamic,
    raw: typeof text === 'string' ? bytes(text) : text,
    accepts: () => accepts,
  });

// The README's table of differences ("nestjs-dflag and Go's dflag"), row by row: what each side
// reads, and what --go-compat says. `ours`/`go` absent: that side refuses the text.
describe('findGoDifference: where nestjs-dflag and the Go original read a value otherwise', () => {
  it.each([
    // kind, text, dynamic, expected difference
    ['int', '010', true, { kind: 'reads-differently', ours: '10', go: '8' }],
    ['int', '-010', true, { kind: 'reads-differently', ours: '-10', go: '-8' }],
    ['int', '09', true, { kind: 'go-refuses', ours: '9', reason: 'not an octal integer' }],
    ['int', '1_000', true, { kind: 'go-accepts', go: '1000' }],
    ['int', '0x_2a', true, { kind: 'go-accepts', go: '42' }],
    ['int', '9007199254740993', true, { kind: 'go-accepts', go: '9007199254740993' }],
    ['bool', 'yes', true, { kind: 'go-refuses', ours: 'true', reason: 'not a boolean' }],
    ['bool', 'off', true, { kind: 'go-refuses', ours: 'false' }],
    ['bool', 'tRuE', true, { kind: 'go-refuses', ours: 'true' }],
    ['float', '0x1p-2', true, { kind: 'go-accepts', go: '0.25' }],
    ['float', '1_000.5', true, { kind: 'go-accepts', go: '1000.5' }],
    ['float', '1e400', true, { kind: 'go-refuses', ours: 'Infinity' }],
    ['duration', '1.5ns', true, { kind: 'reads-differently', ours: '0.0000015 ms', go: '1 ns' }],
    ['duration', '300000w', true, { kind: 'go-refuses', ours: '181440000000000 ms' }],
    ['duration', '1d', false, { kind: 'go-refuses', ours: '86400000 ms' }],
    ['string', '\ufeffhi', true, { kind: 'reads-differently', ours: '"hi"', go: '"\\ufeffhi"' }],
    ['string', 'hi\u0085', true, { kind: 'reads-differently', ours: '"hi\\u0085"', go: '"hi"' }],
    ['string', 'hi\n', false, { kind: 'reads-differently', ours: '"hi"', go: '"hi\\n"' }],
    ['int', '42\n', false, { kind: 'go-refuses', ours: '42' }],
    ['bool', 'true\n', false, { kind: 'go-refuses', ours: 'true' }],
    ['list', 'a, b', true, { kind: 'reads-differently', ours: '["a","b"]', go: '["a"," b"]' }],
    ['list', 'a,,b,', true, { kind: 'reads-differently', go: '["a","","b",""]' }],
    ['list', '', true, { kind: 'reads-differently', ours: '[]', go: '[""]' }],
    ['set', 'b, a', true, { kind: 'reads-differently', ours: '["a","b"]', go: '[" a","b"]' }],
    [
      'json',
      'null',
      true,
      { kind: 'reads-differently', ours: 'null', go: 'the zero value of its Go type' },
    ],
    ['json', '42', true, { kind: 'go-refuses', ours: '42' }],
    ['json', '{"__proto__": {}}', true, { kind: 'go-accepts', go: 'it' }],
    ['json', '[{"prototype": 1}]', true, { kind: 'go-accepts', go: 'it' }],
    ['json', `${'['.repeat(1001)}${']'.repeat(1001)}`, true, { kind: 'go-accepts', go: 'it' }],
    ['json', '{"a": "\\udc00"}', true, { kind: 'reads-differently' }],
    [
      'json',
      '{"id": 12345678901234567890}',
      true,
      { kind: 'reads-differently', go: 'each integer exactly' },
    ],
  ])('%s %j (dynamic: %s)', (kind, text, dynamic, expected) => {
    expect(find(kind, text, dynamic)).toMatchObject({ older: false, ...expected });
  });

  it('says which Go rule makes the difference', () => {
    expect(find('int', '010')?.why).toBe('in Go a leading 0 makes the number octal');
    expect(find('int', '010')?.reader).toBe("Go's dflag");
    expect(find('int', '42\n', false)?.reader).toBe("Go's flag package");
    expect(find('int', '42\n', false)?.why).toContain('does not trim');
    expect(find('bool', 'yes')?.why).toContain('not yes/no or on/off');
    expect(find('string', '\ufeffhi')?.why).toContain('byte-order mark');
    expect(find('duration', '1d', false)?.why).toContain('no d or w');
    expect(find('list', 'a, b')?.why).toContain('without trimming items');
    expect(find('json', '{"constructor": "x"}')?.why).toContain('ordinary keys to Go');
    expect(find('json', `${'['.repeat(1001)}${']'.repeat(1001)}`)?.why).toContain('up to 10000');
    // Refused as a whole: that is the difference, though the document has more of Go's ways.
    for (const text of [
      '{"__proto__": {}, "n": 12345678901234567890}',
      '{"constructor": "\\udc00"}',
    ])
      expect(find('json', text)).toMatchObject({ kind: 'go-accepts', go: 'it' });
  });

  it.each([
    ['json', '{"__proto__": {}, "n": [1, 1e400]}'], // both refuse (Go: 1e400 is beyond a float64)
    ['int', '42'],
    ['int', '0x2a'],
    ['int', '0o52'],
    ['int', '0b101010'],
    ['int', '00'],
    ['int', ' 42\n'], // both trim a dynamic flag's value
    ['int', '0'],
    ['bool', 'true'],
    ['bool', 'T'],
    ['bool', '1'],
    ['bool', 'FALSE'],
    ['float', '1e3'],
    ['float', '-0.5'],
    ['duration', '1h2m'],
    ['duration', '1.5s'],
    ['duration', '0'],
    ['duration', '  250ms\n'],
    ['string', '  padded  '],
    ['list', 'a,b,c'],
    ['set', 'b,a,b'],
    ['json', '{"policy": "allow", "rate": 50}\n'],
    ['bytes', '  raw bytes\n'],
  ])('%s %j: read the same, nothing to say', (kind, text) => {
    expect(find(kind, text)).toBeUndefined();
  });

  it.each([
    ['int', '1.5'],
    ['int', 'ten'],
    ['bool', 'maybe'],
    ['duration', '5'], // a bare number: both want a unit
    ['duration', '1h 30m'],
    ['float', '0x10'],
    ['json', '{"a": 1,}'],
  ])('%s %j: both refuse it, nothing to say', (kind, text) => {
    expect(find(kind, text)).toBeUndefined();
  });

  it('a float flag that refuses non-finite numbers: Go still reads inf and nan', () => {
    expect(find('float', 'inf', true, false)).toMatchObject({
      kind: 'go-accepts',
      go: 'Infinity',
      why: expect.stringContaining('whatever the flag allows'),
    });
    expect(find('float', 'NaN', true, false)).toMatchObject({ kind: 'go-accepts', go: 'NaN' });
    // A flag with allowNonFinite reads them as Go does.
    expect(find('float', 'inf', true, true)).toBeUndefined();
  });

  it('a dynamic duration in days or weeks: the same in dflag v1.9+, a note for older versions', () => {
    expect(find('duration', '1d3h')).toMatchObject({
      kind: 'go-refuses',
      older: true,
      ours: '97200000 ms',
      reason: 'unknown unit "d"',
    });
    expect(find('duration', '1h')).toBeUndefined();
  });

  it('text that is not UTF-8: nestjs-dflag refuses it, Go takes the bytes of a string as they are', () => {
    const invalid = new Uint8Array([0x68, 0xff, 0x69]);
    expect(find('string', invalid)).toMatchObject({
      kind: 'go-accepts',
      go: 'the bytes as they are',
      why: expect.stringContaining('not UTF-8'),
    });
    expect(find('int', invalid)).toBeUndefined(); // Go refuses it too
  });

  it('JSON that is not UTF-8: Go reads each such byte as U+FFFD, not the bytes as they are', () => {
    const invalid = new Uint8Array([...Buffer.from('{"a":"'), 0xff, ...Buffer.from('"}')]);
    expect(find('json', invalid)).toMatchObject({
      kind: 'go-accepts',
      go: 'U+FFFD in place of each byte that is not UTF-8',
      why: expect.stringContaining('encoding/json reads each byte that is not UTF-8 as U+FFFD'),
    });
  });

  it('a static int with a trailing newline: refused by Go for the newline, not for octal digits', () => {
    for (const text of ['0\n', '0 ', '010\n']) {
      const found = find('int', text, false);
      expect(found).toMatchObject({ kind: 'go-refuses', reason: 'not an integer' });
      expect(found?.why).toContain('does not trim');
    }
    expect(find('int', '08', false)).toMatchObject({ reason: 'not an octal integer' });
  });

  it('a duration fraction of more than 18 digits reads the same: Go reads its first digits in float64', () => {
    expect(find('duration', '0.9999999999999999999999s')).toBeUndefined();
    expect(find('duration', '0.9999999999999999999999s', false)).toBeUndefined();
    expect(find('duration', '1.5ns')).toMatchObject({ kind: 'reads-differently', go: '1 ns' });
  });

  it('a JSON integer beyond int64 and uint64: an integer field refuses it', () => {
    expect(find('json', '{"id": 123456789012345678901234567890}')).toMatchObject({
      kind: 'reads-differently',
      go: 'an error for an integer field, the nearest float64 for a float field',
    });
  });

  it('long readings are shortened', () => {
    const long = `${'x'.repeat(200)},`;
    const found = find('list', long);
    expect(found?.ours?.length).toBeLessThanOrEqual(60);
    expect(found?.go).toMatch(/…$/);
  });
});
