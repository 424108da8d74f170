import { join } from 'node:path';
import { CustomResource, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { type IRole, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { bundledNode22, PROJECT_ROOT } from './lambda.ts';

/**
 * Puts the address data key into the stack's secret at deploy (`Custom::AddressDataKey`): a small function
 * (infra/provisioner/handler.ts) asks KMS for a data key under the address key, derives the public request key
 * subscribe seals to, and stores the wrapped key and the request key in the secret, first; on an update or a second
 * deployment it finds that version and changes nothing. Raising `dataKeyVersion` adds a new key (rotation). Its role may read and write that secret only; the key policy lets
 * it GenerateDataKey (never Decrypt) for data keys of the address purpose (infra/address-key.ts).
 */
export class DataKeyProvisioner extends Construct {
  /** The function's role, which the key policy names for GenerateDataKey. */
  readonly role: IRole;
  private readonly fn: NodejsFunction;
  private readonly secret: ISecret;

  constructor(scope: Construct, id: string, props: { readonly secret: ISecret }) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Adds the first address data key to the secret at deploy',
    });
    logGroup.grantWrite(role);
    role.addToPolicy(
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'],
        resources: [props.secret.secretArn],
      }),
    );
    this.role = role;
    this.secret = props.secret;
    const fn = new NodejsFunction(this, 'Function', {
      ...bundledNode22(join(PROJECT_ROOT, 'infra', 'provisioner', 'handler.ts')),
      description: 'Adds the first address data key to the secret (CloudFormation custom resource)',
      memorySize: 256,
      timeout: Duration.seconds(60),
      role,
      logGroup,
      environment: { NODE_OPTIONS: '--enable-source-maps' },
    });
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions::AwsSolutions-L1',
      reason: 'Node.js 22, like every function of the stack (see infra/lambda.ts)',
    });
    this.fn = fn;
  }

  /** The resource that adds data key `d<version>` under `key` (whose policy names this role); functions depend on it. */
  provision(key: IKey, version: number): CustomResource {
    return new CustomResource(this, 'Resource', {
      serviceToken: this.fn.functionArn,
      resourceType: 'Custom::AddressDataKey',
      properties: { SecretArn: this.secret.secretArn, KeyArn: key.keyArn, KeyVersion: `d${version}` },
    });
  }
}
