import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { defaultFlagSet, DflagError, loadFlags } from 'nestjs-dflag';
import { AppModule } from './app.module.js';
import { EMBEDDED_MANIFEST, prepareConfigDir } from './config-dir.js';
import { flags } from './flags.js';

// Go's order: flags first (command line, then the ConfigMap), then the application.
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

const { dir, created } = await prepareConfigDir(flags['config-dir'].get());
try {
  await loadFlags(dir);
} catch (error) {
  if (!(error instanceof DflagError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

const app = await NestFactory.create(AppModule.forDirectory(dir, created));
app.enableShutdownHooks();
await app.listen(flags.port.get(), flags.host.get());
const url = (await app.getUrl()).replace('[::1]', 'localhost');

process.stdout.write(
  [
    `sample app listening on ${url}`,
    `flags from the ConfigMap directory ${dir}`,
    `  GET ${url}/         values read from the flags`,
    `  GET ${url}/flags    every flag (sensitive values redacted) and the ConfigMap's status`,
    `  GET ${url}/health   up, or degraded while a bad ConfigMap is refused`,
    `change flags live: edit ${EMBEDDED_MANIFEST}, then`,
    `  npx dflag apply -f ${EMBEDDED_MANIFEST} --dir ${dir}`,
    '',
  ].join('\n'),
);
