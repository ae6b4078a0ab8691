import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

type Message = Record<string, unknown>;

const CHILD = fileURLToPath(new URL('./subject.child.js', import.meta.url));

/** Subject drives one `subject.child.js` process: its messages, and requests answered by one. */
export class Subject {
  private readonly inbox: Message[] = [];
  private wake: (() => void) | undefined;
  private exited = false;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (message: Message) => {
      this.inbox.push(message);
      this.wake?.();
    });
    child.on('exit', () => {
      this.exited = true;
      this.wake?.();
    });
  }

  /**
   * spawn starts a subject and resolves once it watches (with its start-up time, in ms); `child`
   * is another build's `subject.child.js` (see `COMPARE_WITH` in `propagation.bench.ts`).
   */
  static async spawn(
    mode: string,
    dir: string,
    keys: number,
    watchKey: string,
    extra: string[] = [],
    child: string = CHILD,
  ): Promise<{ subject: Subject; startupMs: number }> {
    const forked = fork(child, [mode, dir, String(keys), watchKey, ...extra], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // e.g. SUBJECT_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the subjects
      execArgv: (process.env.SUBJECT_ARGS ?? '').split(' ').filter(Boolean),
    });
    const subject = new Subject(mode, forked);
    const ready = await subject.take((m) => m.ready === true);
    return { subject, startupMs: ready.startupMs as number };
  }

  /** take waits for the first message that matches, and removes it. */
  async take(match: (m: Message) => boolean, timeoutMs = 30_000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.inbox.findIndex(match);
      if (index >= 0) return this.inbox.splice(index, 1)[0] as Message;
      if (this.exited) throw new Error(`${this.name} exited`);
      if (Date.now() > deadline) throw new Error(`${this.name}: no answer in ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** seen waits until the subject reported `value` for each kind; returns each report's time (ns). */
  async seen(kinds: readonly string[], value: string): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const kind of kinds) {
      const m = await this.take((x) => x.seen === kind && x.value === value, 10_000);
      out[kind] = m.at as number;
    }
    return out;
  }

  /** request sends a command and waits for the answer holding `key`. */
  async request(cmd: Message, key: string): Promise<Message> {
    this.child.send(cmd);
    return this.take((m) => key in m, 120_000);
  }

  /** drop forgets every report received so far (values seen late, of earlier swaps). */
  drop(): void {
    this.inbox.length = 0;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ cmd: 'stop' });
    const timer = setTimeout(() => this.child.kill(), 5000);
    await gone;
    clearTimeout(timer);
  }
}

/** nowNs is the monotonic clock the subjects report with. */
export const nowNs = (): number => Number(process.hrtime.bigint());

/** pause waits a little between swaps, so that each swap starts on a settled subject. */
export const pause = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
