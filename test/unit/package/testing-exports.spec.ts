import * as testing from '../../../lib/testing/index.js';

describe('nestjs-dflag/testing', () => {
  it("exports what an application's tests need, and none of the library's internals", () => {
    expect(Object.keys(testing).sort()).toEqual([
      'DATA_DIR_NAME',
      'DflagTestingModule',
      'InMemoryFlagEngine',
      'ManifestError',
      'manifestToPayload',
      'readConfigMapManifest',
      'relinkDataNonAtomically',
      'writeConfigMapVolume',
    ]);
  });
});
