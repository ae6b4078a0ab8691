import type { DflagEngine } from './dflag-engine.interface.js';

/**
 * EngineBinding decides which Nest application runs an engine that several
 * may share (the same flag set, loaded once): the one that claims it at
 * bootstrap watches with it until it closes, and a second one is refused,
 * so that closing one application never stops another's watching.
 */
export interface EngineBinding {
  /**
   * claim makes the application the one that watches with the engine
   * (called at bootstrap, before `start()`). Throws a `DflagSetupError`
   * when another live application already does.
   */
  claim(engine: DflagEngine, application: object): void;
  /** release is called when the application closes; it stops the engine unless another application goes on with it. */
  release(engine: DflagEngine, application: object): Promise<void>;
}
