// npm run sample:apply [-- [--dir=DIR] [--secret=FILE] [CONFIGMAP]]: what kubelet does when the
// ConfigMap changes, on the directory `npm start` runs on.
import { parseArgs } from 'node:util';
import {
  applyVolume,
  DEFAULT_LOCAL_DIR,
  EXAMPLE_CONFIGMAP,
  EXAMPLE_SECRET,
} from './local-volume.js';

const usage = `Usage: npm run sample:apply -- [--dir=DIR] [--secret=FILE] [CONFIGMAP]

Writes CONFIGMAP (default ${EXAMPLE_CONFIGMAP}) and the Secret (default ${EXAMPLE_SECRET})
into DIR (default ${DEFAULT_LOCAL_DIR}, where npm start lays out its volume) as one new version,
the way kubelet updates a projected volume. The running sample picks the change up at once.
`;

try {
  const { values, positionals } = parseArgs({
    options: {
      dir: { type: 'string', default: DEFAULT_LOCAL_DIR },
      secret: { type: 'string', default: EXAMPLE_SECRET },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  if (positionals.length > 1) throw new Error(`one ConfigMap file, not ${positionals.length}`);
  process.stdout.write(
    await applyVolume(values.dir, positionals[0] ?? EXAMPLE_CONFIGMAP, values.secret),
  );
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
  process.exit(error instanceof TypeError ? 2 : 1);
}
