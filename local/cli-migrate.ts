import { sealAddresses } from '../functions/app/migrate-addresses.ts';
import { trimConsent } from '../functions/app/migrate-consent.ts';
import { createSealAddressesDeps, createTrimConsentDeps } from '../functions/wiring/migrate.ts';
import { CliError } from './api-client.ts';
import { defaultPorts, localEnvironment } from './env.ts';

/**
 * The environment of the `npm start` stack this CLI talks to: the one given when it has the secret (tests), else
 * the stack on DYNAMODB_PORT with `.data/secrets.json`.
 */
function stackEnvironment(env: Record<string, string | undefined>): Record<string, string | undefined> {
  if (env.SECRETS_JSON !== undefined) return env;
  const ports = defaultPorts(env as NodeJS.ProcessEnv);
  const local = localEnvironment({
    apiUrl: `http://127.0.0.1:${ports.api}`,
    dynamoEndpoint: `http://127.0.0.1:${ports.dynamo}`,
    sesEndpoint: `http://127.0.0.1:${ports.ses}`,
    dataDir: '.data',
  });
  // The document client takes its endpoint from the SDK's own variable only.
  process.env.AWS_ENDPOINT_URL_DYNAMODB = local.AWS_ENDPOINT_URL_DYNAMODB;
  return { ...env, ...local };
}

/**
 * `migrate trim-consent`: removes the user agents and whole-address hashes older consent records kept; resumes from
 * its checkpoint, changes nothing a second time. Exit 1 when some records changed under it: run it again.
 */
async function trimConsentCommand(env: Record<string, string | undefined>, out: (line: string) => void) {
  const result = await trimConsent(createTrimConsentDeps(stackEnvironment(env)));
  out(
    `${result.resumed ? 'resumed; ' : ''}scanned ${result.scanned}, trimmed ${result.trimmed}` +
      (result.changed > 0 ? `, ${result.changed} changed meanwhile: run it again` : ''),
  );
  return result.changed > 0 ? 1 : 0;
}

/**
 * `migrate encrypt-addresses`: seals every address still in clear and re-seals under the newest data key what an
 * older one sealed; resumes from its checkpoint, changes nothing a second time. Prints one line; exit 1 when some
 * records changed under it (a reader's own write came first): running it again finishes them.
 */
export async function migrateCommand(
  what: string | undefined,
  env: Record<string, string | undefined>,
  out: (line: string) => void,
): Promise<number> {
  if (what === 'trim-consent') return trimConsentCommand(env, out);
  if (what !== 'encrypt-addresses') throw new CliError('usage: migrate encrypt-addresses|trim-consent');
  const result = await sealAddresses(await createSealAddressesDeps(stackEnvironment(env)));
  out(
    `${result.resumed ? 'resumed; ' : ''}scanned ${result.scanned}, sealed ${result.sealed}` +
      (result.changed > 0 ? `, ${result.changed} changed meanwhile: run it again` : ''),
  );
  return result.changed > 0 ? 1 : 0;
}
