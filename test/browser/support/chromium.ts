import { accessSync, constants } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/**
 * The environment variable `.ci/run` sets: in CI the browser tests must run, so a Chromium that
 * cannot start fails them instead of skipping them.
 */
export const REQUIRE_BROWSER_VARIABLE = 'DFLAG_REQUIRE_BROWSER';

/** Where Debian (and most distributions) put the system Chromium; `CHROMIUM_PATH` comes first. */
const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

/** A started system Chromium, or why none could start. */
export type ChromiumLaunch =
  | { readonly browser: Browser; readonly executable: string }
  | { readonly browser: undefined; readonly reason: string };

const executableOf = (path: string | undefined): path is string => {
  if (!path) return false;
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * launchSystemChromium starts the system Chromium through playwright-core (which downloads no
 * browser): headless, with `--no-sandbox` when running as root (Chromium refuses its sandbox
 * then). When none can start it fails if {@link REQUIRE_BROWSER_VARIABLE} is set, and otherwise
 * says so loudly on stderr and returns the reason, for the caller to skip its tests.
 */
export async function launchSystemChromium(): Promise<ChromiumLaunch> {
  const executable = CANDIDATES.find(executableOf);
  let reason: string;
  if (executable) {
    try {
      const browser = await chromium.launch({
        executablePath: executable,
        headless: true,
        args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
      });
      return { browser, executable };
    } catch (error) {
      reason = `${executable} did not start: ${(error as Error).message.split('\n')[0]}`;
    }
  } else {
    reason = `no Chromium found (looked at ${CANDIDATES.filter(Boolean).join(', ')}; set CHROMIUM_PATH, or apt-get install chromium)`;
  }
  if (process.env[REQUIRE_BROWSER_VARIABLE])
    throw new Error(
      `browser tests are required (${REQUIRE_BROWSER_VARIABLE} is set) but ${reason}`,
    );
  process.stderr.write(
    `\n${'!'.repeat(72)}\n!! BROWSER TESTS SKIPPED: ${reason}\n!! (they run in CI, where .ci/run installs Debian's chromium)\n${'!'.repeat(72)}\n\n`,
  );
  return { browser: undefined, reason };
}
