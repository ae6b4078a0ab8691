import { openSync, readSync } from 'node:fs';

/** The main thread's scheduler statistics (Linux), read again at each call (`pread`). */
const schedstat = ((): number | undefined => {
  try {
    return openSync('/proc/thread-self/schedstat', 'r');
  } catch {
    return undefined;
  }
})();
const schedBuf = Buffer.alloc(96);

/**
 * waitedNow is the time (ns) the main thread has spent runnable but waiting for a CPU (the second
 * field of `/proc/thread-self/schedstat`, exact: it is counted when the thread gets the CPU):
 * what a turn lasted beyond the code's own work because the machine ran something else. 0 where
 * the file does not exist.
 */
export const waitedNow = (): number => {
  if (schedstat === undefined) return 0;
  const n = readSync(schedstat, schedBuf, 0, schedBuf.length, 0);
  const text = schedBuf.toString('latin1', 0, n);
  const from = text.indexOf(' ') + 1;
  return Number(text.slice(from, text.indexOf(' ', from)));
};
