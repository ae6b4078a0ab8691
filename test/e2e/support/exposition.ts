/** One sample of Prometheus' text exposition format. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Exposition is a parsed scrape: its samples, and each metric's `# TYPE` and `# HELP`. */
export interface Exposition {
  readonly samples: readonly Sample[];
  readonly types: ReadonlyMap<string, string>;
  readonly help: ReadonlyMap<string, string>;
  /** Every sample of `name` whose labels include `labels`. */
  all(name: string, labels?: Readonly<Record<string, string>>): Sample[];
  /** The value of the one sample of `name` with exactly these labels, or undefined. */
  value(name: string, labels: Readonly<Record<string, string>>): number | undefined;
}

const UNESCAPE: Readonly<Record<string, string>> = { '\\': '\\', '"': '"', n: '\n' };

/** parseLabels reads `{a="x",b="y\"z"}` from `text` at `start` (just after `{`); returns the labels and the index after `}`. */
function parseLabels(text: string, start: number): [Record<string, string>, number] {
  const labels: Record<string, string> = {};
  let i = start;
  for (;;) {
    while (text[i] === ' ' || text[i] === ',') i++;
    if (text[i] === '}') return [labels, i + 1];
    const eq = text.indexOf('=', i);
    if (eq < 0 || text[eq + 1] !== '"') throw new Error(`bad labels in: ${text}`);
    const key = text.slice(i, eq).trim();
    let value = '';
    i = eq + 2;
    while (text[i] !== '"') {
      if (i >= text.length) throw new Error(`unterminated label value in: ${text}`);
      if (text[i] === '\\') {
        value += UNESCAPE[text[i + 1] as string] ?? `\\${text[i + 1]}`;
        i += 2;
      } else value += text[i++];
    }
    labels[key] = value;
    i++;
  }
}

const sameLabels = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(b).every(([k, v]) => a[k] === v);

/** parseExposition parses Prometheus' text format (version 0.0.4), as prom-client writes it. */
export function parseExposition(text: string): Exposition {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  const help = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const meta = /^# (TYPE|HELP) (\S+) (.*)$/.exec(line);
    if (meta) {
      (meta[1] === 'TYPE' ? types : help).set(meta[2] as string, meta[3] as string);
      continue;
    }
    if (line.startsWith('#')) continue;
    const brace = line.indexOf('{');
    const space = line.indexOf(' ');
    let name: string;
    let labels: Record<string, string> = {};
    let rest: string;
    if (brace >= 0 && brace < space) {
      name = line.slice(0, brace);
      const [parsed, end] = parseLabels(line, brace + 1);
      labels = parsed;
      rest = line.slice(end).trim();
    } else {
      name = line.slice(0, space);
      rest = line.slice(space + 1).trim();
    }
    const value = Number((rest.split(' ')[0] as string).replace('+Inf', 'Infinity'));
    samples.push({ name, labels, value });
  }
  return {
    samples,
    types,
    help,
    all: (name, labels = {}) =>
      samples.filter(
        (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
      ),
    value: (name, labels) =>
      samples.find((s) => s.name === name && sameLabels(s.labels, labels))?.value,
  };
}
