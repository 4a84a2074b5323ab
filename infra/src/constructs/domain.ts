import { CfnOutput, Stack, Token } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { ApiMapping, DomainName, SecurityPolicy, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct, type Node } from 'constructs';

export type DomainSettings = { domainName: string; certificateArn: string };

const HOSTNAME = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const ACM_ARN = /^arn:(aws|aws-cn):acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f-]{36}$/;

/**
 * Context `domainName` and `certificateArn`: both (a custom domain) or neither (the
 * execute-api URL, for a trial outside China). Checked here so a typo fails the synth, not
 * a deploy half an hour later.
 */
export function domainSettings(node: Node): DomainSettings | undefined {
  const domainName = node.tryGetContext('domainName') as string | undefined;
  const certificateArn = node.tryGetContext('certificateArn') as string | undefined;
  if (!domainName && !certificateArn) return undefined;
  if (!domainName || !certificateArn) {
    throw new Error('context domainName and certificateArn go together: give both, or neither');
  }
  return { domainName, certificateArn };
}

/** Refuses a domain or certificate ARN that cannot work (wrong partition or region included). */
export function checkDomainSettings(settings: DomainSettings, region: string): void {
  if (!HOSTNAME.test(settings.domainName)) {
    throw new Error(
      `domainName ${settings.domainName}: expected a host name such as erp.example.com`,
    );
  }
  const arn = ACM_ARN.exec(settings.certificateArn);
  if (!arn) {
    throw new Error(
      `certificateArn ${settings.certificateArn}: expected an ACM certificate ARN (arn:aws-cn:acm:<region>:<account>:certificate/<id>)`,
    );
  }
  if (!Token.isUnresolved(region)) {
    const partition = region.startsWith('cn-') ? 'aws-cn' : 'aws';
    if (arn[1] !== partition || arn[2] !== region) {
      throw new Error(
        `certificateArn ${settings.certificateArn}: a regional API domain needs a certificate in ACM of the stack's own region (${partition}, ${region})`,
      );
    }
  }
}

/**
 * The API on the factory's own ICP-filed domain: a regional custom domain name with the
 * certificate imported into ACM (in China ACM only imports: get the certificate from a CA),
 * mapped to the `$default` stage, and the execute-api endpoint switched off, so the API is
 * reachable only through the domain (in China unauthenticated routes are served only there).
 * The DNS record (a CNAME to `ApiDomainTarget`) is made at the domain's DNS provider.
 */
export class ApiDomain extends Construct {
  readonly domainName: DomainName;
  /** `https://<domain>`: the API's base URL and the mini-program's request domain. */
  readonly baseUrl: string;

  constructor(scope: Construct, id: string, props: DomainSettings & { httpApi: HttpApi }) {
    super(scope, id);
    checkDomainSettings(props, Stack.of(this).region);

    this.domainName = new DomainName(this, 'DomainName', {
      domainName: props.domainName,
      certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
      securityPolicy: SecurityPolicy.TLS_1_2,
    });
    new ApiMapping(this, 'Mapping', {
      api: props.httpApi,
      domainName: this.domainName,
      stage: props.httpApi.defaultStage,
    });
    (props.httpApi.node.defaultChild as CfnApi).disableExecuteApiEndpoint = true;
    this.baseUrl = `https://${props.domainName}`;

    new CfnOutput(scope, 'ApiDomainTarget', {
      description: `DNS: a CNAME from ${props.domainName} to this (the API's regional domain)`,
      value: this.domainName.regionalDomainName,
    });
    new CfnOutput(scope, 'MiniProgramRequestDomain', {
      description: "The mini-program's request 合法域名 (and the WeCom app's 可信域名 host)",
      value: this.baseUrl,
    });
  }
}
