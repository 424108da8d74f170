import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { CliError } from './api-client.ts';
import { credentialsFrom } from './aws-credentials.ts';
import { defaultPorts } from './env.ts';
import { AccountStore, DESK_GROUPS, type DeskGroup } from './signin/accounts.ts';

type Env = Record<string, string | undefined>;
const USAGE = 'usage: editors add ADDRESS --role editor|data | editors remove ADDRESS | editors list';
const Address = z.email();

/** The user pool of `--outputs FILE` (its `UserPoolId`, written by `npx cdk deploy --outputs-file`). */
function userPoolOf(file: string): string {
  let outputs: Record<string, Record<string, unknown>>;
  try {
    outputs = JSON.parse(readFileSync(file, 'utf8')) as typeof outputs;
  } catch (error) {
    throw new CliError(`cannot read the outputs file ${file}: ${(error as Error).message}`);
  }
  const id = Object.values(outputs).find((stack) => typeof stack?.UserPoolId === 'string')?.UserPoolId as string;
  if (!id) throw new CliError(`${file} names no UserPoolId (a stack deployed with the desk writes it)`);
  return id;
}

/** Checks the arguments: the action, the address, and for `add` the role. */
function parse(rest: string[], role: string | undefined) {
  const [action, address, ...extra] = rest;
  if (action === 'list' && address === undefined) return { action, address: '', group: undefined };
  if ((action !== 'add' && action !== 'remove') || address === undefined || extra.length > 0) throw new CliError(USAGE);
  if (!Address.safeParse(address).success) throw new CliError(`${address} is not an e-mail address`);
  if (action === 'remove') return { action, address, group: undefined };
  if (!DESK_GROUPS.includes(role as DeskGroup)) throw new CliError('editors add needs --role editor or --role data');
  return { action, address, group: role as DeskGroup };
}

/** `editors` on npm start: the local sign-in's accounts in `.data/` (LOCAL_DATA_DIR), read by the runner on every sign-in. */
async function local(a: ReturnType<typeof parse>, env: Env, out: (line: string) => void): Promise<number> {
  const store = new AccountStore(env.LOCAL_DATA_DIR ?? '.data');
  const desk = `http://127.0.0.1:${defaultPorts(env as NodeJS.ProcessEnv).api}/desk/`;
  if (a.action === 'list') {
    for (const account of store.list()) out(`${account.username}  ${account.group}`);
    return 0;
  }
  if (a.action === 'remove') {
    if (!store.remove(a.address)) throw new CliError(`no desk account ${a.address} on npm start`);
    out(`removed ${a.address}: it can no longer sign in (credentials already handed out last at most an hour)`);
    return 0;
  }
  const password = await store.add(a.address, a.group as DeskGroup);
  if (!password) throw new CliError(`${a.address} already has a desk account on npm start (editors remove it first)`);
  out(`added ${a.address} (${a.group}) to npm start's desk; password, shown this once: ${password}`);
  out(`sign in at ${desk}`);
  return 0;
}

/** `editors --outputs FILE`: the deployed stack's user pool, through Cognito's admin API. */
async function cognito(a: ReturnType<typeof parse>, file: string, env: Env, out: (line: string) => void) {
  const pool = userPoolOf(file);
  const sdk = await import('@aws-sdk/client-cognito-identity-provider');
  const endpoint = env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
  const client = new sdk.CognitoIdentityProviderClient({
    region: pool.split('_')[0] as string,
    credentials: credentialsFrom(env),
    ...(endpoint ? { endpoint } : {}),
  });
  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'UsernameExistsException') throw new CliError(`${a.address} already has a desk account in ${pool}`);
      if (name === 'UserNotFoundException') throw new CliError(`no desk account ${a.address} in ${pool}`);
      throw new CliError(`Cognito ${what} failed: ${name}: ${(error as Error).message}`);
    }
  };
  if (a.action === 'list') {
    for (const group of DESK_GROUPS) {
      let token: string | undefined;
      do {
        const page = await call('ListUsersInGroup', () =>
          client.send(new sdk.ListUsersInGroupCommand({ UserPoolId: pool, GroupName: group, NextToken: token })),
        );
        for (const user of page.Users ?? [])
          out(
            `${user.Attributes?.find((x) => x.Name === 'email')?.Value ?? user.Username}  ${group}  ${user.UserStatus}`,
          );
        token = page.NextToken;
      } while (token);
    }
    return 0;
  }
  if (a.action === 'remove') {
    await call('AdminDeleteUser', () =>
      client.send(new sdk.AdminDeleteUserCommand({ UserPoolId: pool, Username: a.address })),
    );
    out(`removed ${a.address} from ${pool}: it can no longer sign in`);
    return 0;
  }
  await call('AdminCreateUser', () =>
    client.send(
      new sdk.AdminCreateUserCommand({
        UserPoolId: pool,
        Username: a.address,
        UserAttributes: [
          { Name: 'email', Value: a.address },
          { Name: 'email_verified', Value: 'true' },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
      }),
    ),
  );
  await call('AdminAddUserToGroup', () =>
    client.send(
      new sdk.AdminAddUserToGroupCommand({ UserPoolId: pool, Username: a.address, GroupName: a.group as string }),
    ),
  );
  out(`added ${a.address} (${a.group}) to ${pool}: Cognito e-mails a temporary password; the first sign-in sets a`);
  out('password and an authenticator app (MFA)');
  return 0;
}

/** `newsletter editors add|remove|list`: the desk's sign-in accounts, on npm start or (--outputs) in Cognito. */
export async function editorsCommand(
  rest: string[],
  o: { role?: string; outputs?: string; api?: string },
  env: Env,
  out: (line: string) => void,
): Promise<number> {
  const a = parse(rest, o.role);
  if (o.api !== undefined)
    throw new CliError('editors needs --outputs FILE (the stack with the user pool), not --api; without: npm start');
  return o.outputs ? cognito(a, o.outputs, env, out) : local(a, env, out);
}

/** Where the local accounts are, for tests and the doctor. */
export const localAccountsFile = (env: Env) => join(env.LOCAL_DATA_DIR ?? '.data', 'desk-accounts.json');
