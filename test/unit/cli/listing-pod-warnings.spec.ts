import { podWarningsOf } from '../../../lib/cli/listing-pod-warnings.util.js';

/** A listing's `configmap` status of a pod that follows its ConfigMap, in the listing's form. */
const following = {
  layout: 'plain',
  version: null,
  latest_version: null,
  latest_refused: false,
  last_result: 'applied',
  errors: [],
  watch_mode: 'events',
  directory_missing: false,
  layout_problem: null,
  ready: true,
};

describe("dflag diff: the pod's warnings, from its listing's status", () => {
  it('tells a plain directory refused as a whole (reject-version) from one refused in part', () => {
    const errors = ['Flag "rate": refused "x"'];
    expect(
      podWarningsOf({ ...following, latest_refused: true, last_result: 'rejected', errors }),
    ).toEqual([
      "the pod refused its directory's latest content as a whole (see its listing): every key keeps its earlier value",
    ]);
    expect(
      podWarningsOf({ ...following, latest_refused: true, last_result: 'partial', errors }),
    ).toEqual(["the pod's last reload refused 1 key (see its listing): those keep earlier values"]);
  });

  it('names the versions of a kubelet volume whose latest version was refused as a whole', () => {
    const status = {
      ...following,
      layout: 'kubelet',
      version: '..2026_01_01_00_00_00.1',
      latest_version: '..2026_01_01_00_00_01.2',
      latest_refused: true,
      last_result: 'rejected',
      errors: ['e'],
    };
    expect(podWarningsOf(status)).toEqual([
      'the pod refused its latest version (..2026_01_01_00_00_01.2) as a whole and serves ..2026_01_01_00_00_00.1: compare with what it really holds',
    ]);
  });

  it('a missing directory: the values last read, or fallbacks if it was never there', () => {
    expect(podWarningsOf({ ...following, directory_missing: true })).toEqual([
      "the pod's ConfigMap directory is missing: it keeps the values last read from it, or its fallbacks if it was never there",
    ]);
  });
});
