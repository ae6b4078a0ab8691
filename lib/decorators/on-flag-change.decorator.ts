import { OnEvent } from '@nestjs/event-emitter';
import type { OnEventOptions } from '@nestjs/event-emitter';
import { DflagEvent } from '../dflag.events.js';
import { isFlagChanged } from '../events/flag-changed-events.registry.js';

/** OnFlagChangeOptions: `@OnEvent` options, plus the flag set to listen to. */
export interface OnFlagChangeOptions extends OnEventOptions {
  /**
   * Only changes of the flag set with this name (`FlagSet.name`), for an
   * application with two sets declaring the same flag name.
   * @default any set
   */
  flagSet?: string;
}

interface Rule {
  readonly names: ReadonlySet<string>;
  readonly flagSet: string | undefined;
}

type Listener = (this: unknown, ...args: unknown[]) => unknown;

/** The rules of a method already wrapped by OnFlagChange, so that stacked decorators merge. */
const RULES = Symbol('dflag:on-flag-change-rules');
type Wrapped = Listener & { [RULES]: Rule[] };

/**
 * OnFlagChange subscribes a provider's method to the `flag.changed` events of
 * the named flags only — `@OnEvent('flag.changed')` with a filter:
 *
 * ```ts
 * @OnFlagChange('rate_limit')
 * onRateLimit(change: FlagChangedEvent<number>) { this.limiter.setRate(this.flags.rate_limit.get()); }
 * ```
 *
 * Several names (or stacked decorators) subscribe once, to any of them.
 * Requires `EventEmitterModule.forRoot()`, like `@OnEvent`.
 *
 * @param names one flag name or several
 * @param options `@OnEvent` options, and `flagSet` to hear one set only
 */
export function OnFlagChange(
  names: string | readonly string[],
  options: OnFlagChangeOptions = {},
): MethodDecorator {
  const { flagSet, ...eventOptions } = options;
  const rule: Rule = { names: new Set(typeof names === 'string' ? [names] : names), flagSet };
  return (target, key, descriptor) => {
    const original = descriptor.value as unknown;
    if (typeof original !== 'function') {
      throw new TypeError(`@OnFlagChange decorates methods; ${String(key)} is not one`);
    }
    if (RULES in original) {
      (original as Wrapped)[RULES].push(rule);
      return descriptor;
    }
    const rules = [rule];
    const listener = function (this: unknown, ...args: unknown[]): unknown {
      const [event] = args;
      if (isFlagChanged(event) && !rules.some((r) => matches(r, event.name, event.flagSet)))
        return undefined;
      return (original as Listener).apply(this, args);
    } as Wrapped;
    listener[RULES] = rules;
    Object.defineProperty(listener, 'name', { value: (original as Listener).name });
    // Keep what decorators below this one attached to the method (e.g. a stacked @OnEvent).
    for (const metadataKey of Reflect.getOwnMetadataKeys(original)) {
      Reflect.defineMetadata(metadataKey, Reflect.getOwnMetadata(metadataKey, original), listener);
    }
    descriptor.value = listener as typeof descriptor.value;
    OnEvent(DflagEvent.FlagChanged, eventOptions)(target, key, descriptor);
    return descriptor;
  };
}

function matches(rule: Rule, name: string, flagSet: string): boolean {
  return rule.names.has(name) && (rule.flagSet === undefined || rule.flagSet === flagSet);
}
