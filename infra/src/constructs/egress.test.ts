import { Match, Template } from 'aws-cdk-lib/assertions';
import { Egress, egressMode, type EgressProps } from './egress.js';
import { PARTITIONS, arnPartitions, inlineFunction, testStack } from './testStacks.js';

function build(region: string | undefined, props: EgressProps) {
  const stack = testStack(region);
  const egress = new Egress(stack, 'Egress', props);
  const caller = inlineFunction(stack, 'Caller');
  const other = inlineFunction(stack, 'Other');
  egress.attach(caller);
  const template = Template.fromStack(stack);
  const id = (c: typeof caller) => stack.getLogicalId(c.node.defaultChild as never);
  return { stack, egress, template, callerId: id(caller), otherId: id(other) };
}

describe.each(PARTITIONS)('Egress in $name ($region)', ({ region, partition }) => {
  describe('natGateway (the default)', () => {
    const { template, callerId, otherId } = build(region, { mode: 'natGateway' });
    const json = template.toJSON() as {
      Resources: Record<
        string,
        { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] }
      >;
    };

    it('builds a VPC with a public and a private subnet in each of 2 AZs', () => {
      template.resourceCountIs('AWS::EC2::VPC', 1);
      template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16' });
      template.resourceCountIs('AWS::EC2::Subnet', 4);
      template.hasResourceProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false });
    });

    it('has a NAT gateway with its own Elastic IP per AZ', () => {
      template.resourceCountIs('AWS::EC2::NatGateway', 2);
      template.resourceCountIs('AWS::EC2::EIP', 2);
      const eips = Object.keys(template.findResources('AWS::EC2::EIP')).sort();
      const allocations = Object.values(template.findResources('AWS::EC2::NatGateway'))
        .map((n) => (n as { Properties: { AllocationId: { 'Fn::GetAtt': string[] } } }).Properties)
        .map((p) => p.AllocationId['Fn::GetAtt'][0])
        .sort();
      expect(allocations).toEqual(eips);
      template.hasResourceProperties('AWS::EC2::EIP', { Domain: 'vpc' });
    });

    it('routes the table and the bucket through gateway endpoints, not the NAT', () => {
      template.resourceCountIs('AWS::EC2::VPCEndpoint', 2);
      for (const service of ['dynamodb', 's3']) {
        template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
          VpcEndpointType: 'Gateway',
          // The same name in aws-cn (gateway endpoints carry no `cn.` prefix, unlike some
          // interface endpoints), resolved in the stack's own region at deploy time.
          ServiceName: {
            'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, `.${service}`]],
          },
        });
      }
    });

    it('puts an attached function in the private subnets, after the NAT routes, with the VPC policy', () => {
      const fn = json.Resources[callerId]!;
      expect(fn.Properties.VpcConfig).toEqual({
        SubnetIds: [
          { Ref: Match.stringLikeRegexp('privateSubnet1') },
          { Ref: Match.stringLikeRegexp('privateSubnet2') },
        ].map(() =>
          expect.objectContaining({ Ref: expect.stringMatching(/privateSubnet\dSubnet/) }),
        ),
        SecurityGroupIds: [
          { 'Fn::GetAtt': [expect.stringMatching(/FunctionsSecurityGroup/), 'GroupId'] },
        ],
      });
      expect(fn.DependsOn).toEqual(
        expect.arrayContaining([expect.stringMatching(/privateSubnet1DefaultRoute/)]),
      );
      const role =
        json.Resources[(fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!]!;
      expect(JSON.stringify(role.Properties.ManagedPolicyArns)).toContain(
        'service-role/AWSLambdaVPCAccessExecutionRole',
      );
      // A function not attached stays out of the VPC.
      expect(json.Resources[otherId]!.Properties.VpcConfig).toBeUndefined();
    });

    it('lets the functions out, nothing in', () => {
      template.hasResourceProperties('AWS::EC2::SecurityGroup', {
        GroupDescription: Match.stringLikeRegexp('egress only'),
        SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', IpProtocol: '-1' }],
        SecurityGroupIngress: Match.absent(),
      });
    });

    it('outputs every EIP for 企业可信IP', () => {
      const eips = Object.keys(template.findResources('AWS::EC2::EIP')).sort();
      template.hasOutput('WecomTrustedIp1', { Value: { Ref: eips[0] } });
      template.hasOutput('WecomTrustedIp2', { Value: { Ref: eips[1] } });
      template.hasOutput('WecomTrustedIps', {
        Value: { 'Fn::Join': [';', eips.map((e) => ({ Ref: e }))] },
      });
    });

    it(`uses only ${partition} ARNs`, () => {
      expect(arnPartitions(template).filter((p) => p !== `arn:${partition}:`)).toEqual([]);
    });
  });

  describe('natInstance (a small factory)', () => {
    const { template } = build(region, { mode: 'natInstance' });

    it('runs one t4g.nano NAT instance with one Elastic IP, no NAT gateway', () => {
      template.resourceCountIs('AWS::EC2::NatGateway', 0);
      template.resourceCountIs('AWS::EC2::Instance', 1);
      template.hasResourceProperties('AWS::EC2::Instance', {
        InstanceType: 't4g.nano',
        SourceDestCheck: false,
      });
      template.resourceCountIs('AWS::EC2::EIP', 1);
      const [instance] = Object.keys(template.findResources('AWS::EC2::Instance'));
      template.hasResourceProperties('AWS::EC2::EIP', { InstanceId: { Ref: instance } });
      template.hasOutput('WecomTrustedIp1', {});
    });

    it('admits only the VPC itself to the NAT instance', () => {
      template.hasResourceProperties('AWS::EC2::SecurityGroup', {
        SecurityGroupIngress: [
          Match.objectLike({
            CidrIp: { 'Fn::GetAtt': [Match.anyValue(), 'CidrBlock'] },
            IpProtocol: '-1',
          }),
        ],
      });
    });

    it('boots Amazon Linux 2023 for ARM from the public SSM parameter', () => {
      expect(JSON.stringify(template.toJSON().Parameters)).toContain(
        '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-arm64',
      );
    });
  });
});

describe('egressMode (context egress)', () => {
  it('defaults to natGateway for production', () => {
    expect(egressMode(testStack().node)).toBe('natGateway');
  });

  it('takes natInstance and none', () => {
    expect(egressMode(testStack(undefined, { egress: 'natInstance' }).node)).toBe('natInstance');
    expect(egressMode(testStack(undefined, { egress: 'none' }).node)).toBe('none');
  });

  it('refuses anything else', () => {
    expect(() => egressMode(testStack(undefined, { egress: 'nat' }).node)).toThrow(
      /expected one of natGateway, natInstance, none/,
    );
  });
});
