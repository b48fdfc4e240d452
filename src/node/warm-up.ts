/**
 * Edits are analysed in the indexing thread (the pool takes only larger batches), so the first
 * one would load the name tagger's model and compile the analysis. `warmUp` does that once per
 * thread, while idle, on the start of one of the corpus's articles.
 */
import { analyseArticle } from '../core/pipeline/article';
import type { Logger } from '../core/ports';

let warm = false;

/** Whether it did anything (once per thread). */
export function warmUp(documents: readonly { readonly text: string }[], logger: Logger): boolean {
  if (warm) return false;
  warm = true;
  const text = documents.find((d) => d.text.length > 200)?.text.slice(0, 3000);
  if (text === undefined) return false;
  const t0 = performance.now();
  try {
    for (let i = 0; i < 3; i++) analyseArticle({ id: 'warm-up', text, declaredPublished: undefined });
    logger.info(`analysis warmed up for edits in ${Math.round(performance.now() - t0)} ms`);
  } catch (error) {
    logger.warn(`warming up the analysis failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return true;
}
