import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DflagEvent, OnFlagChange } from '../../../lib/index.js';
import type { FlagChangedEvent, FlagReloadedEvent } from '../../../lib/index.js';

/** EventRecorder keeps every dflag event it hears, through both subscription styles. */
@Injectable()
export class EventRecorder {
  readonly changed: FlagChangedEvent[] = [];
  readonly reloaded: FlagReloadedEvent[] = [];
  readonly rateLimitChanges: FlagChangedEvent<number>[] = [];

  @OnEvent(DflagEvent.FlagChanged)
  onChanged(event: FlagChangedEvent): void {
    this.changed.push(event);
  }

  @OnEvent(DflagEvent.FlagReloaded)
  onReloaded(event: FlagReloadedEvent): void {
    this.reloaded.push(event);
  }

  @OnFlagChange('rate_limit')
  onRateLimit(event: FlagChangedEvent<number>): void {
    this.rateLimitChanges.push(event);
  }
}
