import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readStackConfig } from './config.ts';
import { NewsletterStack } from './stack.ts';

/** The stack's construct id (and CloudFormation stack name). */
export const STACK_NAME = 'BelarusWeekly';

/** Builds the CDK app: configuration from context, the newsletter stack, and the cdk-nag AwsSolutions checks. */
export function createApp(props: AppProps = {}): { app: App; stack: NewsletterStack } {
  const app = new App(props);
  const stack = new NewsletterStack(app, STACK_NAME, {
    description: 'Weekly commentary newsletter: double opt-in signup, weekly SES send, one-click unsubscribe',
    config: readStackConfig(app.node),
    // Environment-agnostic unless the CLI knows an account: `cdk synth` needs no credentials.
    ...(process.env.CDK_DEFAULT_ACCOUNT
      ? { env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION } }
      : {}),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
