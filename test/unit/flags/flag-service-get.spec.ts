import { FlagService } from '../../../lib/flag.service.js';
import { defineFlags, flag, FlagSet } from '../../../lib/index.js';
import { InMemoryFlagEngine } from '../../../lib/testing/index.js';

describe('FlagService.get', () => {
  it('reads flags named like Object.prototype members, follows changes, and answers undefined for an undeclared name until it is declared', () => {
    const set = new FlagSet('service-get');
    const flags = defineFlags(
      {
        constructor: flag.int({ default: 1, description: '', dynamic: true }),
      },
      set,
    );
    set.declare('__proto__', flag.string({ default: 'p', description: '', dynamic: true }));
    const service = new FlagService(new InMemoryFlagEngine(set));
    expect(service.get('constructor')).toBe(1);
    expect(service.get('__proto__')).toBe('p');
    expect(service.get('toString')).toBeUndefined();
    set.apply([{ name: 'constructor', source: 'override', value: 2 }]);
    expect(service.get('constructor')).toBe(2);
    expect(flags.constructor.get()).toBe(2);
    set.declare('late', flag.bool({ default: true, description: '' }));
    expect(service.get('late' as never)).toBe(true);
  });
});
