import { keyNameProblem, keyPathProblems } from '../../../lib/kubelet/key-path.util.js';

describe('keyNameProblem', () => {
  it.each(['a', '.env', 'config.json', 'A-b_c.9', 'a..b', 'x.'])('accepts %j', (name) => {
    expect(keyNameProblem(name)).toBeUndefined();
  });

  it('accepts 253 bytes', () => {
    expect(keyNameProblem('k'.repeat(253))).toBeUndefined();
  });

  it.each([
    ['', 'must not be empty'],
    ['.', 'must not contain a "." component'],
    ['..', 'must not contain a ".." component'],
    ['..data', '"..data" must not start with ".." (kubelet reserves those names)'],
    ['a b', '"a b" must consist of letters, digits, "-", "_" or "." ([-._a-zA-Z0-9]+)'],
    ['é', '"é" must consist of letters, digits, "-", "_" or "." ([-._a-zA-Z0-9]+)'],
  ])('refuses %j', (name, problem) => {
    expect(keyNameProblem(name)).toBe(problem);
  });

  it('refuses 254 bytes', () => {
    expect(keyNameProblem('k'.repeat(254))).toBe(
      '"kkkkkkkkkkkkkkkkkkkk"... must be at most 253 bytes',
    );
  });
});

describe('keyPathProblems', () => {
  it('accepts nested paths', () => {
    expect(keyPathProblems('conf/app/settings.json')).toEqual([]);
  });

  it('lists every problem of a path', () => {
    expect(keyPathProblems('/x//..y/../z')).toEqual([
      'must be a relative path (no leading "/")',
      'must not contain an empty component (leading, trailing or doubled "/")',
      '"..y" must not start with ".." (kubelet reserves those names)',
      'must not contain a ".." component',
    ]);
  });

  it('refuses paths over 4096 bytes', () => {
    expect(keyPathProblems(Array(1366).fill('abc').join('/'))).toEqual([
      'must be at most 4096 bytes',
    ]);
  });
});
