import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { DispatchStarter } from '../../app/ports/dispatch-starter.ts';

/**
 * Starts the dispatch function asynchronously (`Event` invocation, as the schedule does), so a send of any size
 * starts within an API request; locally AWS_ENDPOINT_URL_LAMBDA points at the runner's dispatch stand-in.
 */
export class LambdaDispatchStarter implements DispatchStarter {
  constructor(
    private readonly client: LambdaClient,
    private readonly functionName: string,
  ) {}

  /** A starter on a default client. */
  static create(functionName: string): LambdaDispatchStarter {
    return new LambdaDispatchStarter(new LambdaClient({}), functionName);
  }

  /** Queues one dispatch invocation for the edition. */
  async start(edition: string): Promise<void> {
    await this.client.send(
      new InvokeCommand({
        FunctionName: this.functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify({ edition })),
      }),
    );
  }
}
