import { escapeText } from '../../../lib/errors/escape-text.util.js';
import { messages } from '../../../lib/errors/messages.constant.js';
import { flag, FlagSet } from '../../../lib/index.js';

/** Characters that must never reach a log line raw: C0/C1 controls, DEL, bidi controls, line separators. */
// eslint-disable-next-line no-control-regex -- the very characters under test
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

describe('escapeText', () => {
  it('keeps shortened text (ending in an ellipsis) as it is, and still escapes what follows one', () => {
    expect(escapeText('abc…')).toBe('abc…');
    expect(escapeText('a…\nb')).toBe('a…\\nb');
    expect(escapeText('a…\u001b[31m')).toBe('a…\\u001b[31m');
  });
  it('keeps ordinary text unchanged', () => {
    for (const text of [
      'plain ascii /etc/dflag/rate_limit',
      'quotes " and \' and backslash \\ stay',
      'Grüße, 日本語, emoji 👍🏽 and 👨‍👩‍👧 (joiners kept), µs',
      '',
    ]) {
      expect(escapeText(text)).toBe(text);
    }
  });

  it('escapes line breaks, C0/C1 controls, DEL and bidi controls, visibly', () => {
    expect(escapeText('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
    expect(escapeText('x\u0000y\u001b[31mz\u007f\u0085\u009b')).toBe(
      'x\\u0000y\\u001b[31mz\\u007f\\u0085\\u009b',
    );
    expect(escapeText('evil\u202egnp.exe')).toBe('evil\\u202egnp.exe');
    for (const c of [
      0x202a, 0x202b, 0x202c, 0x202d, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c,
    ]) {
      expect(escapeText(`<${String.fromCharCode(c)}>`)).toBe(
        `<\\u${c.toString(16).padStart(4, '0')}>`,
      );
    }
    expect(escapeText('one\u2028two\u2029three')).toBe('one\\u2028two\\u2029three');
  });

  it('escapes lone surrogates (text cut in the middle of a pair) but keeps pairs', () => {
    expect(escapeText('👍'.slice(0, 1))).toBe('\\ud83d');
    expect(escapeText('👍')).toBe('👍');
  });

  it('is idempotent: escaping twice changes nothing more', () => {
    const once = escapeText('a\nb\u202ec');
    expect(escapeText(once)).toBe(once);
  });
});

describe('messages escape what they quote', () => {
  it('every parameter of the engine and flag messages', () => {
    const evil = '/etc/dflag/x\nwarn forged\u202e';
    for (const text of [
      messages.unknownKey(evil),
      messages.skippedEntry(evil, 'a FIFO'),
      messages.leavesVolume(evil),
      messages.danglingKeyLink(evil, evil),
      messages.unreadableKey(evil, evil),
      messages.notRegularAtOpen(evil, evil),
      messages.unreadableVersion(evil, evil, evil),
      messages.dataNotDirectory(evil, evil, evil),
      messages.layoutBroken(evil),
      messages.orphanVersions(evil),
      messages.refusedKey(evil, evil),
      messages.skippedKey(evil),
      messages.unknownKeys(20, [evil]),
      messages.healthNotReady([evil]),
      messages.healthNotWatching(evil),
      messages.startupStaticRefused(evil, [evil]),
      messages.valueOverLimit(evil, 1),
      messages.pendingRestart('rate', evil),
      messages.danglingData(evil, evil),
      messages.dataLeavesVolume(evil, evil),
      messages.readFailed(evil, evil),
      messages.watcherFailed(evil, evil),
      messages.unknownFlag(evil, evil),
      messages.listenerFailed(evil, evil),
      messages.healthPeriodic(evil),
    ]) {
      expect(text).not.toMatch(RAW_CONTROL);
      expect(text).toContain('x\\nwarn forged\\u202e');
    }
  });

  it('a refused value with a newline stays on one line, and so does the reason quoting it', () => {
    const set = new FlagSet('esc');
    set.declare('rate', flag.int({ default: 1, description: '' }));
    set.declare('doc', flag.json({ default: {}, description: '' }));
    const result = set.apply([
      {
        name: 'rate',
        source: 'configmap',
        raw: '1\nerror forged\u202e',
        origin: '/etc/dflag/rate',
      },
      { name: 'doc', source: 'configmap', raw: '{"a":\n\u202e}', origin: '/etc/dflag/doc\n' },
    ]);
    expect(result.errors).toHaveLength(2);
    for (const error of result.errors) expect(error.message).not.toMatch(RAW_CONTROL);
    expect(result.errors[0]!.message).toBe(
      'Flag "rate" from configmap (/etc/dflag/rate): refused "1\\nerror forged\\u202e": not an integer; expected a safe integer such as 42, -7, 0x2a, 0o52 or 0b101010',
    );
  });
});

describe('the usage table escapes descriptions and defaults', () => {
  it('keeps one row per flag', () => {
    const set = new FlagSet('usage');
    set.declare(
      'motd',
      flag.string({ default: 'hi\nthere', description: 'Message\u202e of the day' }),
    );
    const rows = set.usage().trimEnd().split('\n');
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatch(
      /--motd=VALUE\s+string\s+hi\\nthere\s+static\s+Message\\u202e of the day/,
    );
  });
});
