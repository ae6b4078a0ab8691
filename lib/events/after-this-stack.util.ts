const settled = Promise.resolve();

/**
 * afterThisStack runs `task` once the current stack has ended, as `queueMicrotask` does, for
 * less: a `then` on a settled promise, where `queueMicrotask` also builds an `AsyncResource` (a
 * cost that shows between kubelet's `rename` and a `flag.changed` listener). `task` must not
 * throw: its callers catch what they call.
 */
export function afterThisStack(task: () => void): void {
  void settled.then(task);
}
