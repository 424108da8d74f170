import { type CfnElement, CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { PublicApi, RouteKey } from './http-api.ts';
import { routesOfRole } from './routes.ts';

/**
 * A managed policy for one admin role: `execute-api:Invoke` on that role's admin routes of this API's stage and
 * nothing else. The editors' (content, sends, reports, stats; to attach to editors' users or roles or a content
 * repository's CI role) and the subscriber data one (lookup, export, erase; for the person answering data requests).
 */
export class AdminPolicy extends Construct {
  /** The policy. */
  readonly policy: ManagedPolicy;

  constructor(
    scope: Construct,
    id: string,
    props: { api: PublicApi; routes: readonly RouteKey[]; description: string },
  ) {
    super(scope, id);
    this.policy = new ManagedPolicy(this, 'Policy', {
      description: props.description,
      statements: [
        new PolicyStatement({ actions: ['execute-api:Invoke'], resources: props.api.invokeArns(props.routes) }),
      ],
    });
    const apiId = Stack.of(this).getLogicalId(props.api.api.node.defaultChild as CfnElement);
    for (const key of props.routes) {
      const [method, path] = key.split(' ') as [string, string];
      if (!path.includes('{')) continue;
      const resource = `arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${apiId}>/${props.api.stage.stageName}/${method}${path.replace(/\{[^}]+\}/g, '*')}`;
      Validations.of(this.policy).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${resource}]`,
        reason: `the wildcards stand only for the path parameters of ${key}: one method, one /admin/ path of this API and stage`,
      });
    }
  }
}

/**
 * The two admin roles' managed policies, from the marks in the route table (infra/routes.ts), and their outputs:
 * `editors` (the editors' API) and `subscriberData` (a reader's lookup, export and erasure).
 */
export function adminPolicies(stack: Stack, api: PublicApi): { editors: ManagedPolicy; subscriberData: ManagedPolicy } {
  const editors = new AdminPolicy(stack, 'Editors', {
    api,
    routes: routesOfRole('editors'),
    description: "Call the newsletter's editors' API (/admin/ content, sends, reports, stats; no subscriber data)",
  });
  new CfnOutput(stack, 'EditorsPolicyArn', {
    description:
      "Attach to editors' users or roles (or a content repository's CI role): the editors' API and nothing else",
    value: editors.policy.managedPolicyArn,
  });
  const subscriberData = new AdminPolicy(stack, 'SubscriberData', {
    api,
    routes: routesOfRole('subscriber-data'),
    description: "Answer a reader's data request: look up (masked), export or erase one reader by address",
  });
  new CfnOutput(stack, 'SubscriberDataPolicyArn', {
    description: 'Attach only to the person who answers data requests: lookup, export and erase of one reader',
    value: subscriberData.policy.managedPolicyArn,
  });
  return { editors: editors.policy, subscriberData: subscriberData.policy };
}
