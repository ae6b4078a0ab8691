/** ProcessFaults records what reached the process: uncaught exceptions, unhandled rejections, warnings. */
export interface ProcessFaults {
  readonly uncaught: unknown[];
  readonly unhandled: unknown[];
  readonly warnings: string[];
  /** Stops recording. */
  stop(): void;
}

/**
 * recordProcessFaults listens for what would crash or litter a real
 * process: a listener fault must reach none of these (warnings only where
 * the library says it emits one).
 */
export function recordProcessFaults(): ProcessFaults {
  const uncaught: unknown[] = [];
  const unhandled: unknown[] = [];
  const warnings: string[] = [];
  const onUncaught = (error: unknown): void => void uncaught.push(error);
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  const onWarning = (warning: Error): void => void warnings.push(warning.message);
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUnhandled);
  process.on('warning', onWarning);
  return {
    uncaught,
    unhandled,
    warnings,
    stop: () => {
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onUnhandled);
      process.off('warning', onWarning);
    },
  };
}

const blocker = new Int32Array(new SharedArrayBuffer(4));

/** blockFor blocks the event loop for `ms` milliseconds, as a listener doing heavy synchronous work does. */
export function blockFor(ms: number): void {
  Atomics.wait(blocker, 0, 0, ms);
}
