import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { listenLocally } from './listen.ts';

/**
 * A stand-in for the two AWS JSON APIs the data-key provisioner and the KMS data-key provider call, on one loopback
 * port: KMS (GenerateDataKey, Decrypt; the ciphertext is AES-GCM under a wrapping key of its own, bound to the
 * encryption context as KMS binds it) and Secrets Manager (GetSecretValue, PutSecretValue, idempotent by
 * ClientRequestToken). `refuse` makes KMS answer AccessDeniedException, as a key policy without the caller would.
 */
export async function startFakeKmsAndSecrets(secretString: string) {
  const wrappingKey = randomBytes(32);
  const state = { secretString, puts: 0, tokens: new Set<string>(), refuse: false, calls: [] as string[] };
  const aad = (context: unknown) =>
    Buffer.from(JSON.stringify(Object.entries((context ?? {}) as Record<string, string>).sort()));
  const operations: Record<string, (input: Record<string, unknown>) => [number, unknown]> = {
    'TrentService.GenerateDataKey': (input) => {
      if (state.refuse) return [400, { __type: 'AccessDeniedException', message: 'not allowed by the key policy' }];
      const plaintext = randomBytes(32);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv).setAAD(aad(input.EncryptionContext));
      const blob = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      return [
        200,
        { KeyId: input.KeyId, Plaintext: plaintext.toString('base64'), CiphertextBlob: blob.toString('base64') },
      ];
    },
    'TrentService.Decrypt': (input) => {
      const blob = Buffer.from(String(input.CiphertextBlob), 'base64');
      try {
        const decipher = createDecipheriv('aes-256-gcm', wrappingKey, blob.subarray(0, 12));
        decipher.setAAD(aad(input.EncryptionContext)).setAuthTag(blob.subarray(blob.length - 16));
        const plaintext = Buffer.concat([decipher.update(blob.subarray(12, blob.length - 16)), decipher.final()]);
        return [200, { KeyId: input.KeyId, Plaintext: plaintext.toString('base64') }];
      } catch {
        return [400, { __type: 'InvalidCiphertextException', message: 'does not decrypt' }];
      }
    },
    'secretsmanager.GetSecretValue': (input) => [200, { ARN: input.SecretId, SecretString: state.secretString }],
    'secretsmanager.PutSecretValue': (input) => {
      const token = String(input.ClientRequestToken);
      if (!state.tokens.has(token)) {
        state.tokens.add(token);
        state.secretString = String(input.SecretString);
        state.puts++;
      }
      return [200, { ARN: input.SecretId, VersionId: token }];
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      state.calls.push(target);
      const operation = operations[target];
      const [status, body] = operation
        ? operation(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'))
        : [400, { __type: 'UnknownOperationException', message: `no ${target} here` }];
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(body));
    });
  });
  const { endpoint, close } = await listenLocally(server);
  return { endpoint, state, close };
}
