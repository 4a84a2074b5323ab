import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLE } from '../../../functions/src/store/table.js';

/**
 * The single application table, derived from the one definition the local runtime and the
 * tests also use, so key names and indexes cannot drift between AWS and local.
 *
 * `Table` (AWS::DynamoDB::Table) rather than `TableV2` (AWS::DynamoDB::GlobalTable): we need
 * no replicas, and the plain resource is available in every partition, China included.
 */
export type AppTableProps = {
  /**
   * An explicit, stable name (DataProtection's `tableName`): a change that would replace the
   * table fails the deploy (CloudFormation cannot replace a resource with a custom name)
   * instead of quietly starting an empty table.
   */
  tableName: string;
  /** The customer-managed key the table is encrypted with (DataProtection's `key`). */
  encryptionKey: IKey;
};

export class AppTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: AppTableProps) {
    super(scope, id);
    const str = (name: string) => ({ name, type: AttributeType.STRING });

    this.table = new Table(this, 'Table', {
      partitionKey: str(TABLE.partitionKey),
      sortKey: str(TABLE.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: TABLE.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The outbox worker reads new outbox records from the stream (see OutboxWorker).
      stream: StreamViewType[TABLE.stream],
      // The table holds the stock ledger: deleting the stack must never delete the data.
      removalPolicy: RemovalPolicy.RETAIN,
      // Issue 19, point 6: nor may anyone delete the table itself without first turning this
      // off; a stable name, so a replacement fails loudly; our own key, rotated yearly.
      deletionProtection: true,
      tableName: props.tableName,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
    });

    for (const index of TABLE.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: str(index.partitionKey),
        sortKey: str(index.sortKey),
        // Same projection as createTableInput().
        projectionType: ProjectionType[index.projection],
      });
    }
  }
}
