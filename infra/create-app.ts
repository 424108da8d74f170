import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readStackConfig } from './config.ts';
import { NewsletterStack } from './stack.ts';

/** The stack's construct id (and CloudFormation stack name) of the first copy; a `stage` adds `-<stage>`. */
export const STACK_NAME = 'BelarusWeekly';

/** The stack name of a copy: `BelarusWeekly`, or `BelarusWeekly-staging` for stage `staging`. */
export function stackNameOf(stage: string | undefined): string {
  return stage ? `${STACK_NAME}-${stage}` : STACK_NAME;
}

/** Builds the CDK app: configuration from context, the newsletter stack, and the cdk-nag AwsSolutions checks. */
export function createApp(props: AppProps = {}): { app: App; stack: NewsletterStack } {
  const app = new App(props);
  const config = readStackConfig(app.node);
  const stack = new NewsletterStack(app, stackNameOf(config.stage), {
    description: `Weekly commentary newsletter${config.stage ? ` (${config.stage})` : ''}: double opt-in signup, weekly SES send, one-click unsubscribe`,
    config,
    // Environment-agnostic unless the CLI knows an account: `cdk synth` needs no credentials.
    ...(process.env.CDK_DEFAULT_ACCOUNT
      ? { env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION } }
      : {}),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
