import { timestampedDirName } from '../../../lib/kubelet/timestamped-dir-name.util.js';

describe('timestampedDirName', () => {
  it('formats the UTC time with zero padding, then the suffix', () => {
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(timestampedDirName(at, '42')).toBe('..2026_01_02_03_04_05.42');
  });

  it('adds a random suffix of 1 to 10 decimal digits within 32 bits', () => {
    for (let i = 0; i < 200; i++) {
      const suffix = timestampedDirName().split('.').pop()!;
      expect(suffix).toMatch(/^\d{1,10}$/);
      expect(Number(suffix)).toBeLessThan(2 ** 32);
    }
  });
});
