import { runCli } from '../../../lib/cli/run-cli.js';
import { captureIo } from '../../utils/capture-io.js';
import { join } from 'node:path';
import { configMap, FIXTURES, FLAGS, GOOD, validateHarness } from './validate-harness.js';

describe('dflag validate refusals', () => {
  const { root, validate, validateText: refuse } = validateHarness();

  describe('of the manifest: one line per problem, exit 1', () => {
    it('refuses illegal keys, a key in both data and binaryData and invalid base64', async () => {
      const text = configMap(
        'data:\n  ..data: x\n  a/b: x\n  port: "80"\nbinaryData:\n  port: YQ==\n  logo: not base64!\n',
      );
      expect(await refuse(text)).toEqual({
        code: 1,
        out: [
          'cm.yaml: data key "..data" is invalid: "..data" must not start with ".." (kubelet reserves those names)',
          'cm.yaml: data key "a/b" is invalid: "a/b" must consist of letters, digits, "-", "_" or "." ([-._a-zA-Z0-9]+)',
          'cm.yaml: binaryData key "logo" is not valid base64 (standard alphabet, with = padding)',
          'cm.yaml: key "port" is in both data and binaryData; a key may appear in only one of them',
          // The keys that could be read are checked too: one run shows every problem, and the
          // summary says how many of the manifest's keys that was.
          'ConfigMap app-config: 1 of 4 keys checked against 9 flags: 4 errors, 0 warnings, 1 note (--verbose lists them)',
          '',
        ].join('\n'),
        err: '',
      });
    });

    it('reports a manifest problem and a bad value of another key in one run', async () => {
      const text = configMap('data:\n  example_my_dynamic_int: 20\n  debug: maybe\n');
      expect(await refuse(text)).toEqual({
        code: 1,
        out: [
          'cm.yaml: data key "example_my_dynamic_int" has a number value; ConfigMap data values must be strings (kubectl refuses it): quote it, e.g. example_my_dynamic_int: "…"',
          'debug: not a boolean; expected a boolean: true/false, 1/0, t/f, yes/no or on/off',
          'ConfigMap app-config: 1 of 2 keys checked against 9 flags: 2 errors, 0 warnings, 0 notes',
          '',
        ].join('\n'),
        err: '',
      });
    });

    it('refuses a ConfigMap over 1 MiB', async () => {
      const text = configMap(`data:\n  example_my_dynamic_string: ${'x'.repeat(1_048_577)}\n`);
      expect(await refuse(text)).toEqual({
        code: 1,
        out:
          'cm.yaml: data and binaryData total over the 1048576-byte (1 MiB) limit of a ConfigMap\n' +
          'ConfigMap app-config: 1 key checked against 9 flags: 1 error, 0 warnings, 0 notes\n',
        err: '',
      });
    });

    it('refuses the unquoted int of the seed README, and an object that is not a ConfigMap', async () => {
      const unquoted = join(FIXTURES, 'example-configmap-unquoted.yaml');
      expect(await validate('-f', unquoted, '--flags', FLAGS)).toEqual({
        code: 1,
        out:
          `${unquoted}: data key "example_my_dynamic_int" has a number value; ConfigMap data` +
          ' values must be strings (kubectl refuses it): quote it, e.g. example_my_dynamic_int: "…"\n' +
          'ConfigMap example-config: 2 of 3 keys checked against 9 flags: 1 error, 0 warnings, 0 notes\n',
        err: '',
      });
      const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\ndata:\n  a: YQ==\n';
      expect((await refuse(pod)).out).toBe(
        'cm.yaml: is not a ConfigMap or Secret: found kind Pod, apiVersion v1; expected kind: ConfigMap or Secret, apiVersion: v1\n' +
          'Manifest cm.yaml refused: 1 error\n',
      );
    });

    it('refuses several documents without --name, listing them', async () => {
      const io = captureIo(FIXTURES);
      const argv = ['validate', '-f', 'several-configmaps.yaml', '--flags', 'validate-flags.ts'];
      expect(await runCli(argv, io)).toBe(1);
      expect(io.out).toBe(
        'several-configmaps.yaml: holds 2 documents of kind ConfigMap or Secret; choose with' +
          ' --name: first-config (ConfigMap), second-config (ConfigMap)\n' +
          'Manifest several-configmaps.yaml refused: 1 error\n',
      );
    });

    it('says so on stderr when the manifest cannot be read', async () => {
      expect(await validate('-f', 'missing.yaml', '--flags', FLAGS)).toEqual({
        code: 1,
        out: '',
        err: `dflag validate: cannot read missing.yaml: ENOENT: no such file or directory, open '${join(root(), 'missing.yaml')}'\n`,
      });
    });
  });

  describe('of the flags module: nothing checked, exit 2', () => {
    it('says exactly what to export when the module exports no flag set', async () => {
      const module = join(FIXTURES, 'validate-no-flag-set.ts');
      expect(await validate('-f', GOOD, '--flags', module)).toEqual({
        code: 2,
        out: '',
        err:
          `dflag validate: the flags module ${module} exports no FlagSet. Export the set your flags` +
          ` are declared in: "export const flagSet = new FlagSet('app')" (declaring with` +
          ` defineFlags(specs, flagSet)), or "export { defaultFlagSet } from 'nestjs-dflag'" when` +
          ' defineFlags(specs) declares into the default set\n',
      });
    });

    it('refuses a module whose sets are all empty', async () => {
      const module = join(FIXTURES, 'validate-empty-set.ts');
      expect(await validate('-f', GOOD, '--flags', module)).toEqual({
        code: 2,
        out: '',
        err:
          `dflag validate: the flags module ${module} exports only empty flag sets (flagSet):` +
          ' import the modules that declare the flags from it, and make sure they declare into' +
          ' that set (the same copy of nestjs-dflag)\n',
      });
    });

    it('reports a module that throws while loading', async () => {
      const module = join(FIXTURES, 'validate-throws.ts');
      expect(await validate('-f', GOOD, '--flags', module)).toEqual({
        code: 2,
        out: '',
        err: `dflag validate: cannot load the flags module ${module}: Flag "port" is already declared in flag set "app"\n`,
      });
    });

    it('reports a missing module, before reading the manifest', async () => {
      const { code, out, err } = await validate('-f', 'missing.yaml', '--flags', 'flags.js');
      expect({ code, out }).toEqual({ code: 2, out: '' });
      expect(err).toMatch(
        /^dflag validate: cannot load the flags module flags\.js: Cannot find module '.*\/flags\.js'/,
      );
    });

    it('writes nothing on stdout with --json either', async () => {
      const module = join(FIXTURES, 'validate-empty-set.ts');
      const { code, out } = await validate('-f', GOOD, '--flags', module, '--json');
      expect({ code, out }).toEqual({ code: 2, out: '' });
    });
  });
});
