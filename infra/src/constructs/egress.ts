import { CfnOutput, Fn } from 'aws-cdk-lib';
import {
  CfnEIP,
  GatewayVpcEndpointAwsService,
  InstanceType,
  IpAddresses,
  NatProvider,
  NatTrafficDirection,
  Peer,
  Port,
  SecurityGroup,
  SubnetType,
  Vpc,
  type NatInstanceProviderV2,
} from 'aws-cdk-lib/aws-ec2';
import { ManagedPolicy } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct, type Node } from 'constructs';

/**
 * How the functions that call WeCom reach it (context `egress`):
 * - `natGateway` (the default): a NAT gateway with its own Elastic IP in each AZ;
 * - `natInstance`: one small EC2 NAT instance with one Elastic IP (a small factory: about a
 *   tenth of the price, one AZ, no managed failover);
 * - `none`: no VPC; every function keeps Lambda's changing egress IPs (WeCom apps created
 *   before 2022-06-20, or a test account). WeCom answers 60020 to anything else.
 */
export const EGRESS_MODES = ['natGateway', 'natInstance', 'none'] as const;
export type EgressMode = (typeof EGRESS_MODES)[number];
export const DEFAULT_EGRESS: EgressMode = 'natGateway';

/** The NAT instance's type unless context `natInstanceType` says otherwise (ARM, 0.5 GB). */
export const DEFAULT_NAT_INSTANCE_TYPE = 't4g.nano';

/** Reads and checks context `egress` (absent: the production default, `natGateway`). */
export function egressMode(node: Node): EgressMode {
  const value = (node.tryGetContext('egress') as string | undefined) ?? DEFAULT_EGRESS;
  if (!(EGRESS_MODES as readonly string[]).includes(value)) {
    throw new Error(`context egress=${value}: expected one of ${EGRESS_MODES.join(', ')}`);
  }
  return value as EgressMode;
}

export type EgressProps = {
  mode: Exclude<EgressMode, 'none'>;
  /** Availability zones of the VPC (and NAT gateways in `natGateway` mode); default 2. */
  maxAzs?: number;
  /** The NAT instance's EC2 type (`natInstance` mode); default t4g.nano. */
  natInstanceType?: string;
};

/**
 * Fixed egress for the functions that call WeCom, whose self-built apps accept API calls only
 * from their 企业可信IP: a VPC (10.20.0.0/16) with a public and a private subnet per AZ, NAT
 * through Elastic IPs created here (stable logical ids, so a NAT replaced keeps its address),
 * gateway endpoints for DynamoDB and S3 (table and bucket traffic stays off the NAT and is
 * not billed per GB), and one security group (egress only) for the attached functions.
 * `attach(fn)` puts a function in the private subnets. The EIPs are stack outputs
 * (`WecomTrustedIp1`…): paste every one into the app's 企业可信IP.
 */
export class Egress extends Construct {
  readonly vpc: Vpc;
  readonly securityGroup: SecurityGroup;
  /** The Elastic IPs WeCom sees: one per NAT gateway, or the NAT instance's one. */
  readonly eips: CfnEIP[];
  readonly mode: EgressProps['mode'];

  constructor(scope: Construct, id: string, props: EgressProps) {
    super(scope, id);
    this.mode = props.mode;
    const maxAzs = props.maxAzs ?? 2;
    const natCount = props.mode === 'natGateway' ? maxAzs : 1;

    // Created before the NAT so their allocation ids can be handed to it.
    const newEip = (n: number) =>
      new CfnEIP(this, `Eip${n}`, {
        domain: 'vpc',
        tags: [{ key: 'Name', value: `factory-erp WeCom egress ${n}` }],
      });

    let natInstances: NatInstanceProviderV2 | undefined;
    let natGatewayProvider;
    if (props.mode === 'natGateway') {
      this.eips = Array.from({ length: natCount }, (_, i) => newEip(i + 1));
      natGatewayProvider = NatProvider.gateway({
        eipAllocationIds: this.eips.map((eip) => eip.attrAllocationId),
      });
    } else {
      natInstances = NatProvider.instanceV2({
        instanceType: new InstanceType(props.natInstanceType ?? DEFAULT_NAT_INSTANCE_TYPE),
        // Inbound is opened to the VPC's own range below, nothing else.
        defaultAllowedTraffic: NatTrafficDirection.OUTBOUND_ONLY,
      });
      natGatewayProvider = natInstances;
      this.eips = [];
    }

    this.vpc = new Vpc(this, 'Vpc', {
      ipAddresses: IpAddresses.cidr('10.20.0.0/16'),
      maxAzs,
      natGateways: natCount,
      natGatewayProvider,
      subnetConfiguration: [
        { name: 'public', subnetType: SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ],
      // The default security group is used by nothing; restricting it takes a custom
      // resource (a Lambda of CDK's own), which this stack does without.
      restrictDefaultSecurityGroup: false,
      gatewayEndpoints: {
        DynamoDb: { service: GatewayVpcEndpointAwsService.DYNAMODB },
        S3: { service: GatewayVpcEndpointAwsService.S3 },
      },
    });

    if (natInstances) {
      natInstances.connections.allowFrom(Peer.ipv4(this.vpc.vpcCidrBlock), Port.allTraffic());
      // The instance's public IP would change on every stop/start: an EIP keeps it.
      const eip = newEip(1);
      eip.instanceId = natInstances.gatewayInstances[0]!.instanceId;
      this.eips = [eip];
    }

    this.securityGroup = new SecurityGroup(this, 'FunctionsSecurityGroup', {
      vpc: this.vpc,
      description: 'Factory ERP functions calling WeCom: egress only, nothing inbound',
      allowAllOutbound: true,
    });

    this.eips.forEach((eip, i) => {
      new CfnOutput(scope, `WecomTrustedIp${i + 1}`, {
        description: `Elastic IP ${i + 1} of ${this.eips.length} the WeCom calls leave from: add every one to the app's 企业可信IP`,
        value: eip.ref,
      });
    });
    new CfnOutput(scope, 'WecomTrustedIps', {
      description: "All egress Elastic IPs, separated by ';' (the 企业可信IP field's format)",
      value: Fn.join(
        ';',
        this.eips.map((eip) => eip.ref),
      ),
    });
  }

  /**
   * Puts `fn` in the private subnets behind the NAT, with the egress-only security group.
   * Its role gets AWSLambdaVPCAccessExecutionRole (the ENI permissions Lambda checks when the
   * function is created), and the function waits for the NAT routes, so its first call after
   * a deploy already leaves from an EIP.
   */
  attach(fn: LambdaFunction): void {
    const subnets = this.vpc.selectSubnets({ subnetType: SubnetType.PRIVATE_WITH_EGRESS });
    const cfn = fn.node.defaultChild as CfnFunction;
    cfn.vpcConfig = {
      subnetIds: subnets.subnetIds,
      securityGroupIds: [this.securityGroup.securityGroupId],
    };
    fn.role?.addManagedPolicy(
      ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole'),
    );
    cfn.node.addDependency(subnets.internetConnectivityEstablished);
  }
}
