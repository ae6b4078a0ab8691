import type { FSWatcher } from 'chokidar';
import { ConfigMapEngine } from '../../lib/configmap/configmap-engine.js';
import { watchMountDirectory } from '../../lib/configmap/volume-watcher.js';
import { listenerTotal } from './resource-probe.js';
import type { TortureTarget, TortureTargetFactory } from './torture-target.interface.js';

/**
 * engineTarget drives a bare ConfigMapEngine on the real chokidar watcher
 * (the seam only keeps a reference, to count its listeners). Readers sample
 * inside `onReload` (the state must be exactly the report's) and inside
 * every flag's `onChange` (the state of the report about to come).
 */
export const engineTarget: TortureTargetFactory = (context) => engineTargetWith({})(context);

/**
 * slicedEngineTarget is {@link engineTarget} pausing between every two keys it reads or parses:
 * every read spans event-loop turns while the kubelet process goes on writing.
 */
export const slicedEngineTarget: TortureTargetFactory = (context) =>
  engineTargetWith({ sliceMs: 0 })(context);

const engineTargetWith =
  (seams: { sliceMs?: number }): TortureTargetFactory =>
  (context): TortureTarget => {
    const { checker } = context;
    const watchers: FSWatcher[] = [];
    const engine = new ConfigMapEngine(
      {
        path: context.dir,
        flagSet: context.flagSet,
        onInvalid: context.policy,
        resyncInterval: context.resyncInterval,
        logger: context.logger,
      },
      {
        ...seams,
        watch: (dir, polling) => {
          const watcher = watchMountDirectory(dir, polling);
          watchers.push(watcher);
          return watcher;
        },
      },
    );
    engine.onReload((report) => {
      checker.counts.listenerSamples += 1;
      checker.onReport(report, checker.liveKey());
    });
    return {
      start: async () => {
        await engine.initialize();
        // After the initial load, whose changes (defaults to the ConfigMap's values) are no reload's.
        for (const flag of context.flagSet) {
          flag.onChange((change) => {
            // Its fields by name: a sensitive flag's values are getters, which a spread leaves out.
            const { name, previous, current, sensitive } = change;
            checker.heardChange({ name, previous, current, sensitive, onBus: false });
            checker.sample('onChange listener', checker.latestGeneration + 1);
          });
        }
        await engine.start();
      },
      stop: () => engine.stop(),
      status: () => engine.status(),
      listeners: () => listenerTotal(process, ...watchers.filter((w) => !w.closed)),
    };
  };
