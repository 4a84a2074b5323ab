import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FactoryErpStack, WECOM_CALLING_AREAS } from './stack.js';
import { CHINA_CHECKED_SERVICES } from './constructs/operations.js';
import { RESOURCE_LIMIT } from './bundles.js';

// The whole stack for both partitions (issue 19), without bundling the functions (the stack
// test bundles them once): a China region with a custom domain and NAT gateways, and a global
// one with a NAT instance and no reserved concurrency.
const cdkJson = JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};
const CERT_CN =
  'arn:aws-cn:acm:cn-north-1:123456789012:certificate/12345678-abcd-4bcd-8bcd-123456789012';
const CERT_GLOBAL =
  'arn:aws:acm:ap-east-1:123456789012:certificate/12345678-abcd-4bcd-8bcd-123456789012';

type Resource = { Type: string; Properties: Record<string, unknown> };

function synth(region: string, context: Record<string, unknown>) {
  const app = new App({
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context },
  });
  const stack = new FactoryErpStack(app, 'FactoryErp', { env: { region } });
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<string, Resource>;
  return { stack, template, resources, json: JSON.stringify(template.toJSON()) };
}

describe.each([
  {
    name: 'aws-cn',
    region: 'cn-north-1',
    partition: 'aws-cn',
    context: { domainName: 'erp.example.cn', certificateArn: CERT_CN },
  },
  {
    name: 'aws',
    region: 'ap-east-1',
    partition: 'aws',
    context: {
      egress: 'natInstance',
      reservedConcurrency: 'off',
      domainName: 'erp.example.com',
      certificateArn: CERT_GLOBAL,
    },
  },
])('the stack in $name ($region)', ({ region, partition, context }) => {
  let s: ReturnType<typeof synth>;
  beforeAll(() => {
    s = synth(region, context);
  }, 120_000);
  const china = partition === 'aws-cn';
  const fnId = (fn: { node: { defaultChild?: unknown } }) =>
    s.stack.getLogicalId(fn.node.defaultChild as never);

  it(`uses only ${partition} ARNs`, () => {
    const literals = [...new Set(s.json.match(/arn:[a-z-]+:/g) ?? [])];
    expect(literals).toEqual([`arn:${partition}:`]);
  });

  it('uses only services checked for the China regions', () => {
    const services = new Set(
      Object.values(s.resources).map((r) => r.Type.split('::').slice(0, 2).join('::')),
    );
    const unchecked = [...services].filter(
      (t) => t !== 'AWS::CDK' && !(CHINA_CHECKED_SERVICES as readonly string[]).includes(t),
    );
    expect(unchecked).toEqual([]);
  });

  it('runs every function on nodejs22.x / arm64, X-Ray only outside China', () => {
    const fns = Object.values(s.resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    for (const fn of fns) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
      if (china) expect(fn.Properties.TracingConfig).toBeUndefined();
      else expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });

  it('serves the API on the domain only, and derives the WeCom and mini-program URLs from it', () => {
    const host = context.domainName;
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    s.template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: host });
    s.template.hasOutput('ApiUrl', { Value: `https://${host}` });
    s.template.hasOutput('WecomCallbackUrl', { Value: `https://${host}/wecom/callback` });
    s.template.hasOutput('MiniProgramRequestDomain', { Value: `https://${host}` });
  });

  it('puts exactly the WeCom callers behind the NAT: the login area and the outbox worker', () => {
    const inVpc = Object.entries(s.resources)
      .filter(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Properties.VpcConfig)
      .map(([id]) => id)
      .sort();
    const callers = [
      ...WECOM_CALLING_AREAS.map((a) => fnId(s.stack.areaFunctions.get(a)!)),
      fnId(s.stack.outboxWorker.fn),
    ].sort();
    expect(inVpc).toEqual(callers);
    s.template.hasOutput('WecomTrustedIp1', {});
    s.template.hasOutput('WecomTrustedIps', {});
  });

  it('sends failed async work to the failure queue', () => {
    const queue = fnId({ node: s.stack.failureQueue.queue.node });
    const onFailure = Object.values(s.resources)
      .filter((r) => r.Type === 'AWS::Lambda::EventInvokeConfig')
      .map((r) => JSON.stringify(r.Properties.DestinationConfig));
    expect(onFailure).toHaveLength(2);
    for (const d of onFailure) expect(d).toContain(queue);
    const [mapping] = Object.values(s.resources).filter(
      (r) => r.Type === 'AWS::Lambda::EventSourceMapping',
    );
    expect(JSON.stringify(mapping!.Properties.DestinationConfig)).toContain(queue);
  });

  it('reserves concurrency unless switched off', () => {
    const reserved = Object.values(s.resources).filter(
      (r) => r.Type === 'AWS::Lambda::Function' && r.Properties.ReservedConcurrentExecutions,
    );
    expect(reserved).toHaveLength(context.reservedConcurrency === 'off' ? 0 : 2);
  });

  it(`stays within ${RESOURCE_LIMIT} resources`, () => {
    expect(Object.keys(s.resources).length).toBeLessThanOrEqual(RESOURCE_LIMIT);
  });
});
