import { App, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

/**
 * The two partitions every go-live construct is synthesised for (issue 19): a global region
 * and a China one (partition aws-cn), plus the environment-agnostic stack CI synthesises.
 */
export const PARTITIONS = [
  { name: 'aws', region: 'us-east-1', partition: 'aws' },
  { name: 'aws-cn', region: 'cn-north-1', partition: 'aws-cn' },
  { name: 'aws-cn (Ningxia)', region: 'cn-northwest-1', partition: 'aws-cn' },
] as const;

/** A stack bound to `region` (none: environment-agnostic), with `context`. */
export function testStack(region?: string, context: Record<string, unknown> = {}): Stack {
  const app = new App({ context: { '@aws-cdk/core:enablePartitionLiterals': true, ...context } });
  return new Stack(app, 'Test', region ? { env: { region } } : {});
}

/** A small inline function (no bundling), standing in for the stack's functions. */
export function inlineFunction(scope: Construct, id: string): LambdaFunction {
  return new LambdaFunction(scope, id, {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('export const handler = async () => {};'),
  });
}

/** Every ARN literal of a template: each must be in the stack's partition. */
export function arnPartitions(template: Template): string[] {
  return [...new Set(JSON.stringify(template.toJSON()).match(/arn:[a-z-]+:/g) ?? [])];
}
