import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  type IEmailIdentity,
  MailFromBehaviorOnMxFailure,
} from 'aws-cdk-lib/aws-ses';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { MailSource } from './bindings.ts';
import { senderAddress } from './config.ts';

/** Options of the SES setup. */
export interface EmailSetupProps {
  readonly senderEmail: string;
  /** With it: a domain identity with Easy DKIM and a custom MAIL FROM; without it: the address only. */
  readonly senderDomain?: string;
  /** `existing`: another copy of the stack in this account and region created the identity; send through it. */
  readonly senderIdentity: 'create' | 'existing';
  /** In the SES sandbox: recipients to verify (SES mails each a link) and to allow in the senders' policies. */
  readonly sandboxRecipients: readonly string[];
}

/**
 * The SES events the newsletter reacts to, as EventBridge detail types: bounces and complaints (app/ses-events.ts
 * uses nothing else). Deliveries would be one useless invocation per e-mail; a reject is answered to the deliverer
 * synchronously by SendEmail already.
 */
export const SES_EVENT_DETAIL_TYPES = ['Email Bounced', 'Email Complaint Received'];

/** SES: the sending identity, a configuration set with reputation metrics, and its events on the default bus. */
export class EmailSetup extends Construct implements MailSource {
  /** The From of every e-mail, as configured. */
  readonly senderEmail: string;
  /** The verified identity (domain or address). */
  readonly identity: IEmailIdentity;
  /** The sandbox recipients' identities: SES checks a sender's policy against them too while in the sandbox. */
  readonly recipientIdentityArns: string[];
  /** The configuration set every e-mail is sent through. */
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string, props: EmailSetupProps) {
    super(scope, id);
    this.senderEmail = props.senderEmail;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
    });
    const domain = props.senderDomain;
    const name = domain ?? senderAddress(props.senderEmail);
    this.identity =
      props.senderIdentity === 'existing'
        ? EmailIdentity.fromEmailIdentityName(this, 'Identity', name)
        : new EmailIdentity(this, 'Identity', {
            identity: domain ? Identity.domain(domain) : Identity.email(name),
            configurationSet: this.configurationSet,
            ...(domain
              ? {
                  dkimSigning: true,
                  mailFromDomain: `mail.${domain}`,
                  mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
                }
              : {}),
          });
    this.recipientIdentityArns = props.sandboxRecipients.map((address, i) => {
      new EmailIdentity(this, `SandboxRecipient${i + 1}`, { identity: Identity.email(address) });
      return Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: address });
    });
    this.configurationSet.addEventDestination('ToEventBridge', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    if (domain && this.identity instanceof EmailIdentity) this.outputDnsRecords(domain, this.identity);
  }

  /**
   * Routes this configuration set's bounces and complaints to a function: EventBridge retries handing an event over
   * (then its dead-letter queue); the function's own asynchronous retries end in the same queue (alarmed).
   */
  routeEventsTo(fn: IFunction, deadLetterQueue: IQueue): Rule {
    fn.configureAsyncInvoke({
      // Applying an event again changes nothing (states and sets), so retrying is safe.
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(deadLetterQueue),
    });
    return new Rule(this, 'EventsRule', {
      description: 'SES bounces and complaints of the newsletter',
      eventPattern: {
        source: ['aws.ses'],
        detailType: SES_EVENT_DETAIL_TYPES,
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } } },
      },
      targets: [new LambdaFunction(fn, { deadLetterQueue, retryAttempts: 8 })],
    });
  }

  private outputDnsRecords(domain: string, identity: EmailIdentity): void {
    identity.dkimRecords.forEach((record, i) => {
      const output = new CfnOutput(this, `DkimCname${i + 1}`, {
        description: `DKIM: publish a CNAME record with this name and value (${i + 1} of 3)`,
        value: `${record.name} CNAME ${record.value}`,
      });
      output.overrideLogicalId(`DkimCname${i + 1}`);
    });
    new CfnOutput(this, 'MailFromRecords', {
      description: 'MAIL FROM: publish this MX record and an SPF TXT record "v=spf1 include:amazonses.com ~all"',
      value: `mail.${domain} MX 10 feedback-smtp.${Stack.of(this).region}.amazonses.com`,
    }).overrideLogicalId('MailFromRecords');
  }
}
