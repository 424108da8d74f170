import { RemovalPolicy } from 'aws-cdk-lib';
import { AccountRootPrincipal, type IRole, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { DATA_KEY_PURPOSE } from '../functions/adapters/kms/data-key-provider.ts';
import { DataKeyProvisioner } from './data-key-provisioner.ts';
import type { FunctionSpec } from './function-spec.ts';

/** What the account (its administrators) may do with the key: manage it and wrap new data keys, never unwrap. */
const ADMIN_ACTIONS = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  // A new data key version (`newsletter keys add-data-key`): wrapped only, its clear bytes never leave KMS.
  'kms:GenerateDataKeyWithoutPlaintext',
];

/**
 * The customer-managed KMS key that wraps the address data keys (automatic yearly rotation of its key material).
 * Its key policy is the whole policy: the account may manage it and wrap, and only the roles passed to the
 * constructor, the functions that mail or export a reader, may `Decrypt`, and only data keys of this purpose. Every
 * such Decrypt (one per data key per cold start) is in CloudTrail.
 */
export class AddressKey extends Construct {
  readonly key: Key;

  constructor(
    scope: Construct,
    id: string,
    props: { readonly decrypters: readonly IRole[]; readonly generators: readonly IRole[] },
  ) {
    super(scope, id);
    const policy = new PolicyDocument({
      statements: [
        new PolicyStatement({
          sid: 'AccountManagesAndWrapsNeverUnwraps',
          principals: [new AccountRootPrincipal()],
          actions: ADMIN_ACTIONS,
          resources: ['*'],
        }),
        new PolicyStatement({
          sid: 'OnlyTheFunctionsThatMailOrExportAReaderUnwrap',
          principals: [...props.decrypters],
          actions: ['kms:Decrypt'],
          resources: ['*'],
          conditions: { StringEquals: { 'kms:EncryptionContext:purpose': DATA_KEY_PURPOSE } },
        }),
        // The deploy-time provisioner (infra/data-key-provisioner.ts) makes the first data key: it sees its clear
        // bytes once, to derive the public request key, and stores only the wrapped form. It cannot Decrypt.
        new PolicyStatement({
          sid: 'TheProvisionerMakesTheFirstDataKey',
          principals: [...props.generators],
          actions: ['kms:GenerateDataKey'],
          resources: ['*'],
          conditions: { StringEquals: { 'kms:EncryptionContext:purpose': DATA_KEY_PURPOSE } },
        }),
      ],
    });
    this.key = new Key(this, 'Key', {
      description: "Wraps the data keys that encrypt readers' e-mail addresses at rest",
      enableKeyRotation: true,
      // Like the table: without it no stored address opens again.
      removalPolicy: RemovalPolicy.RETAIN,
      policy,
    });
  }
}

/**
 * The address key and the data key under it, wired to the stack's functions: the key's policy names the roles of
 * the functions that open addresses (they alone learn its ARN), and every function given the secret starts after
 * the data key is in it (subscribe seals with it).
 */
export function addressKeys(
  scope: Construct,
  props: {
    readonly secret: ISecret;
    readonly version: number;
    readonly functions: readonly { readonly fn: NodejsFunction; readonly spec: FunctionSpec }[];
  },
): AddressKey {
  const decrypters = props.functions.filter((f) => f.spec.access?.openAddresses === true);
  const provisioner = new DataKeyProvisioner(scope, 'AddressDataKey', { secret: props.secret });
  const addressKey = new AddressKey(scope, 'AddressKey', {
    decrypters: decrypters.map((f) => f.fn.role as IRole),
    generators: [provisioner.role],
  });
  for (const f of decrypters) f.fn.addEnvironment('ADDRESS_KEY_ARN', addressKey.key.keyArn);
  const dataKey = provisioner.provision(addressKey.key, props.version);
  for (const f of props.functions) if (f.spec.access) f.fn.node.addDependency(dataKey);
  return addressKey;
}
