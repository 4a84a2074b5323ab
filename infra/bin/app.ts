import { App } from 'aws-cdk-lib';
import { FactoryErpStack } from '../src/stack.js';

const app = new App();

// The CLI sets CDK_DEFAULT_ACCOUNT only when it found credentials; it sets
// CDK_DEFAULT_REGION even without them (falling back to us-east-1). So bind the stack to an
// environment only when there is an account: offline synth then stays
// environment-agnostic instead of silently targeting us-east-1.
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;

new FactoryErpStack(app, 'FactoryErp', {
  stackName: 'factory-erp',
  env: account ? { account, region } : undefined,
});
