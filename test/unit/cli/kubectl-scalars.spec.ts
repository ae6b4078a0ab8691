import { parseConfigMapManifest } from '../../../lib/configmap/manifest/parse-manifest.js';
import { ManifestError } from '../../../lib/configmap/manifest/manifest.error.js';

/**
 * How kubectl reads each plain scalar, as sigs.k8s.io/yaml v1.4.0 (go-yaml v2, what kubectl
 * parses manifests with) turned `data:\n  rate: <scalar>` into JSON, run on 2026-12-03: a number
 * or a boolean is refused by the API server as a ConfigMap value, text is accepted.
 */
const KUBECTL_READS: Readonly<Record<string, 'number' | 'boolean' | 'text'>> = {
  '0o52': 'number',
  '052': 'number',
  '0x2A': 'number',
  '0X2A': 'number',
  '0b101': 'number',
  '0B101': 'number',
  '1_000': 'number',
  '1__0': 'number',
  '12_30': 'number',
  '08': 'number',
  '00': 'number',
  '-0': 'number',
  '+5': 'number',
  '1e3': 'number',
  '1E3': 'number',
  '1.': 'number',
  '.5': 'number',
  '-.5': 'number',
  '0.5_1': 'number',
  '+.inf': 'number',
  '.nan': 'number',
  '99999999999999999999': 'number',
  '18446744073709551615': 'number',
  '-9223372036854775809': 'number',
  y: 'boolean',
  Y: 'boolean',
  n: 'boolean',
  yes: 'boolean',
  On: 'boolean',
  '12:30': 'text',
  '1:30:00': 'text',
  '2001-12-14': 'text',
  '2001-12-14T21:59:43.10-05:00': 'text',
  '-.nan': 'text',
  '1e400': 'text',
  '0x': 'text',
  '0o': 'text',
  '0o8': 'text',
  '0xFFFFFFFFFFFFFFFFF': 'text',
  '1.5e': 'text',
  '.e5': 'text',
  _5: 'text',
};

const configMap = (body: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n${body}`;

/** What the manifest reader makes of `rate: <scalar>`: the text, or the type it refused. */
function readAs(scalar: string): 'number' | 'boolean' | 'text' {
  try {
    const { data } = parseConfigMapManifest(configMap(`  rate: ${scalar}\n`));
    expect(data['rate']).toBe(scalar);
    return 'text';
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    const [problem] = (error as ManifestError).problems;
    const type = /has an? (number|boolean) value/.exec(problem ?? '')?.[1];
    if (type === undefined) throw error;
    return type as 'number' | 'boolean';
  }
}

describe('plain scalars, read as kubectl reads them', () => {
  it('refuses what kubectl reads as a number or a boolean, accepts what it reads as text', () => {
    const read = Object.fromEntries(Object.keys(KUBECTL_READS).map((s) => [s, readAs(s)]));
    expect(read).toEqual(KUBECTL_READS);
  });

  it('names a key as kubectl does: 0o17 is 15, 0x10 is 16, on is true, a date is itself', () => {
    const { data } = parseConfigMapManifest(
      configMap('  0o17: "a"\n  0x10: "b"\n  on: "c"\n  2001-12-14: "d"\n  1e3: "e"\n'),
    );
    expect(Object.keys(data).sort()).toEqual(['1000', '15', '16', '2001-12-14', 'true']);
  });
});
