import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from 'zod/mini';
import { prepare } from '../app/prepare.ts';
import { isEdition } from '../core/edition.ts';
import { prepareDeps } from '../wiring/feeds.ts';
import { createMailer } from '../wiring/mailer.ts';
import { createSendContext } from '../wiring/send.ts';

const ctx = await createSendContext();
const deps = prepareDeps(ctx, createMailer(ctx.config));

const inputSchema = z.object({
  edition: z.optional(z.string().check(z.refine(isEdition, 'edition must be like 2026-W48'))),
});

/**
 * The second schedule's entry (EventBridge Scheduler, input `{}` or `{"edition":"2026-W48"}`): pulls the feeds and
 * mails the editors their preview with the hold link (for an edition whose send started: no pull, no hold link, and
 * `started` in the answer). A failing feed is in the preview and in the FeedPullFailures
 * metric, never an error of the invocation (which the scheduler would retry, mailing the preview again).
 */
export const handler = middy<unknown>()
  .use(injectLambdaContext(ctx.log.logger))
  .handler(async (event) => {
    const input = inputSchema.parse(event ?? {});
    const result = await prepare(deps, input);
    const failed = result.feeds.filter((f) => f.status === 'failed').map((f) => f.url);
    const started = result.started ? { started: result.started.status } : {};
    ctx.log.info('prepare finished', {
      edition: result.edition,
      previews: result.previews,
      failedFeeds: failed,
      ...started,
    });
    return { edition: result.edition, previews: result.previews, failedFeeds: failed.length, ...started };
  });
