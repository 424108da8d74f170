import { CfnOutput, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { REPERMISSION_SCHEDULE } from '../functions/core/weekly-schedule.ts';
import { addressKeys } from './address-key.ts';
import { Alarms } from './alarms.ts';
import { bindDispatchStarter, bindMail, bindQueueProducer, bindSecret, bindTable } from './bindings.ts';
import { type StackConfig, senderAddress } from './config.ts';
import { ConfirmationQueue } from './confirmations.ts';
import { NewsletterDashboard } from './dashboard.ts';
import { EditorsDesk } from './desk.ts';
import { ApiDomain } from './domain.ts';
import { adminPolicies } from './editors.ts';
import { EmailSetup } from './email.ts';
import { DELIVER_TIMEOUT, FUNCTIONS, type FunctionSpec } from './functions.ts';
import { PublicApi } from './http-api.ts';
import { InboundMail } from './inbound.ts';
import { type EntryName, NewsletterFunction } from './lambda.ts';
import { schedulePrepare } from './prepare-schedule.ts';
import { SendQueues } from './sending.ts';
import { newsletterTable } from './table.ts';
import { recipientsPerMessage } from './throughput.ts';

/** Props of the newsletter stack. */
export interface NewsletterStackProps extends StackProps {
  readonly config: StackConfig;
}

/** The whole newsletter: table, secret, SES, HTTP API, weekly send pipeline, alarms. */
export class NewsletterStack extends Stack {
  /** Every function, by entry point. */
  readonly functions: Record<Exclude<EntryName, 'inbound'>, NewsletterFunction> & { inbound?: NewsletterFunction };
  /** The single table. */
  readonly table: Table;
  /** The public API. */
  readonly api: PublicApi;

  constructor(scope: Construct, id: string, props: NewsletterStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.table = newsletterTable(this, 'Table');
    const secret = new Secret(this, 'Secret', {
      description: 'Newsletter token and id keys ({"master": ...}); generated at deploy',
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'master',
        excludePunctuation: true,
        passwordLength: 48,
      },
      // Kept like the table: a new secret derives other reader ids and breaks every link already mailed. Never edit
      // generateSecretString or move this construct (test/infra/readiness.test.ts pins both): either regenerates it.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SMG4',
      reason:
        "the master key signs every confirm/unsubscribe link and derives stable subscriber ids; automatic rotation would break links already in mailboxes and every id. Token keys rotate instead through the secret's tokenKeys list (newest signs, all verify)",
    });
    const mail = new EmailSetup(this, 'Email', {
      senderEmail: config.senderEmail,
      senderDomain: config.senderDomain,
      senderIdentity: config.senderIdentity,
      sandboxRecipients: config.sandboxRecipients,
    });
    this.api = new PublicApi(this, 'PublicApi', {
      allowedOrigins: config.allowedOrigins,
      throttle: config.apiThrottle,
    });
    const queues = new SendQueues(this, 'Sending', { deliverTimeout: DELIVER_TIMEOUT });
    const alarms = new Alarms(this, 'Alarms', { alarmEmail: config.alarmEmail });

    const domain =
      config.domainName && config.certificateArn
        ? new ApiDomain(this, 'CustomDomain', {
            domainName: config.domainName,
            certificateArn: config.certificateArn,
            api: this.api.api,
            stage: this.api.stage,
          })
        : undefined;
    // Where the API answers readers: the custom domain when there is one.
    const apiBase = domain?.url ?? this.api.url;
    const publicSettings = {
      PUBLIC_URL: config.publicUrl ?? apiBase,
      ...(config.privacyUrl ? { PRIVACY_URL: config.privacyUrl } : {}),
      ...(config.brandColour ? { BRAND_COLOUR: config.brandColour } : {}),
    };
    const appSettings = {
      ...publicSettings,
      ALLOWED_ORIGINS: config.allowedOrigins.join(','),
      LIST_ID: config.listId ?? `weekly.${senderAddress(config.senderEmail).split('@')[1]}`,
      TIMEZONE: config.timezone,
      LANGUAGES: config.languages.join(','),
      LANGUAGE_FALLBACKS: JSON.stringify(config.languageFallbacks),
      SCHEDULE: config.schedule,
      FEEDS: JSON.stringify(config.feeds),
      FEED_TRENDS: JSON.stringify(config.feedTrends),
      EDITOR_EMAILS: config.editorEmails.join(','),
      CONFIRMATIONS_PER_HOUR: String(config.confirmationsPerHour),
      ...(config.siteUrl ? { SITE_URL: config.siteUrl } : {}),
      ...(config.contactEmail ? { CONTACT_EMAIL: config.contactEmail } : {}),
      ...(config.postalAddress ? { POSTAL_ADDRESS: config.postalAddress } : {}),
      ...(config.senderNames ? { SENDER_NAMES: JSON.stringify(config.senderNames) } : {}),
      ...(config.inboundDomain ? { INBOUND_DOMAIN: config.inboundDomain } : {}),
    };
    const build = (entry: EntryName): NewsletterFunction => {
      const spec: FunctionSpec = FUNCTIONS[entry];
      const { access } = spec;
      const environment = { ...(access ? appSettings : publicSettings), POWERTOOLS_LOG_LEVEL: 'INFO' };
      const nf = new NewsletterFunction(this, pascal(entry), { ...spec, entry, environment });
      if (access) {
        bindTable(nf.fn, this.table, access);
        bindSecret(nf.fn, secret, { read: access.readSecret });
        bindMail(nf.fn, mail, { send: access.sendMail, checkSender: access.checkSender === true });
      }
      if (spec.routes) this.api.addRoutes(pascal(entry), nf.fn, spec.routes, spec.authorization);
      if (entry === 'subscribe') this.api.throttleRoute('POST /subscribe', config.subscribeThrottle);
      alarms.functionErrors(`${pascal(entry)}Errors`, nf.fn);
      return nf;
    };
    this.functions = {
      subscribe: build('subscribe'),
      'send-confirmation': build('send-confirmation'),
      confirm: build('confirm'),
      unsubscribe: build('unsubscribe'),
      erase: build('erase'),
      widget: build('widget'),
      archive: build('archive'),
      admin: build('admin'),
      dispatch: build('dispatch'),
      prepare: build('prepare'),
      repermission: build('repermission'),
      hold: build('hold'),
      deliver: build('deliver'),
      'ses-events': build('ses-events'),
      desk: build('desk'),
      ...(config.inboundDomain ? { inbound: build('inbound') } : {}),
    };

    const functions = Object.entries(this.functions) as [EntryName, NewsletterFunction][];
    addressKeys(this, {
      secret,
      version: config.dataKeyVersion,
      functions: functions.map(([entry, f]) => ({ fn: f.fn, spec: FUNCTIONS[entry] })),
    });
    const { dispatch, deliver, admin } = this.functions;
    bindDispatchStarter(admin.fn, dispatch.fn);
    // Two roles, from the marks in the route table (infra/routes.ts): the editors never reach a reader's data.
    const policies = adminPolicies(this, this.api);
    new EditorsDesk(this, 'EditorsDesk', {
      apiBase,
      domainPrefix: config.deskDomainPrefix ?? this.stackName.toLowerCase(),
      editors: config.editors,
      policies,
      fn: this.functions.desk.fn,
    });
    new NewsletterDashboard(this, 'Dashboard', {
      functions: Object.fromEntries(Object.entries(this.functions).map(([name, f]) => [name, f.fn])),
      queues: {
        send: queues.queue,
        deadLetters: queues.deadLetterQueue,
        invocationDeadLetters: queues.invocationDeadLetterQueue,
      },
    });
    bindQueueProducer(dispatch.fn, queues.queue);
    // Recipients per queue message, so that the deliverer's batches fit its time budget (infra/throughput.ts).
    dispatch.fn.addEnvironment('BATCH_SIZE', String(recipientsPerMessage(config.sesMaxSendRate)));
    queues.scheduleDispatcher(dispatch.fn, { expression: config.schedule, timezone: config.timezone });
    schedulePrepare(this, 'Prepare', this.functions.prepare.fn, {
      expression: config.prepareSchedule,
      timezone: config.timezone,
      deadLetterQueue: queues.invocationDeadLetterQueue,
    });
    // Daily: the reminder 7 days after the re-permission e-mail and the erasure after 30 go out within a day.
    schedulePrepare(this, 'Repermission', this.functions.repermission.fn, {
      expression: REPERMISSION_SCHEDULE.awsExpression,
      timezone: config.timezone,
      deadLetterQueue: queues.invocationDeadLetterQueue,
      description: "Runs the imports' re-permission steps due (e-mail, reminder, erasure) every day",
      // A retry mails no one twice: each step is taken (a conditional delete) before its e-mail.
      retryAttempts: 2,
    });
    alarms.feedPullFailures('FeedPullFailures');
    alarms.deliveryOutcomes(deliver.logGroup);
    // What `npm run newsletter -- doctor --outputs FILE` checks.
    new CfnOutput(this, 'SenderIdentity', {
      description: 'The SES identity every e-mail is sent from (doctor checks it is verified, with DKIM and MAIL FROM)',
      value: config.senderDomain ?? senderAddress(config.senderEmail),
    });
    new CfnOutput(this, 'SesMaxSendRate', {
      description: "The send rate the deliverers are sized for (doctor compares it with the account's quota)",
      value: String(config.sesMaxSendRate),
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      description: 'Every alarm is published here: subscribe an address and confirm it',
      value: alarms.topic.topicArn,
    });
    new CfnOutput(this, 'DispatchFunctionName', {
      description: 'Run a send by hand: aws lambda invoke --function-name <this> --payload {"edition":"2026-W48"}',
      value: dispatch.fn.functionName,
    });
    queues.attachDeliverer(deliver.fn, { sesMaxSendRate: config.sesMaxSendRate, timeout: DELIVER_TIMEOUT });
    this.functions['ses-events'].fn.addEnvironment('SOFT_BOUNCE_LIMIT', String(config.softBounceLimit));
    mail.routeEventsTo(this.functions['ses-events'].fn, queues.invocationDeadLetterQueue);
    const { inbound } = this.functions;
    if (inbound && config.inboundDomain) {
      new InboundMail(this, 'Receiving', {
        domain: config.inboundDomain,
        fn: inbound.fn,
        logGroup: inbound.logGroup,
        deadLetterQueue: queues.invocationDeadLetterQueue,
        ...(config.feedbackLoopDomains ? { feedbackLoopDomains: config.feedbackLoopDomains } : {}),
      });
    }
    // Subscribe answers at once; the confirmation e-mail goes out from the queue, retried when SES fails.
    const confirmations = new ConfirmationQueue(this, 'Confirmations', {
      consumerTimeout: this.functions['send-confirmation'].fn.timeout,
    });
    bindQueueProducer(this.functions.subscribe.fn, confirmations.queue, 'CONFIRM_QUEUE_URL');
    confirmations.attachConsumer(this.functions['send-confirmation'].fn);
    alarms.deadLetters('ConfirmationDlqMessages', confirmations.deadLetterQueue, 'A confirmation e-mail');
    alarms.confirmationsPaused('ConfirmationsPaused');
    alarms.deadLetters('SendDlqMessages', queues.deadLetterQueue, 'A batch of recipients');
    alarms.deadLetters(
      'InvocationDlqMessages',
      queues.invocationDeadLetterQueue,
      'A scheduled send, an SES event or a received message',
    );

    new CfnOutput(this, 'ApiUrl', { description: 'Base URL of the public HTTP API', value: this.api.url });
    new CfnOutput(this, 'TableName', { description: 'The DynamoDB table', value: this.table.tableName });
    new CfnOutput(this, 'WidgetUrl', {
      description:
        'The widget script: embed <script src="<this>" defer></script> and its no-JS form, see docs/widget.md',
      value: `${apiBase}/widget.js`,
    });
  }
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
