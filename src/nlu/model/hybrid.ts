import { isLlmError } from '../../llm/errors.js';
import type { Logger } from '../../logger.js';
import type { Understander, Understanding, UnderstandingContext } from '../port.js';

export interface HybridSettings {
  /** hybrid: the offline NLU first, the model only when needed; llm: the model every turn. */
  mode: 'hybrid' | 'llm';
  /** Offline answers below this confidence go to the model. */
  confidenceThreshold: number;
  /** Offline answers knowing less than this share of the message's words go to the model. */
  minCoverage: number;
}

/**
 * Understanding that is never worse than offline: the model is asked when the offline NLU is unsure,
 * doesn't know the words, or the conversation is in another language; when the model fails, the
 * offline answer stands and the turn is flagged degraded.
 */
export function createHybridUnderstander(deps: {
  offline: Understander;
  model: Understander;
  settings: HybridSettings;
  logger?: Logger;
}): Understander {
  const { settings } = deps;
  const needsModel = (offline: Understanding, context?: UnderstandingContext) =>
    offline.confidence < settings.confidenceThreshold ||
    (offline.coverage ?? 1) < settings.minCoverage ||
    (context?.language != null && context.language !== 'en');

  return {
    name: `${settings.mode}:${deps.model.name}`,
    async understand(text, context) {
      const offline = settings.mode === 'hybrid' ? await deps.offline.understand(text, context) : null;
      if (offline && !needsModel(offline, context)) return offline;
      try {
        return await deps.model.understand(text, context);
      } catch (error) {
        deps.logger?.warn(
          { err: error, code: isLlmError(error) ? error.code : undefined },
          'model understanding failed: using the offline answer',
        );
        return { ...(offline ?? (await deps.offline.understand(text, context))), degraded: true };
      }
    },
  };
}
