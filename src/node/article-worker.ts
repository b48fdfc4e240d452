/** A thread of the article pool: runs the per-article stage on the jobs it is sent. */
import { parentPort } from 'node:worker_threads';
import { analyseArticle, type ArticleJob } from '../core/pipeline/article';
import type { PoolRequest, PoolResponse } from './article-pool';

parentPort?.on('message', (request: PoolRequest) => {
  const results = request.jobs.map((job: ArticleJob) => analyseArticle(job));
  parentPort!.postMessage({ id: request.id, results } satisfies PoolResponse);
});
