import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AppTable } from './table.js';
import { BACKUP_RETENTION, DataProtection, tableName } from './dataProtection.js';

// Builds only the data constructs (no function is bundled): cheap, for both partitions.
const PARTITIONS = [
  ['aws', 'us-east-1'],
  ['aws-cn', 'cn-north-1'],
] as const;

function synth(region: string, context: Record<string, string> = {}) {
  const stack = new Stack(new App({ context }), 'FactoryErp', { env: { region } });
  const data = new DataProtection(stack, 'DataProtection');
  const { table } = new AppTable(stack, 'Data', {
    tableName: tableName(stack),
    encryptionKey: data.key,
  });
  data.backUp(table);
  return Template.fromStack(stack);
}

describe.each(PARTITIONS)('data protection (%s, %s)', (partition, region) => {
  const template = synth(region);

  it('keeps the table: deletion protection, a stable name, retained on delete and replace', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        DeletionProtectionEnabled: true,
        TableName: 'FactoryErp-data',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    });
  });

  it('encrypts the table with a customer-managed key that rotates, retained with the stack', () => {
    const keys = template.findResources('AWS::KMS::Key');
    const [keyId] = Object.keys(keys);
    expect(Object.keys(keys)).toHaveLength(1);
    template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ EnableKeyRotation: true }),
    });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      },
    });
  });

  it('backs the table up daily for 35 days and monthly for a year, into a retained vault', () => {
    expect(BACKUP_RETENTION.daily.toDays()).toBe(35);
    expect(BACKUP_RETENTION.monthly.toDays()).toBe(365);
    template.hasResource('AWS::Backup::BackupVault', { DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanName: Match.anyValue(),
        BackupPlanRule: [
          Match.objectLike({
            RuleName: 'Daily',
            ScheduleExpression: 'cron(0 18 * * ? *)',
            Lifecycle: { DeleteAfterDays: 35 },
          }),
          Match.objectLike({
            RuleName: 'Monthly',
            ScheduleExpression: 'cron(0 19 1 * ? *)',
            Lifecycle: { DeleteAfterDays: 365 },
          }),
        ],
      },
    });
    const [tableId] = Object.keys(template.findResources('AWS::DynamoDB::Table'));
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({
        Resources: [{ 'Fn::GetAtt': [tableId, 'Arn'] }],
      }),
    });
  });

  it(`writes no ARN of another partition than ${partition}`, () => {
    const text = JSON.stringify(template.toJSON());
    expect(text).not.toMatch(partition === 'aws' ? /arn:aws-cn:/ : /arn:aws:/);
  });
});

it('takes the table name from the context when given', () => {
  synth('cn-north-1', { tableName: 'acme-erp' }).hasResourceProperties('AWS::DynamoDB::Table', {
    TableName: 'acme-erp',
  });
});
