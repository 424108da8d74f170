import { GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod/mini';
import { dataKeyContext } from '../../functions/adapters/kms/data-key-provider.ts';
import { withDataKey } from './first-data-key.ts';

/** The part of a CloudFormation custom resource request this function reads. */
const RequestSchema = z.object({
  RequestType: z.enum(['Create', 'Update', 'Delete']),
  ResponseURL: z.url(),
  StackId: z.string(),
  RequestId: z.string(),
  LogicalResourceId: z.string(),
  ResourceProperties: z.object({
    SecretArn: z.string(),
    KeyArn: z.string(),
    KeyVersion: z.string().check(z.regex(/^d[1-9]\d{0,2}$/)),
  }),
});
type Request = z.infer<typeof RequestSchema>;

const PHYSICAL_ID = 'address-data-key';

/** Adds the data key `KeyVersion` to the stack's secret, first, unless it lists it: GenerateDataKey, PutSecretValue. */
async function provision(properties: Request['ResourceProperties'], requestId: string): Promise<string> {
  const { SecretArn, KeyArn, KeyVersion } = properties;
  const secrets = new SecretsManagerClient({});
  const current = await secrets.send(new GetSecretValueCommand({ SecretId: SecretArn }));
  const next = await withDataKey(current.SecretString ?? '{}', KeyVersion, async (id) => {
    const kms = new KMSClient({});
    const out = await kms.send(
      new GenerateDataKeyCommand({ KeyId: KeyArn, KeySpec: 'AES_256', EncryptionContext: dataKeyContext(id) }),
    );
    if (!out.Plaintext || !out.CiphertextBlob) throw new Error('KMS returned no data key');
    return { plaintext: out.Plaintext, wrapped: Buffer.from(out.CiphertextBlob).toString('base64') };
  });
  if (next === undefined) return `the secret lists data key ${KeyVersion} already: nothing changed`;
  // The request id makes a retried call the same secret version instead of a second one.
  await secrets.send(
    new PutSecretValueCommand({ SecretId: SecretArn, SecretString: next, ClientRequestToken: requestId }),
  );
  return `added data key ${KeyVersion}: it seals from now on`;
}

/**
 * The `Custom::AddressDataKey` resource (infra/data-key-provisioner.ts): on Create and Update, the stack's secret
 * gets the data key `KeyVersion` (`dataKeyVersion` in the stack's context: the first at the first deploy, a new one
 * when it is raised) for sealing readers' addresses; on Delete nothing happens (the key and secret are kept).
 * It answers CloudFormation at the request's pre-signed URL, FAILED with the reason when anything went wrong.
 */
export async function handler(event: unknown): Promise<void> {
  const parsed = RequestSchema.safeParse(event);
  if (!parsed.success) {
    console.error('not a CloudFormation custom resource request', z.prettifyError(parsed.error));
    return;
  }
  const request = parsed.data;
  let status: 'SUCCESS' | 'FAILED' = 'SUCCESS';
  let reason = 'nothing to do on delete: the key and the secret are kept';
  try {
    if (request.RequestType !== 'Delete') reason = await provision(request.ResourceProperties, request.RequestId);
  } catch (error) {
    status = 'FAILED';
    reason = `could not add the address data key: ${error instanceof Error ? error.message : String(error)}`;
  }
  console.log(JSON.stringify({ message: 'address data key', status, reason }));
  const body = JSON.stringify({
    Status: status,
    Reason: reason,
    PhysicalResourceId: PHYSICAL_ID,
    StackId: request.StackId,
    RequestId: request.RequestId,
    LogicalResourceId: request.LogicalResourceId,
  });
  // The pre-signed S3 URL takes a PUT without a content type.
  await fetch(request.ResponseURL, { method: 'PUT', body, headers: { 'content-type': '' } });
}
