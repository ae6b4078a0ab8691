import {
  FlagChangedPayload,
  isFlagChanged,
} from '../../../lib/events/flag-changed-events.registry.js';
import { toFlagChangedEvent } from '../../../lib/events/to-flag-changed-event.util.js';
import { defineFlags, flag, FlagSet, REDACTED } from '../../../lib/index.js';

function changeOf(sensitive: boolean) {
  const flagSet = new FlagSet('app');
  defineFlags(
    {
      mode: flag.string({ default: 'a', description: '', dynamic: true }),
      key: flag.string({ default: 'k', description: '', dynamic: true, sensitive: true }),
    },
    flagSet,
  );
  const {
    changes: [change],
  } = flagSet.apply([
    { name: sensitive ? 'key' : 'mode', source: 'override', value: sensitive ? 's3cret' : 'b' },
  ]);
  const checksums = flagSet.checksumsNow();
  const event = toFlagChangedEvent(change!, {
    flagSet,
    path: '/etc/dflag',
    generation: 4,
    checksums,
  });
  return { event, checksums, flagSet };
}

describe('a flag.changed payload', () => {
  it('is frozen data: every field is its own and enumerable, the checksum (an accessor) too', () => {
    const { event, checksums } = changeOf(false);
    expect(Object.isFrozen(event)).toBe(true);
    expect(Object.keys(event)).toEqual([
      'name',
      'previous',
      'current',
      'source',
      'previousSource',
      'sensitive',
      'generation',
      'checksum',
      'at',
      'flagSet',
      'path',
    ]);
    expect({ ...event }).toMatchObject({
      name: 'mode',
      previous: 'a',
      current: 'b',
      source: 'override',
      previousSource: 'default',
      generation: 4,
      checksum: checksums.dynamic,
      flagSet: 'app',
      path: '/etc/dflag',
    });
    expect(JSON.parse(JSON.stringify(event))).toMatchObject({ checksum: checksums.dynamic });
    expect(() => {
      (event as { current: unknown }).current = 'c';
    }).toThrow(TypeError);
  });

  it('reads, after later changes, the checksum of the state right after its own batch', () => {
    const { event, checksums, flagSet } = changeOf(false);
    const right = flagSet.checksum('dynamic');
    flagSet.apply([{ name: 'mode', source: 'override', value: 'c' }]);
    expect(flagSet.checksum('dynamic')).not.toBe(right);
    expect(event.checksum).toBe(right);
    expect(checksums.dynamic).toBe(right);
  });

  it('carries a sensitive flag redacted', () => {
    const { event } = changeOf(true);
    expect(event).toMatchObject({ previous: REDACTED, current: REDACTED, sensitive: true });
    expect(JSON.stringify(event)).not.toContain('s3cret');
  });

  it('is told apart from lookalikes: a copy, or an object made from its prototype, is no payload', () => {
    const { event } = changeOf(false);
    expect(isFlagChanged(event)).toBe(true);
    expect(isFlagChanged({ ...event })).toBe(false);
    expect(isFlagChanged(Object.create(FlagChangedPayload.prototype))).toBe(false);
    expect(isFlagChanged(null)).toBe(false);
    expect(isFlagChanged('flag.changed')).toBe(false);
  });
});
