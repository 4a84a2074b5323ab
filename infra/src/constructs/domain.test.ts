import { Template } from 'aws-cdk-lib/assertions';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { ApiDomain, checkDomainSettings, domainSettings } from './domain.js';
import { PARTITIONS, inlineFunction, testStack } from './testStacks.js';

const certificateFor = (partition: string, region: string) =>
  `arn:${partition}:acm:${region}:123456789012:certificate/12345678-abcd-4bcd-8bcd-123456789012`;

function build(region: string, partition: string) {
  const stack = testStack(region);
  const httpApi = new HttpApi(stack, 'Api');
  httpApi.addRoutes({
    path: '/api/health',
    methods: [HttpMethod.ANY],
    integration: new HttpLambdaIntegration('Health', inlineFunction(stack, 'Fn')),
  });
  const domain = new ApiDomain(stack, 'Domain', {
    httpApi,
    domainName: 'erp.example.cn',
    certificateArn: certificateFor(partition, region),
  });
  return { stack, domain, template: Template.fromStack(stack) };
}

describe.each(PARTITIONS)('ApiDomain in $name ($region)', ({ region, partition }) => {
  const { template } = build(region, partition);

  it('creates a regional TLS 1.2 domain with the imported certificate', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'erp.example.cn',
      DomainNameConfigurations: [
        {
          CertificateArn: certificateFor(partition, region),
          EndpointType: 'REGIONAL',
          SecurityPolicy: 'TLS_1_2',
        },
      ],
    });
  });

  it('maps the domain to the $default stage', () => {
    const [api] = Object.keys(template.findResources('AWS::ApiGatewayV2::Api'));
    template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', {
      ApiId: { Ref: api },
      Stage: '$default',
    });
  });

  it('switches the execute-api endpoint off', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
  });

  it("outputs the DNS target and the mini-program's request domain", () => {
    const [domain] = Object.keys(template.findResources('AWS::ApiGatewayV2::DomainName'));
    template.hasOutput('ApiDomainTarget', {
      Value: { 'Fn::GetAtt': [domain, 'RegionalDomainName'] },
    });
    template.hasOutput('MiniProgramRequestDomain', { Value: 'https://erp.example.cn' });
  });
});

describe('domain settings', () => {
  const cn = certificateFor('aws-cn', 'cn-north-1');

  it('reads domainName and certificateArn from the context, both or neither', () => {
    expect(domainSettings(testStack().node)).toBeUndefined();
    expect(
      domainSettings(
        testStack(undefined, { domainName: 'erp.example.cn', certificateArn: cn }).node,
      ),
    ).toEqual({ domainName: 'erp.example.cn', certificateArn: cn });
    expect(() =>
      domainSettings(testStack(undefined, { domainName: 'erp.example.cn' }).node),
    ).toThrow(/go together/);
  });

  it('refuses a host name that is not one', () => {
    expect(() =>
      checkDomainSettings(
        { domainName: 'https://erp.example.cn', certificateArn: cn },
        'cn-north-1',
      ),
    ).toThrow(/expected a host name/);
  });

  it('refuses a certificate that is not in ACM', () => {
    expect(() =>
      checkDomainSettings(
        {
          domainName: 'erp.example.cn',
          certificateArn: 'arn:aws-cn:iam::123456789012:server-certificate/erp',
        },
        'cn-north-1',
      ),
    ).toThrow(/expected an ACM certificate ARN/);
  });

  it("refuses a certificate of another partition or region than the stack's", () => {
    const global = certificateFor('aws', 'us-east-1');
    expect(() =>
      checkDomainSettings({ domainName: 'erp.example.cn', certificateArn: global }, 'cn-north-1'),
    ).toThrow(/region \(aws-cn, cn-north-1\)/);
    expect(() =>
      checkDomainSettings({ domainName: 'erp.example.cn', certificateArn: cn }, 'cn-northwest-1'),
    ).toThrow(/cn-northwest-1/);
    // An environment-agnostic stack cannot tell: only the shape is checked.
    expect(() =>
      checkDomainSettings(
        { domainName: 'erp.example.cn', certificateArn: global },
        '${Token[AWS.Region.9]}',
      ),
    ).not.toThrow();
  });
});
