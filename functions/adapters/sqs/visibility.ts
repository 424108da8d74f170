import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';

// SQS lets a message stay invisible at most 12 hours.
const MAX_SECONDS = 12 * 3600;
let client: SQSClient | undefined;

/** The queue URL of a queue ARN (`arn:aws:sqs:<region>:<account>:<name>`), as an event record names its source. */
export function queueUrlOf(arn: string): string {
  const [, partition, , region, account, name] = arn.split(':');
  const domain = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${region}.${domain}/${account}/${name}`;
}

/**
 * Keeps a received message invisible for `seconds` (at most 12 hours), so it comes back then instead of after the
 * queue's visibility timeout: a paused message waits without using up its receives.
 */
export async function holdMessage(queueArn: string, receiptHandle: string, seconds: number): Promise<void> {
  client ??= new SQSClient({});
  await client.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: queueUrlOf(queueArn),
      ReceiptHandle: receiptHandle,
      VisibilityTimeout: Math.min(MAX_SECONDS, Math.max(1, Math.ceil(seconds))),
    }),
  );
}
