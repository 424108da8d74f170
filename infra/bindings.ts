import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConfigurationSet, IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';

// Each binder sets a resource's environment variable and grants exactly the named actions in one call, so the
// variable and the permission cannot drift apart. An empty action list binds the variable only:
// functions/app/config.ts requires TABLE_NAME, SENDER_EMAIL and a secret source in every function.

/** A function whose environment can be extended. */
export type Bindable = IFunction & { addEnvironment(key: string, value: string): unknown };

/** Item-level DynamoDB actions a function may need. */
export type ItemAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchWriteItem'
  | 'Query'
  | 'Scan';

/**
 * Sets TABLE_NAME; grants item actions on the table and `Query` on the named indexes only (never `index/*`). With
 * `leadingKeys`, the item actions apply only to partition keys starting with one of those prefixes.
 */
export function bindTable(
  fn: Bindable,
  table: ITable,
  access: { items: readonly ItemAction[]; queryIndexes?: readonly string[]; leadingKeys?: readonly string[] },
): void {
  fn.addEnvironment('TABLE_NAME', table.tableName);
  if (access.items.length > 0) {
    const actions = access.items.map((a) => `dynamodb:${a}`);
    if (access.leadingKeys) {
      fn.addToRolePolicy(
        new PolicyStatement({
          actions,
          resources: [table.tableArn],
          conditions: {
            'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': access.leadingKeys.map((prefix) => `${prefix}*`) },
          },
        }),
      );
    } else Grant.addToPrincipal({ grantee: fn, actions, resourceArns: [table.tableArn] });
  }
  const indexes = access.queryIndexes ?? [];
  if (indexes.length > 0) {
    Grant.addToPrincipal({
      grantee: fn,
      actions: ['dynamodb:Query'],
      resourceArns: indexes.map((name) => `${table.tableArn}/index/${name}`),
    });
  }
}

/** Sets SECRET_ARN; with `read`, grants `GetSecretValue` (the one call the code makes) on that one secret. */
export function bindSecret(fn: Bindable, secret: ISecret, access: { read: boolean }): void {
  fn.addEnvironment('SECRET_ARN', secret.secretArn);
  if (access.read)
    Grant.addToPrincipal({ grantee: fn, actions: ['secretsmanager:GetSecretValue'], resourceArns: [secret.secretArn] });
}

/** Where e-mail comes from: the sender, its SES identity and the configuration set every send goes through. */
export interface MailSource {
  readonly senderEmail: string;
  readonly identity: IEmailIdentity;
  readonly configurationSet: IConfigurationSet;
  /** In the SES sandbox, the recipients' identities: SendEmail is authorized against them too. */
  readonly recipientIdentityArns?: readonly string[];
}

/**
 * Sets SENDER_EMAIL, SES_CONFIGURATION_SET and SES_IDENTITY; with `checkSender`, grants `ses:GetEmailIdentity` on
 * that identity; with `send`, grants `ses:SendEmail` on that identity and set.
 */
export function bindMail(fn: Bindable, mail: MailSource, access: { send: boolean; checkSender?: boolean }): void {
  fn.addEnvironment('SENDER_EMAIL', mail.senderEmail);
  fn.addEnvironment('SES_CONFIGURATION_SET', mail.configurationSet.configurationSetName);
  fn.addEnvironment('SES_IDENTITY', mail.identity.emailIdentityName);
  if (access.checkSender)
    Grant.addToPrincipal({
      grantee: fn,
      actions: ['ses:GetEmailIdentity'],
      resourceArns: [mail.identity.emailIdentityArn],
    });
  if (!access.send) return;
  // SES v2 SendEmail checks the sending identity and, when one is named, the configuration set.
  const configurationSetArn = Stack.of(mail.configurationSet).formatArn({
    service: 'ses',
    resource: 'configuration-set',
    resourceName: mail.configurationSet.configurationSetName,
  });
  Grant.addToPrincipal({
    grantee: fn,
    actions: ['ses:SendEmail'],
    resourceArns: [mail.identity.emailIdentityArn, configurationSetArn, ...(mail.recipientIdentityArns ?? [])],
  });
}

/** Sets QUEUE_URL (or `variable`) and grants `sqs:SendMessage` (also covers SendMessageBatch) on that queue. */
export function bindQueueProducer(fn: Bindable, queue: IQueue, variable = 'QUEUE_URL'): void {
  fn.addEnvironment(variable, queue.queueUrl);
  queue.grant(fn, 'sqs:SendMessage');
}

/** Sets DISPATCH_FUNCTION_NAME and grants `lambda:InvokeFunction` on that one function (the editors' `send`). */
export function bindDispatchStarter(fn: Bindable, dispatcher: IFunction): void {
  fn.addEnvironment('DISPATCH_FUNCTION_NAME', dispatcher.functionName);
  // The function itself, not `:*` (its versions and aliases): the admin function invokes it by name.
  Grant.addToPrincipal({ grantee: fn, actions: ['lambda:InvokeFunction'], resourceArns: [dispatcher.functionArn] });
}

/** Sets INBOUND_BUCKET and INBOUND_PREFIX; grants `s3:GetObject` on the objects under that prefix only. */
export function bindObjectReader(fn: Bindable, bucket: IBucket, prefix: string): void {
  fn.addEnvironment('INBOUND_BUCKET', bucket.bucketName);
  fn.addEnvironment('INBOUND_PREFIX', prefix);
  Grant.addToPrincipal({ grantee: fn, actions: ['s3:GetObject'], resourceArns: [bucket.arnForObjects(`${prefix}*`)] });
}
