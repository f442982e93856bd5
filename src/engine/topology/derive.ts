import type { TemplateModel } from '../template/template-model';
import type { HaTopology } from './types';

/** Reads what the template means for Moodle. */
export function deriveTopology(model: TemplateModel): HaTopology {
  void model;
  const missing = { found: false as const, reason: 'not derived yet' };
  return { loadBalancer: missing, webTier: missing, sharedStorage: missing, database: missing, sessionCache: missing, code: missing };
}
