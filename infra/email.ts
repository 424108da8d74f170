import { CfnOutput, Stack } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
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
}

/** The SES events the newsletter reacts to, as EventBridge detail types. */
export const SES_EVENT_DETAIL_TYPES = [
  'Email Bounced',
  'Email Complaint Received',
  'Email Delivered',
  'Email Rejected',
];

/** SES: the sending identity, a configuration set with reputation metrics, and its events on the default bus. */
export class EmailSetup extends Construct implements MailSource {
  /** The From of every e-mail, as configured. */
  readonly senderEmail: string;
  /** The verified identity (domain or address). */
  readonly identity: EmailIdentity;
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
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: domain ? Identity.domain(domain) : Identity.email(senderAddress(props.senderEmail)),
      configurationSet: this.configurationSet,
      ...(domain
        ? {
            dkimSigning: true,
            mailFromDomain: `mail.${domain}`,
            mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
          }
        : {}),
    });
    this.configurationSet.addEventDestination('ToEventBridge', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.DELIVERY,
        EmailSendingEvent.REJECT,
      ],
    });
    if (domain) this.outputDnsRecords(domain);
  }

  /** Routes this configuration set's bounce, complaint, delivery and reject events to a function. */
  routeEventsTo(fn: IFunction, deadLetterQueue: IQueue): Rule {
    return new Rule(this, 'EventsRule', {
      description: 'SES bounces, complaints, deliveries and rejects of the newsletter',
      eventPattern: {
        source: ['aws.ses'],
        detailType: SES_EVENT_DETAIL_TYPES,
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } } },
      },
      targets: [new LambdaFunction(fn, { deadLetterQueue, retryAttempts: 8 })],
    });
  }

  private outputDnsRecords(domain: string): void {
    this.identity.dkimRecords.forEach((record, i) => {
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
