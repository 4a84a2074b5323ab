import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  BackupPlan,
  BackupPlanRule,
  BackupResource,
  BackupVault,
  type BackupSelection,
} from 'aws-cdk-lib/aws-backup';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The backup plan's retention (infra/README.md, "Data protection"): a daily backup kept 35
 * days, a monthly one kept a year. On top of point-in-time recovery (any second of the last
 * 35 days), these survive a deleted table and the table's key being disabled for a while.
 */
export const BACKUP_RETENTION = {
  daily: Duration.days(35),
  monthly: Duration.days(365),
} as const;

/** The table's name when the context gives none: `<stack name>-data`. */
export function tableName(scope: Construct): string {
  const given = scope.node.tryGetContext('tableName') as string | undefined;
  return given ?? `${Stack.of(scope).stackName}-data`;
}

/**
 * What keeps the business data (issue 19, point 6): a customer-managed KMS key with yearly
 * rotation for the table (and its backups), and AWS Backup (vault and plan) backing the table
 * up daily and monthly. The key and the vault are retained when the stack goes, like the table:
 * without the key nothing in the table or its backups could be read again.
 */
export class DataProtection extends Construct {
  readonly key: Key;
  readonly vault: BackupVault;
  readonly plan: BackupPlan;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Factory ERP data: the DynamoDB table and its backups',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.vault = new BackupVault(this, 'Vault', {
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.plan = new BackupPlan(this, 'Plan', {
      backupVault: this.vault,
      backupPlanRules: [
        new BackupPlanRule({
          ruleName: 'Daily',
          // 02:00 in Shanghai, after the day's work.
          scheduleExpression: Schedule.cron({ hour: '18', minute: '0' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(4),
          deleteAfter: BACKUP_RETENTION.daily,
        }),
        new BackupPlanRule({
          ruleName: 'Monthly',
          // The 1st of the month, 03:00 in Shanghai.
          scheduleExpression: Schedule.cron({ day: '1', hour: '19', minute: '0' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(4),
          deleteAfter: BACKUP_RETENTION.monthly,
        }),
      ],
    });
  }

  /** Backs the table up by the plan. */
  backUp(table: ITable): BackupSelection {
    return this.plan.addSelection('Table', {
      resources: [BackupResource.fromDynamoDbTable(table)],
    });
  }
}
