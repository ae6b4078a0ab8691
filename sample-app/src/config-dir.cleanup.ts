import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { rmSync } from 'node:fs';

/** The directory the sample laid out from sample-app/k8s, if it did (not a `--config-dir`). */
export const CREATED_CONFIG_DIR = 'SAMPLE:CREATED_CONFIG_DIR';

/** ConfigDirCleanup removes the directory the sample laid out, once the app has stopped. */
@Injectable()
export class ConfigDirCleanup implements OnApplicationShutdown {
  constructor(@Inject(CREATED_CONFIG_DIR) private readonly created: string | undefined) {}

  onApplicationShutdown(): void {
    if (this.created) rmSync(this.created, { recursive: true, force: true });
  }
}
