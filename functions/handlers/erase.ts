import { eraseByLink, inspectEraseLink } from '../app/erase-link.ts';
import { createEraseContext } from '../wiring/erase.ts';
import { pageLanguage } from './http/request.ts';
import { page } from './http/responses.ts';
import { tokenPageHandler } from './http/token-page.ts';

const { deps, log, originSecret } = await createEraseContext();

/**
 * The e-mails' erase link. `GET /erase?token=T&lang=L` shows a button and changes nothing (mail scanners follow
 * links); `POST /erase` (form field `token`) erases everything held about the reader, as the admin erase does. Both
 * answer in the link's language without reading anything stored, and the answer to `POST` is the same whether
 * anything was held. A bad token gets the invalid-link page.
 */
export const handler = tokenPageHandler({
  log,
  originSecret,
  show(token, req) {
    inspectEraseLink(deps, token);
    return page(200, pageLanguage(req), { page: 'erase', token });
  },
  async act(token, req) {
    await eraseByLink(deps, token);
    return page(200, pageLanguage(req), { page: 'erased' });
  },
});
