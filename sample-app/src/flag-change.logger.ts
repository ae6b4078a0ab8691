import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DflagEvent, OnFlagChange } from 'nestjs-dflag';
import type { FlagChangedEvent, FlagReloadedEvent } from 'nestjs-dflag';
import type { Policy } from './flags.js';

/** FlagChangeLogger logs every change and every reload (sensitive values arrive redacted). */
@Injectable()
export class FlagChangeLogger {
  private readonly logger = new Logger('Flags');

  /** Every flag's change, from the Nest event bus. */
  @OnEvent(DflagEvent.FlagChanged)
  changed(change: FlagChangedEvent): void {
    const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
    this.logger.log(
      `${change.name}: ${show(change.previous)} -> ${show(change.current)} (${change.source})`,
    );
  }

  /** One flag: reacts to the policy only. */
  @OnFlagChange('example_my_dynamic_json')
  policy(change: FlagChangedEvent<Policy>): void {
    if (typeof change.current === 'string') return; // only a sensitive flag's value arrives redacted
    const { policy, rate } = change.current;
    this.logger.log(
      `GET / now ${policy === 'deny' ? 'denies every request' : `allows ${rate} requests/s`}`,
    );
  }

  /** Every processed version, with its result. */
  @OnEvent(DflagEvent.FlagReloaded)
  reloaded(event: FlagReloadedEvent): void {
    const line = `ConfigMap version ${event.generation}: ${event.result}, ${event.changes.length} change(s)`;
    if (event.result === 'applied') this.logger.log(line);
    else this.logger.warn(`${line}; ${event.errors.join('; ')}`);
  }
}
