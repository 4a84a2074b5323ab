import { App } from 'aws-cdk-lib';
import { FactoryErpStack } from '../src/stack.js';

const app = new App();

// With credentials the CLI fills these in and the stack is bound to that account/region.
// Without them the stack stays environment-agnostic so `cdk synth` works offline.
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;

new FactoryErpStack(app, 'FactoryErp', {
  stackName: 'factory-erp',
  env: account || region ? { account, region } : undefined,
});
