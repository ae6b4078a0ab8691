import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openDescriptors, trackResources } from '../utils/resource-tracker.js';

/** ResourceSample is what a run holds at one quiet moment. */
export interface ResourceSample {
  /** Open file descriptors (`/proc/self/fd`, libuv's inotify descriptor excepted). */
  readonly fds: number;
  /** Live `fs.watch` and `fs.watchFile` handles created since the probe started. */
  readonly watchers: number;
  /** Live timers created since the probe started. */
  readonly timers: number;
  /** Listeners the run's target holds (watcher, event bus, process). */
  readonly listeners: number;
  /** Heap used after a full garbage collection, in MiB. */
  readonly heapMiB: number;
}

let collect: (() => void) | undefined;

/** fullGc runs a full garbage collection, with or without `node --expose-gc`. */
function fullGc(): void {
  if (!collect) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) collect = exposed;
    else {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    }
  }
  collect();
  collect();
}

/**
 * ResourceProbe samples descriptors, watchers, timers, listeners and heap,
 * so that a run can tell whether they stay flat over thousands of versions.
 */
export class ResourceProbe {
  private readonly tracker = trackResources();

  constructor(private readonly listeners: () => number) {}

  /** sample takes one reading (with a full GC first when `heap`). */
  async sample(heap = false): Promise<ResourceSample> {
    if (heap) fullGc();
    const live = this.tracker.live();
    return {
      fds: (await openDescriptors()).length,
      watchers: live.filter((t) => t === 'FSEVENTWRAP' || t === 'STATWATCHER').length,
      timers: live.filter((t) => t === 'Timeout').length,
      listeners: this.listeners(),
      heapMiB: heap ? process.memoryUsage().heapUsed / 1024 / 1024 : Number.NaN,
    };
  }

  /** where tells where each live watcher and timer was created. */
  where(): string[] {
    return this.tracker.where();
  }

  stop(): void {
    this.tracker.stop();
  }
}

/** listenerTotal counts the listeners of some emitters, over every event name. */
export function listenerTotal(
  ...emitters: Array<{
    eventNames(): Array<string | symbol>;
    listenerCount(e: string | symbol): number;
  }>
): number {
  let total = 0;
  for (const emitter of emitters) {
    for (const name of emitter.eventNames()) total += emitter.listenerCount(name);
  }
  return total;
}
