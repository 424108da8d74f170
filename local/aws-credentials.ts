import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** What signs a call to AWS: keys as given, or a provider that finds them. */
export type AwsCredentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

/**
 * The keys in `env` (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, with AWS_SESSION_TOKEN when set), else the SDK's
 * default chain (AWS_PROFILE, SSO...). The environment comes first in that chain too; reading it from `env` lets the
 * caller decide what it holds (the CLI and the doctor are handed theirs).
 */
export function credentialsFrom(env: Readonly<Record<string, string | undefined>>): AwsCredentials {
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) return defaultProvider();
  return {
    accessKeyId: env.AWS_ACCESS_KEY_ID,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
  };
}
