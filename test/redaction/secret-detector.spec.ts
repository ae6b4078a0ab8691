import { secretsIn } from './support/secret-values.js';

describe('the redaction audit finds a secret wherever it stands alone', () => {
  it('in quotes, after a colon, at the end of a sentence, as a JSON number or string', () => {
    expect(secretsIn('refused "hunter2": no')).toEqual(['hunter2']);
    expect(secretsIn('pin: 73.')).toEqual(['73']);
    expect(secretsIn('{"current":4821}')).toEqual(['4821']);
    expect(secretsIn('a token here')).toEqual(['token']);
    expect(secretsIn('X9q is a live key')).toEqual(['X9q']);
  });

  it('not inside a flag name, a longer number or a decimal fraction', () => {
    expect(secretsIn('flag api_token changed')).toEqual([]);
    expect(secretsIn('generation 1733, took 0.73 ms, port 48210')).toEqual([]);
  });
});
