import { defineFlags, flag, FlagSet } from '../../lib/index.js';
import type { SeededRandom } from './seeded-random.js';

/** A valid text for a flag and the value the model expects from it. */
export interface ValidValue {
  readonly raw: string | Uint8Array;
  readonly value: unknown;
}

/** FlagModel is what the torture knows of one flag, independently of the library's parsers. */
export interface FlagModel {
  readonly name: string;
  readonly dynamic: boolean;
  readonly defaultValue: unknown;
  /** A text the flag accepts, and its value. */
  valid(rng: SeededRandom): ValidValue;
  /** A text the flag refuses (a parse error or a validator's refusal); undefined: every text is valid. */
  invalid?(rng: SeededRandom): string;
}

/** Files usually end with a newline, and editors add spaces: text values are trimmed. */
const padded = (rng: SeededRandom, text: string): string =>
  rng.chance(0.3) ? `${rng.chance(0.5) ? ' ' : ''}${text}\n` : text;

const randomCase = (rng: SeededRandom, text: string): string =>
  [...text].map((c) => (rng.chance(0.5) ? c.toUpperCase() : c)).join('');

const DEFAULT_POLICY = Object.freeze({ allow: true, rate: 50 });

/** The flags of the torture, one per kind, with validators, a sensitive one and a static one. */
export const TORTURE_FLAGS: readonly FlagModel[] = [
  {
    name: 'label',
    dynamic: true,
    defaultValue: 'none',
    valid: (rng) => {
      const value = `${rng.word(1, 6)}-${rng.word(1, 6)}`;
      return { raw: padded(rng, value), value };
    },
  },
  {
    name: 'rate',
    dynamic: true,
    defaultValue: 10,
    valid: (rng) => {
      const value = rng.int(0, 100_000);
      const raw = rng.chance(0.2) ? `0x${value.toString(16)}` : String(value);
      return { raw: padded(rng, raw), value };
    },
    invalid: (rng) => rng.pick(['fast', `-${rng.int(1, 99)}`, '1.5', '', '12abc']),
  },
  {
    name: 'ratio',
    dynamic: true,
    defaultValue: 0.5,
    valid: (rng) => {
      const value = rng.int(0, 1000) / 1000;
      return { raw: padded(rng, String(value)), value };
    },
    invalid: (rng) => rng.pick(['half', '1.5', '-0.25', '0.5.1']),
  },
  {
    name: 'enabled',
    dynamic: true,
    defaultValue: false,
    valid: (rng) => {
      const value = rng.chance(0.5);
      const words = value ? ['true', '1', 't', 'yes', 'on'] : ['false', '0', 'f', 'no', 'off'];
      return { raw: padded(rng, randomCase(rng, rng.pick(words))), value };
    },
    invalid: (rng) => rng.pick(['maybe', '2', 'truthy', 'nope']),
  },
  {
    name: 'timeout',
    dynamic: true,
    defaultValue: 2000,
    valid: (rng) => {
      const seconds = rng.int(0, 600);
      const ms = rng.int(0, 999);
      const forms: Array<[string, number]> = [
        [`${seconds}s`, seconds * 1000],
        [`${ms}ms`, ms],
        [`${seconds}s${ms}ms`, seconds * 1000 + ms],
        [`${seconds}m`, seconds * 60_000],
      ];
      const [raw, value] = rng.pick(forms);
      return { raw: padded(rng, raw), value };
    },
    invalid: (rng) => rng.pick(['5x', 'ms', 'soon', '1.2.3s']),
  },
  {
    name: 'tags',
    dynamic: true,
    defaultValue: [],
    valid: (rng) => {
      const value = Array.from({ length: rng.int(0, 4) }, () => rng.word(1, 5));
      return { raw: padded(rng, value.join(rng.pick([',', ', ', ' ,']))), value };
    },
    invalid: (rng) => Array.from({ length: rng.int(5, 7) }, () => rng.word(1, 5)).join(','),
  },
  {
    name: 'policy',
    dynamic: true,
    defaultValue: DEFAULT_POLICY,
    valid: (rng) => {
      const value = { allow: rng.chance(0.5), rate: rng.int(0, 100) };
      return { raw: padded(rng, JSON.stringify(value)), value };
    },
    invalid: (rng) =>
      rng.pick([
        '{"allow": true, "rate": ',
        '{"allow": "yes", "rate": 1}',
        '{"allow": true, "rate": 1000}',
        '{"__proto__": {"polluted": true}, "allow": true, "rate": 1}',
        '[1, 2, 3]',
      ]),
  },
  {
    name: 'blob',
    dynamic: true,
    defaultValue: new Uint8Array(),
    valid: (rng) => {
      const value = rng.bytes(rng.int(0, 24));
      return { raw: value, value };
    },
  },
  {
    name: 'secret',
    dynamic: true,
    defaultValue: 'sk_default',
    valid: (rng) => {
      const value = `sk_${rng.word(8, 16)}`;
      return { raw: padded(rng, value), value };
    },
    invalid: (rng) => `pk_${rng.word(8, 16)}`,
  },
  {
    name: 'port',
    dynamic: false,
    defaultValue: 8080,
    valid: (rng) => {
      const value = rng.int(1024, 65535);
      return { raw: padded(rng, String(value)), value };
    },
    invalid: (rng) => rng.pick(['http', '80.5', '0x']),
  },
];

const policyShape = (p: unknown): true | string => {
  const value = p as { allow?: unknown; rate?: unknown } | null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  if (typeof value.allow !== 'boolean') return 'allow must be a boolean';
  if (!Number.isInteger(value.rate) || (value.rate as number) < 0 || (value.rate as number) > 100)
    return 'rate must be an integer from 0 to 100';
  return true;
};

/** declareTortureFlags declares {@link TORTURE_FLAGS} into a fresh set. */
export function declareTortureFlags(name = 'torture') {
  const flagSet = new FlagSet(name);
  const flags = defineFlags(
    {
      label: flag.string({ default: 'none', description: 'a marker', dynamic: true }),
      rate: flag.int({
        default: 10,
        description: 'an integer',
        dynamic: true,
        validate: (n) => n >= 0 || 'must not be negative',
      }),
      ratio: flag.float({
        default: 0.5,
        description: 'a fraction',
        dynamic: true,
        validate: (x) => (x >= 0 && x <= 1) || 'must be from 0 to 1',
      }),
      enabled: flag.bool({ default: false, description: 'a switch', dynamic: true }),
      timeout: flag.duration({ default: 2000, description: 'a duration', dynamic: true }),
      tags: flag.list({
        default: [],
        description: 'a list',
        dynamic: true,
        validate: (l) => l.length <= 4 || 'at most 4 tags',
      }),
      policy: flag.json({
        default: DEFAULT_POLICY,
        description: 'a JSON document',
        dynamic: true,
        validate: policyShape,
      }),
      blob: flag.bytes({ default: new Uint8Array(), description: 'bytes', dynamic: true }),
      secret: flag.string({
        default: 'sk_default',
        description: 'a secret',
        dynamic: true,
        sensitive: true,
        validate: (s) => s.startsWith('sk_') || 'must start with sk_',
      }),
      port: flag.int({ default: 8080, description: 'a static flag' }),
    },
    flagSet,
  );
  return { flagSet, flags };
}
