import { type CfnElement, CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { type IReceiptRuleAction, type ReceiptRuleActionConfig, ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { Lambda, LambdaInvocationType } from 'aws-cdk-lib/aws-ses-actions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { type Bindable, bindObjectReader } from './bindings.ts';

/** Options of SES receiving. */
export interface InboundMailProps {
  /** The domain mail is received for (the readers' unsubscribe addresses, the feedback-loop address). */
  readonly domain: string;
  /** The receiving function and its log group. */
  readonly fn: Bindable;
  readonly logGroup: ILogGroup;
  /** Where invocations that failed every retry go (alarmed). */
  readonly deadLetterQueue: IQueue;
  /** Feedback-loop senders trusted for Original-Rcpt-To (FEEDBACK_LOOP_DOMAINS); default the function's own list. */
  readonly feedbackLoopDomains?: readonly string[];
}

/** Where SES writes each message: `mail/<SES message id>`. */
export const INBOUND_PREFIX = 'mail/';
/** The receipt rule's name (unique within its rule set, which is this stack's own): the bucket policy names it. */
export const INBOUND_RULE_NAME = 'inbound-mail';
/** How long a received message is kept: long enough to look at a failed one, short for personal data. */
export const INBOUND_RETENTION_DAYS = 3;

/**
 * SES receiving for the inbound domain: a receipt rule set whose one rule (TLS required, spam and virus scan)
 * stores each message in an encrypted, private bucket that forgets it after three days, then invokes the receiving
 * function asynchronously (two retries, then the dead-letter queue). Dropped messages are counted by reason.
 */
export class InboundMail extends Construct {
  /** The received messages. */
  readonly bucket: Bucket;
  /** The rule set; activate it once (SES allows one active rule set per region). */
  readonly ruleSet: ReceiptRuleSet;

  constructor(scope: Construct, id: string, props: InboundMailProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [
        {
          id: 'ForgetReceivedMail',
          expiration: Duration.days(INBOUND_RETENTION_DAYS),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason:
        'holds received mail for three days; only SES writes and only the receiving function reads (its role is the one grant); server access logs would keep the addresses of who wrote to us longer than the mail itself',
    });
    bindObjectReader(props.fn, this.bucket, INBOUND_PREFIX);
    if (props.feedbackLoopDomains)
      props.fn.addEnvironment('FEEDBACK_LOOP_DOMAINS', props.feedbackLoopDomains.join(','));
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    if (props.fn.role) {
      Validations.of(props.fn.role).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${INBOUND_PREFIX}*]`,
        reason:
          'SES names each stored message by its own message id, so the function may read any object under the prefix SES writes to; nothing else in the bucket, and no list, write or delete',
      });
    }
    props.fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(props.deadLetterQueue),
    });
    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet');
    // Added after the rule set exists: the bucket policy names the rule by its set's name. `Rule0` as the `rules`
    // prop would call it (the logical id stays).
    this.ruleSet.addRule('Rule0', {
      receiptRuleName: INBOUND_RULE_NAME,
      recipients: [props.domain],
      scanEnabled: true,
      tlsPolicy: TlsPolicy.REQUIRE,
      actions: [
        new StoreInBucket(this.bucket, INBOUND_PREFIX, this.ruleArn()),
        new Lambda({ function: props.fn as IFunction, invocationType: LambdaInvocationType.EVENT }),
      ],
    });
    new MetricFilter(this, 'DroppedMail', {
      logGroup: props.logGroup,
      filterPattern: FilterPattern.stringValue('$.message', '=', 'inbound: dropped'),
      metricNamespace: 'Newsletter',
      metricName: 'InboundDropped',
      metricValue: '1',
      dimensions: { reason: '$.reason' },
    });
    const region = Stack.of(this).region;
    new CfnOutput(this, 'MxRecord', {
      description: 'Inbound mail: publish this MX record (SES receives for the domain in this region)',
      value: `${props.domain} MX 10 inbound-smtp.${region}.amazonaws.com`,
    }).overrideLogicalId('InboundMxRecord');
    new CfnOutput(this, 'RuleSetName', {
      description: 'Activate once: aws ses set-active-receipt-rule-set --rule-set-name <this>',
      value: this.ruleSet.receiptRuleSetName,
    }).overrideLogicalId('InboundRuleSetName');
  }

  /** The one rule's ARN, from the rule set's name and the rule's fixed name (no reference to the rule: no cycle). */
  private ruleArn(): string {
    return Stack.of(this).formatArn({
      service: 'ses',
      resource: 'receipt-rule-set',
      resourceName: `${this.ruleSet.receiptRuleSetName}:receipt-rule/${INBOUND_RULE_NAME}`,
    });
  }
}

/**
 * SES's S3 action, with a bucket policy that lets SES write only for this account (aws:SourceAccount) and only for
 * this receipt rule (aws:SourceArn), so no other rule in the account can drop mail into the bucket. The rule waits
 * for the policy: SES checks it can write when the rule is created.
 */
class StoreInBucket implements IReceiptRuleAction {
  constructor(
    private readonly bucket: Bucket,
    private readonly prefix: string,
    private readonly ruleArn: string,
  ) {}

  bind(rule: IConstruct): ReceiptRuleActionConfig {
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        resources: [this.bucket.arnForObjects(`${this.prefix}*`)],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Stack.of(this.bucket).account, 'aws:SourceArn': this.ruleArn },
        },
      }),
    );
    const policy = this.bucket.policy;
    if (policy) rule.node.addDependency(policy);
    return { s3Action: { bucketName: this.bucket.bucketName, objectKeyPrefix: this.prefix } };
  }
}
