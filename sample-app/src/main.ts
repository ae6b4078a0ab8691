import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createServer } from 'node:http';
import { defaultFlagSet, DflagError, loadFlags } from 'nestjs-dflag';
import type { DflagOptions } from 'nestjs-dflag';
import { AppModule } from './app.module.js';
import { flags } from './flags.js';
import { InternalListener } from './internal-listener.js';
import { applyVolume, DEFAULT_LOCAL_DIR, EXAMPLE_CONFIGMAP } from './local-volume.js';
import { LISTING_PATH, LIVENESS_PATH, METRICS_PATH, READINESS_PATH } from './sample.constants.js';

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

// In a pod --config-dir is the mounted volume; locally the sample lays sample-app/k8s out itself.
const given = flags['config-dir'].get();
const dir = given || flags['local-dir'].get() || DEFAULT_LOCAL_DIR;
if (!given) {
  try {
    await applyVolume(dir);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}

// One options object for loadFlags() and DflagModule: the module binds what was loaded.
const dflag: DflagOptions = { path: dir, logLevel: true, startOnInvalid: 'unready' };
try {
  await loadFlags(dflag);
} catch (error) {
  if (!(error instanceof DflagError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

const internal = new InternalListener();
const app = await NestFactory.create(
  AppModule.forRoot({ dflag, internal, created: given ? undefined : dir }),
);
app.enableShutdownHooks();
await app.listen(flags.port.get(), flags.host.get());
const internalUrl = await listenInternal(app, internal).catch(async (error: Error) => {
  process.stderr.write(`${error.message}\n`);
  await app.close();
  process.exit(1);
});
const url = (await app.getUrl()).replace('[::1]', 'localhost');

/** listenInternal serves the same application on the internal port (README "Listing endpoint"). */
async function listenInternal(app: INestApplication, holder: InternalListener): Promise<string> {
  const server = createServer(app.getHttpAdapter().getInstance());
  const [port, host] = [flags['internal-port'].get(), flags.host.get()];
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `--internal-port: cannot listen on ${host}:${port}: ${error.code ?? error.message}`,
        ),
      ),
    );
    server.listen(port, host, resolve);
  });
  holder.server = server; // closed at shutdown by InternalListenerCloser
  return `http://${host.includes(':') ? `[${host}]` : host}:${String(holder.port)}`;
}

process.stdout.write(
  [
    `sample app listening on ${url} (public)`,
    `internal listener on ${internalUrl} (listing and metrics only; never expose it)`,
    `flags from the ConfigMap directory ${dir}`,
    `  GET ${url}/              example_my_dynamic_string, under example_my_dynamic_json's policy and rate`,
    `  GET ${url}/openfeature   example_my_dynamic_int through the OpenFeature provider`,
    `  GET ${url}${LIVENESS_PATH} ${url}${READINESS_PATH} ${url}/health   probes and the full check`,
    `  GET ${internalUrl}${LISTING_PATH}   every flag (sensitive values redacted), HTML in a browser`,
    `  GET ${internalUrl}${METRICS_PATH}       Prometheus metrics`,
    given
      ? `change flags live: npx dflag apply -f <configmap.yaml> --dir ${dir}`
      : `change flags live: edit ${EXAMPLE_CONFIGMAP}, then npm run sample:apply` +
        (dir === DEFAULT_LOCAL_DIR ? '' : ` -- --dir=${dir}`),
    '',
  ].join('\n'),
);
