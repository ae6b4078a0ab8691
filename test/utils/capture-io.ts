/** CapturedIo is a CLI `io` that records what the command wrote. */
export interface CapturedIo {
  /** CapturedIo.stdout records normal output. */
  stdout(text: string): void;
  /** CapturedIo.stderr records error output. */
  stderr(text: string): void;
  /** CapturedIo.cwd is the directory relative paths resolve against. */
  cwd: string;
  /** CapturedIo.out is everything written to stdout so far. */
  readonly out: string;
  /** CapturedIo.err is everything written to stderr so far. */
  readonly err: string;
}

/** captureIo returns an `io` for `runCli` that keeps its output in memory. */
export function captureIo(cwd: string = process.cwd()): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    cwd,
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}
