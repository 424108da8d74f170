import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type HoldPage, renderHoldPage } from '../../templates/hold-page.ts';
import { PAGE_HEADERS } from '../../templates/pages.ts';
import { holdByLink, inspectHoldLink } from '../app/hold-link.ts';
import { holdLinkDeps } from '../wiring/feeds.ts';
import { createSendContext } from '../wiring/send.ts';
import { tokenPageHandler } from './http/token-page.ts';

const ctx = await createSendContext();
const deps = holdLinkDeps(ctx);

const holdPage = (statusCode: number, p: HoldPage): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { ...PAGE_HEADERS, 'Content-Language': 'en' },
  body: renderHoldPage(p),
});

/**
 * The preview e-mail's hold link: `GET /hold?token=T` shows a button and changes nothing (mail scanners follow
 * links); `POST /hold` (form field `token`) holds the edition. A bad or expired token gets a page saying so.
 */
export const handler = tokenPageHandler({
  log: ctx.log,
  async show(token) {
    const { edition, state } = await inspectHoldLink(deps, token);
    return holdPage(200, state === 'open' ? { page: 'confirm', edition, token } : { page: state, edition });
  },
  async act(token) {
    const { edition, state } = await holdByLink(deps, token);
    ctx.log.info('hold link used', { edition, state });
    return holdPage(state === 'started' ? 409 : 200, { page: state === 'open' ? 'held' : state, edition });
  },
  invalid: () => holdPage(400, { page: 'invalid' }),
});
