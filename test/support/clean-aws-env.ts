import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every test file starts as from a shell with no AWS configuration, whatever the developer running the tests has set:
 * credentials, a Region, a profile or `~/.aws` files would otherwise reach the local stack (its Region names the desk's
 * identities, its credentials sign the editors' API), the CLI's child processes and the tests' own SDK clients (issue
 * 19 item 9: with `AWS_REGION=eu-west-1` set, `desk-identity.test` got `eu-west-1:…` identities). A test that needs
 * some sets them itself. The endpoint variables the runner accepts for fault proxies (`AWS_ENDPOINT_URL_*`) stay.
 */
const CONFIGURATION = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
] as const;
for (const name of CONFIGURATION) delete process.env[name];
// No shared config or credentials file: a path that does not exist reads as empty.
process.env.AWS_CONFIG_FILE = join(tmpdir(), 'newsletter-tests-no-aws-config');
process.env.AWS_SHARED_CREDENTIALS_FILE = join(tmpdir(), 'newsletter-tests-no-aws-credentials');
