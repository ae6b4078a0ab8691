/**
 * refused passes a start-up step's rejection through, and turns its success
 * into a short error: asserting `.rejects` on a step that resolved with a
 * whole Nest application would have Vitest print that application (which
 * takes minutes and gigabytes) instead of failing.
 */
export function refused(step: Promise<unknown>): Promise<never> {
  return step.then(() => {
    throw new Error('it succeeded, but a refusal was expected');
  });
}
