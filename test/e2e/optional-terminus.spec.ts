import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { assessHealth, assessLiveness, assessReadiness } from '../../lib/health/index.js';
import type { ConfigMapStatus } from '../../lib/index.js';

const lib = join(import.meta.dirname, '../../lib');
const SPECIFIER =
  /(?:^|\s)(?:import|export)\s(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** Every package that a file loads at run time, following relative imports (type-only ones are erased). */
function runtimePackages(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const specifier = (match[1] ?? match[2]) as string;
      if (specifier.startsWith('.'))
        visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return packages;
}

describe('@nestjs/terminus stays an optional peer', () => {
  it('nothing that lib/index.ts loads imports @nestjs/terminus', () => {
    const packages = runtimePackages(join(lib, 'index.ts'));
    expect(packages.has('@nestjs/common')).toBe(true);
    expect([...packages].filter((p) => p.startsWith('@nestjs/terminus'))).toEqual([]);
  });

  it('the health entry point does (the check would see it)', () => {
    expect(runtimePackages(join(lib, 'health/index.ts')).has('@nestjs/terminus')).toBe(true);
  });
});

describe('assessHealth', () => {
  const healthy: ConfigMapStatus = {
    path: '/etc/dflag',
    layout: 'kubelet',
    version: '..2026_11_25_10_00_00.1',
    latestVersion: '..2026_11_25_10_00_00.1',
    latestRefused: false,
    refusedFlags: [],
    generation: 3,
    lastReloadAt: new Date(),
    lastResult: 'applied',
    lastSuccessAt: new Date(),
    errors: [],
    warnings: ['Unknown key x'],
    unknownKeys: ['x'],
    pendingRestart: [],
    checksums: { dynamic: 'a', static: 'b' },
    watchMode: 'events',
    watcherError: undefined,
    directoryMissing: false,
    layoutProblem: undefined,
    startedOnFallbacks: false,
    ready: true,
    refusedAtStart: [],
    overriddenAtRuntime: [],
  };

  it('is up when the last version applied cleanly (warnings alone do not degrade)', () => {
    expect(assessHealth(healthy)).toEqual({ state: 'up', reasons: [] });
  });

  it('is degraded when the watcher fell back to periodic checks, naming the error', () => {
    expect(
      assessHealth({ ...healthy, watchMode: 'periodic', watcherError: 'ENOSPC: inotify limit' }),
    ).toEqual({
      state: 'degraded',
      reasons: [
        'the file watcher failed (ENOSPC: inotify limit); changes are picked up by periodic checks only',
      ],
    });
  });

  it('is degraded while a flag holds a runtime value, naming it', () => {
    expect(assessHealth({ ...healthy, overriddenAtRuntime: ['rate', 'mode'] })).toEqual({
      state: 'degraded',
      reasons: ['flag overridden at runtime: rate, mode (until each expires or is removed)'],
    });
  });

  it('lists every reason at once', () => {
    const { state, reasons } = assessHealth({
      ...healthy,
      lastResult: 'rejected',
      errors: ['e1', 'e2'],
      pendingRestart: ['port'],
      directoryMissing: true,
      watchMode: 'periodic',
    });
    expect(state).toBe('degraded');
    expect(reasons).toEqual([
      'the last ConfigMap version was rejected (2 errors); the last good values serve',
      'static flags changed in the ConfigMap take effect on restart: port',
      'the ConfigMap directory /etc/dflag is missing; flags keep the values last read from it, or their fallbacks if it was never there',
    ]);
  });

  it('liveness fails only when nothing watches, whatever the content; readiness only on a start-up refusal', () => {
    const refused = {
      ...healthy,
      lastResult: 'rejected' as const,
      errors: ['Flag "rate": refused'],
      latestRefused: true,
    };
    expect(assessLiveness(refused)).toEqual({ up: true, reason: undefined });
    expect(assessReadiness(refused)).toEqual({ up: true, reason: undefined });
    expect(assessLiveness({ ...healthy, watchMode: 'stopped' })).toEqual({
      up: false,
      reason:
        'the ConfigMap at /etc/dflag is not watched (the engine stopped while the application runs): values no longer follow it',
    });
    expect(assessReadiness({ ...healthy, ready: false, refusedAtStart: ['rate'] })).toEqual({
      up: false,
      reason:
        "not ready: started on fallbacks for refused values (startOnInvalid: 'unready') of rate; ready once a ConfigMap version gives them valid values",
    });
  });
});
