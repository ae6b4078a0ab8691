import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transpileWriter } from './transpile-writer.util.js';
import type { PlannedVersion } from './version-generator.js';

type ChildMessage =
  | 'ready'
  | { swapping: number; name: string }
  | { wrote: number; changed: boolean }
  | { failed: number; message: string };

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'kubelet-child.mjs');

/**
 * KubeletProcess writes versions from a separate process with the project's
 * own writer: while the application's event loop is busy, kubelet goes on
 * swapping, so versions pile up and some are never seen — as in a pod.
 */
export class KubeletProcess {
  private readonly waiting = new Map<
    number,
    { resolve: (changed: boolean) => void; reject: (e: Error) => void }
  >();

  private constructor(
    private readonly child: ChildProcess,
    private readonly onSwap: (index: number, name: string) => void,
  ) {
    child.on('message', (message: ChildMessage) => this.receive(message));
    child.on('exit', (code) => {
      for (const { reject } of this.waiting.values())
        reject(new Error(`the kubelet process exited (${code})`));
      this.waiting.clear();
    });
  }

  /**
   * start transpiles the writer into `workDir` and starts the process that
   * writes into `dir`; `onSwap` hears each swap before it happens.
   */
  static async start(
    workDir: string,
    dir: string,
    onSwap: (index: number, name: string) => void,
  ): Promise<KubeletProcess> {
    const writer = await transpileWriter(workDir);
    // Structured clone, so that byte values cross as Uint8Array.
    const child = fork(CHILD, [writer, dir], { serialization: 'advanced', stdio: 'inherit' });
    const [first] = (await once(child, 'message')) as [ChildMessage];
    if (first !== 'ready') throw new Error(`the kubelet process said ${JSON.stringify(first)}`);
    return new KubeletProcess(child, onSwap);
  }

  /** write queues a version; resolves once it is written, with whether `..data` was swapped. */
  write(version: PlannedVersion): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.set(version.index, { resolve, reject });
      this.child.send({ index: version.index, payload: version.payload, fsGroup: version.fsGroup });
    });
  }

  /** stop ends the process once its queue is done. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || !this.child.connected) return;
    const exited = once(this.child, 'exit');
    this.child.send('exit');
    await exited;
  }

  private receive(message: ChildMessage): void {
    if (message === 'ready') return;
    if ('swapping' in message) this.onSwap(message.swapping, message.name);
    else if ('wrote' in message) {
      this.waiting.get(message.wrote)?.resolve(message.changed);
      this.waiting.delete(message.wrote);
    } else {
      this.waiting.get(message.failed)?.reject(new Error(message.message));
      this.waiting.delete(message.failed);
    }
  }
}
