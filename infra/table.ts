import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { TABLE } from '../functions/adapters/dynamo/table.ts';

/** The single table, built from the same layout constants the code and the local runner use. */
export function newsletterTable(scope: Construct, id: string): Table {
  const key = (name: string) => ({ name, type: AttributeType.STRING });
  const table = new Table(scope, id, {
    partitionKey: key(TABLE.partitionKey),
    sortKey: key(TABLE.sortKey),
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    timeToLiveAttribute: TABLE.ttlAttribute,
    // Subscribers' consent records live here: never lose them with the stack.
    removalPolicy: RemovalPolicy.RETAIN,
    // And never by a mistaken `aws dynamodb delete-table` or a replacement: turn it off by hand first.
    deletionProtection: true,
  });
  for (const index of [TABLE.sendingIndex, TABLE.editionIndex]) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: key(index.partitionKey),
      sortKey: key(index.sortKey),
      projectionType: index.projection === 'KEYS_ONLY' ? ProjectionType.KEYS_ONLY : ProjectionType.ALL,
    });
  }
  return table;
}
