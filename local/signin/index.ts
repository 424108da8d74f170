import type { HttpHandler, LocalRoute } from '../routing.ts';
import { AccountStore, type SampleAccount } from './accounts.ts';
import { identityRoutes } from './identity.ts';
import { type SigninKeys, signinKeys } from './keys.ts';
import { SIGNIN_PATH, signinRoutes } from './oidc.ts';

/** The local sign-in of a runner: Cognito's part for the desk (user pool with managed login, identity pool). */
export interface LocalSignin {
  readonly deskUrl: string;
  readonly keys: SigninKeys;
  readonly accounts: AccountStore;
  /** The sample accounts (editor, data) with their passwords, for the start banner. */
  readonly samples: readonly SampleAccount[];
  /** The runner's own routes under /local/signin and /local/cognito-identity/ (never deployed). */
  readonly routes: LocalRoute[];
}

/** The sign-in of the runner at `apiUrl`: its keys and accounts in `dataDir` (in memory without one). */
export async function localSignin(o: {
  apiUrl: string;
  dataDir: string | undefined;
  region: string;
  now: () => number;
}): Promise<LocalSignin> {
  const keys = await signinKeys(o.dataDir);
  const accounts = new AccountStore(o.dataDir);
  const samples = await accounts.samples();
  const pages = {
    ...signinRoutes({ keys, accounts, apiUrl: o.apiUrl, now: o.now }),
    ...identityRoutes({ keys, issuer: `${o.apiUrl}${SIGNIN_PATH}`, region: o.region, now: o.now }),
  };
  const routes = Object.entries(pages).map(([key, handler]) => ({
    key,
    handler: handler as unknown as HttpHandler,
    iam: false,
    deployed: false,
  }));
  return { deskUrl: `${o.apiUrl}/desk/`, keys, accounts, samples, routes };
}
