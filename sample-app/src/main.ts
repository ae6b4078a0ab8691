import { defaultFlagSet, DflagError } from 'nestjs-dflag';
import { flags } from './flags.js';

// A small demo of the flag model until the Nest sample app lands: parse the
// command line "as normal" (Go's order: flags first), then show the values.
try {
  const { help } = defaultFlagSet.parseCommandLine(process.argv.slice(2));
  if (help) {
    process.stdout.write(`Usage: npm start -- [flags]\n\n${defaultFlagSet.usage()}`);
    process.exit(0);
  }
} catch (error) {
  if (!(error instanceof DflagError)) throw error;
  process.stderr.write(`${error.message}\n\n${defaultFlagSet.usage()}`);
  process.exit(2);
}

process.stdout.write(defaultFlagSet.usage('Declared flags:'));
process.stdout.write('\nCurrent values:\n');
for (const f of defaultFlagSet) {
  process.stdout.write(`  ${f.name.padEnd(16)} ${f.format().padEnd(32)} (${f.source})\n`);
}
process.stdout.write(
  `\nchecksums: dynamic ${defaultFlagSet.checksum('dynamic')}, static ${defaultFlagSet.checksum('static')}\n`,
);
process.stdout.write(`port as a number: ${flags.port.get() + 0}\n`);
