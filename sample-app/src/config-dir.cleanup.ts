import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** The directory the sample created for its embedded configuration, if it did. */
export const CREATED_CONFIG_DIR = 'SAMPLE:CREATED_CONFIG_DIR';

/** ConfigDirCleanup removes the directory the sample created, once the app has stopped. */
@Injectable()
export class ConfigDirCleanup implements OnApplicationShutdown {
  constructor(@Inject(CREATED_CONFIG_DIR) private readonly created: string | undefined) {}

  onApplicationShutdown(): void {
    if (this.created) rmSync(dirname(this.created), { recursive: true, force: true });
  }
}
