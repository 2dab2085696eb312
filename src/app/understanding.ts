import type { Fetch } from '../channels/http-client.js';
import type { Config } from '../config.js';
import { INTENT_DEFINITIONS } from '../flows/registry.js';
import type { Logger } from '../logger.js';
import { createLanguageModel, type LanguageModel } from '../llm/language-model.js';
import { createHybridUnderstander } from '../nlu/model/hybrid.js';
import { createModelUnderstander } from '../nlu/model/model-understander.js';
import { createEntityMapper } from '../nlu/model/vocabulary.js';
import { createOfflineNlu } from '../nlu/offline/offline-nlu.js';
import type { Understander } from '../nlu/port.js';
import { createModelPhraser, type Phraser } from '../replies/model-phraser.js';
import type { Storage } from '../storage/ports.js';

/** Offline answers below this share of known words go to the model (other languages, new words). */
const MIN_COVERAGE = 0.6;

/** How customers' messages are understood and, with a language model, how replies are phrased. */
export interface Understanding {
  understander: Understander;
  phraser?: Phraser;
  /** Present when a language model is configured (hybrid or llm mode). */
  languageModel?: LanguageModel;
}

/** Catalogue words the understander should know: the shop's categories, brands and store cities. */
async function catalogueVocabulary(storage: Pick<Storage, 'products' | 'inventory'>) {
  const [categories, brands, names, stores] = await Promise.all([
    storage.products.categories(),
    storage.products.brands(),
    storage.products.names(),
    storage.inventory.stores(),
  ]);
  return {
    categories: categories.map((c) => c.category),
    brands,
    names,
    places: stores.map((s) => ({ name: s.city, lat: s.location.lat, lng: s.location.lng })),
  };
}

function withLanguageModel(
  config: Config,
  lm: LanguageModel,
  offline: Understander,
  vocabulary: Awaited<ReturnType<typeof catalogueVocabulary>>,
  logger: Logger,
): { understander: Understander; phraser: Phraser } {
  const mode = config.llm.mode === 'llm' ? 'llm' : 'hybrid';
  const understander = createHybridUnderstander({
    offline,
    model: createModelUnderstander({
      model: lm.model,
      prices: lm.prices,
      mapper: createEntityMapper(vocabulary),
      intents: INTENT_DEFINITIONS,
    }),
    settings: {
      mode,
      confidenceThreshold: config.agents.recommendation_agent.confidence_threshold,
      minCoverage: MIN_COVERAGE,
    },
    logger,
  });
  // In llm mode "auto" means every reply: that is what the mode is for.
  const policy = mode === 'llm' && config.LLM_PHRASING === 'auto' ? 'always' : config.LLM_PHRASING;
  return {
    understander,
    phraser: createModelPhraser({ model: lm.model, prices: lm.prices, policy, logger }),
  };
}

/**
 * Trains the offline understander on the catalogue's words (unless one is given) and, when a language
 * model is configured, puts it behind the model with the model phrasing replies.
 */
export async function createUnderstanding(
  config: Config,
  storage: Pick<Storage, 'products' | 'inventory'>,
  logger: Logger,
  options: {
    understander?: Understander | undefined;
    /** The language model's HTTP client, when it is not the global fetch. */
    modelFetch?: Fetch | undefined;
  } = {},
): Promise<Understanding> {
  const vocabulary = await catalogueVocabulary(storage);
  const started = performance.now();
  const offline =
    options.understander ??
    (await createOfflineNlu({
      intents: INTENT_DEFINITIONS,
      ...vocabulary,
      ...(config.NLU_CACHE_DIR ? { cacheDir: config.NLU_CACHE_DIR } : {}),
    }));
  logger.debug({ ms: Math.round(performance.now() - started) }, 'understanding ready');
  const languageModel =
    (await createLanguageModel(config, logger, { fetch: options.modelFetch })) ?? undefined;
  if (!languageModel) return { understander: offline };
  return { ...withLanguageModel(config, languageModel, offline, vocabulary, logger), languageModel };
}
