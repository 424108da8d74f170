import type { LocalStack } from '../../local/stack.ts';
import { cli } from './cli.ts';
import { tableItems } from './local.ts';
import { signedFetch } from './signed.ts';

/** The editors' two ways in to a local stack (its API, signed, and the CLI), and what they shape of an edition. */
export function editorsOf(stack: { readonly current: LocalStack }) {
  return {
    /** Runs the CLI; a refusal (a thrown one-line error) is exit code 1 with that line on stderr, as in newsletter.ts. */
    async run(...argv: string[]) {
      try {
        return await cli(stack.current.env, ...argv);
      } catch (error) {
        return { code: 1, out: '', err: (error as Error).message };
      }
    },
    /** A signed request to the editors' API, with a JSON body when one is given. */
    api: (method: string, path: string, body?: unknown) =>
      signedFetch(stack.current, method, path, {
        ...(body === undefined ? {} : { body: JSON.stringify(body), contentType: 'application/json' }),
      }),
    /**
     * What the editors shape of `edition`: its commentaries and its editorial record; and whether anything of its send
     * exists (a send record, a delivery). Another edition's send finishing in the background does not move it.
     */
    async itemsOf(edition: string): Promise<string> {
      const items = await tableItems(stack.current);
      const shaped = items.filter(
        (i) =>
          (i.kind === 'commentary' && i.edition === edition) || (i.pk === `SEND#${edition}` && i.sk === 'EDITORIAL'),
      );
      const sending = items.some((i) => i.pk === `SEND#${edition}` && i.sk === 'SEND');
      return JSON.stringify({ shaped: shaped.map((i) => JSON.stringify(i)).sort(), sending });
    },
  };
}
