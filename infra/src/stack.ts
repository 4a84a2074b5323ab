import { readFileSync } from 'node:fs';
import { Aspects, CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { WECOM_PROCESSOR_ENTRY, WecomProcessor } from './constructs/wecomProcessor.js';
import { OUTBOX_WORKER_ENTRY, OutboxWorker } from './constructs/outboxWorker.js';
import { IMPORT_WORKER_ENTRY, ImportWorker } from './constructs/importWorker.js';
import { DIGEST_JOB_ENTRY, DigestJob } from './constructs/digestJob.js';
import { NightlyMrp } from './constructs/nightlyMrp.js';
import { AttachmentBucket } from './constructs/attachmentBucket.js';
import { DataProtection, tableName } from './constructs/dataProtection.js';
import { functionLogGroup } from './constructs/nodeFunction.js';
import type { Construct } from 'constructs';
import { routes, type RouteContract } from '@factory/shared';
import { AREAS, areaOfRoute, pathPrefix } from '../../functions/src/http/areas.js';
import { Alarms } from './constructs/alarms.js';
import { Api } from './constructs/api.js';
import { AreaFunction, areaRole } from './constructs/areaFunction.js';
import { prepareNeeds, type DataAccess } from './constructs/roles.js';
import { areaFile } from '../../functions/src/http/entries.js';
import { keys } from '../../functions/src/store/keys.js';
import { AppTable } from './constructs/table.js';
import { Workflow, stateMachineArnVariable, taskFile } from './constructs/workflow.js';
import { WORKFLOWS } from './workflows.js';
// Issue 19, go-live (egress, domain, operations, edge limits).
import { Egress, egressMode, type EgressMode } from './constructs/egress.js';
import { ApiDomain, domainSettings, type DomainSettings } from './constructs/domain.js';
import { EdgeLimits, reservedConcurrencyEnabled } from './constructs/edgeLimits.js';
import {
  ChinaRegionSubstitutions,
  FailureQueue,
  MinimumLogRetention,
  accessLogs,
} from './constructs/operations.js';

/** The route that hands WeCom callbacks to the processor Lambda (async invoke). */
export const WECOM_CALLBACK_ROUTE = 'wecom.callback';
/** The route serving the OpenAPI document (its function ships docs/openapi.json). */
export const OPENAPI_ROUTE = 'system.openapi';
/** The area serving only the WeCom callback, and the partition keys its role may touch. */
export const WECOM_CALLBACK_AREA = 'wecom';
export const WECOM_CALLBACK_KEYS = keys.wecomCallback('*', '*').pk;
/** The route that hands import jobs to the import worker Lambda (async invoke). */
export const IMPORT_ROUTE = 'imports.create';
/** The route whose area takes factory files by upload (issue 19: the attachment bucket). */
export const IMPORT_UPLOAD_ROUTE = 'imports.upload';
/** The route group whose area keeps attachment files (the bucket, ATTACHMENT_BUCKET). */
export const ATTACHMENT_GROUP = 'attachments';
/**
 * The areas whose function calls WeCom's app APIs itself (login: jscode2session), so it runs
 * behind the fixed egress; the outbox worker is the other caller (every message goes through
 * it). The synth test checks the list against the bundles that hold the WeCom client.
 */
export const WECOM_CALLING_AREAS: readonly string[] = ['auth'];

export type FactoryErpStackProps = StackProps & {
  /** Reported by /api/health; defaults to the `serviceVersion` context value, then the
   * functions package version. */
  serviceVersion?: string;
  /** Default: context `egress`, else `natGateway` (constructs/egress.ts). */
  egress?: EgressMode;
  /** Default: context `domainName` + `certificateArn`, else none (constructs/domain.ts). */
  domain?: DomainSettings;
  /** Default: context `reservedConcurrency` (constructs/edgeLimits.ts). */
  reserveConcurrency?: boolean;
};

/** The deployed routes: everything in the route table except local-runtime-only routes. */
export function deployedRoutes(): RouteContract[] {
  return routes.filter((r) => !r.localOnly);
}

/** `items.create` -> `ItemsCreate`: a stable construct id, so logical ids survive reordering. */
export function constructId(routeId: string): string {
  return routeId
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

function functionsPackageVersion(): string {
  const pkg = JSON.parse(
    readFileSync(new URL('../../functions/package.json', import.meta.url), 'utf8'),
  ) as { version?: string };
  return pkg.version ?? '0.0.0';
}

export class FactoryErpStack extends Stack {
  readonly table: Table;
  readonly dataProtection: DataProtection;
  readonly sessionSigningKey: Secret;
  readonly sessionPublicKey: Secret;
  readonly shareLinkSecret: Secret;
  readonly wecomSecret: Secret;
  readonly wecomProcessor: WecomProcessor;
  readonly outboxWorker: OutboxWorker;
  readonly importWorker: ImportWorker;
  /** The daily digest's hourly job (docs/digest.md). */
  readonly digestJob: DigestJob;
  /** The nightly full MRP run (docs/planning.md, "Net change"). */
  readonly nightlyMrp: NightlyMrp;
  readonly attachments: AttachmentBucket;
  /** Area -> its function (every route of the area goes to it). */
  readonly areaFunctions: ReadonlyMap<string, NodejsFunction>;
  /** Route id -> the function of its area. */
  readonly functions: ReadonlyMap<string, NodejsFunction>;
  readonly httpApi: HttpApi;
  /** Workflow name -> its state machine and task functions. */
  readonly workflows: ReadonlyMap<string, Workflow>;
  readonly alarms: Alarms;
  /** The VPC and NAT EIPs of the WeCom callers; undefined with `egress=none`. */
  readonly egress?: Egress;
  /** The API's custom domain; undefined without `domainName`/`certificateArn`. */
  readonly domain?: ApiDomain;
  readonly failureQueue: FailureQueue;
  readonly edgeLimits: EdgeLimits;

  constructor(scope: Construct, id: string, props: FactoryErpStackProps = {}) {
    super(scope, id, {
      description:
        'Factory ERP: table, secrets, one Lambda per API area, HTTP API, workflows, WeCom callback processor, WeCom outbox worker',
      ...props,
    });

    const serviceVersion =
      props.serviceVersion ??
      (this.node.tryGetContext('serviceVersion') as string | undefined) ??
      functionsPackageVersion();

    // Issue 19, point 5: every function's bundle read once (roles.ts), before any role needs it.
    prepareNeeds([
      ...Object.keys(AREAS).map(areaFile),
      ...WORKFLOWS.flatMap((w) => w.tasks.map((t) => taskFile(w.name, t.file))),
      WECOM_PROCESSOR_ENTRY,
      OUTBOX_WORKER_ENTRY,
      IMPORT_WORKER_ENTRY,
      DIGEST_JOB_ENTRY,
    ]);

    // --- Issue 19: where failed async work lands (alarmed on), before its producers. ---
    this.failureQueue = new FailureQueue(this, 'FailedWork');
    const failureQueue = this.failureQueue.queue;

    // Issue 19, point 6 (data): the table's own key, a stable name, deletion protection and
    // AWS Backup (src/constructs/dataProtection.ts).
    this.dataProtection = new DataProtection(this, 'DataProtection');
    this.table = new AppTable(this, 'Data', {
      tableName: tableName(this),
      encryptionKey: this.dataProtection.key,
    }).table;
    this.dataProtection.backUp(this.table);

    // Issue 19, point 5: session tokens are signed ES256. The private key lives in the signing
    // secret, which only the issuing function (login) reads; it generates the pair on first
    // use and publishes the public key, which every other function reads (roles.ts grants
    // each function the secrets its bundle reads). Share links have an HMAC key of their own.
    const placeholder = (description: string) => ({
      description,
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'placeholder',
        excludePunctuation: true,
      },
    });
    this.sessionSigningKey = new Secret(
      this,
      'SessionSigningKey',
      placeholder('Factory ERP session tokens: the ES256 private key (written by the first login)'),
    );
    this.sessionPublicKey = new Secret(
      this,
      'SessionPublicKey',
      placeholder('Factory ERP session tokens: the ES256 public key (written by the first login)'),
    );
    this.shareLinkSecret = new Secret(this, 'ShareLinkSecret', {
      description: 'Factory ERP share links (purchase orders, delivery notes): the HMAC key',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });

    // The WeCom apps (corp id, agent id, secret, callback token, EncodingAESKey) as JSON;
    // created with a placeholder, filled in by the operator (see infra/README.md).
    this.wecomSecret = new Secret(this, 'WecomSecret', {
      description:
        'Factory ERP WeCom apps: {"defaultCorpId":"ww...","apps":[{"corpId","agentId","secret","token","encodingAesKey"}]}',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ defaultCorpId: '', apps: [] }),
        generateStringKey: 'placeholder',
        excludePunctuation: true,
      },
      // The operator's WeCom app secrets: a stack deleted and re-created must find them again.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Processes acked WeCom callbacks (card clicks -> approval decisions) after the ack.
    this.wecomProcessor = new WecomProcessor(this, 'WecomProcessor', {
      table: this.table,
      wecomSecret: this.wecomSecret,
      serviceVersion,
      failureQueue,
    });

    // Delivers the WeCom messages use cases write to the outbox (stream + scheduled sweep).
    this.outboxWorker = new OutboxWorker(this, 'OutboxWorker', {
      table: this.table,
      wecomSecret: this.wecomSecret,
      serviceVersion,
      failureQueue,
    });

    // Writes imports that outlast their request (POST /api/imports answers 202 then).
    this.importWorker = new ImportWorker(this, 'ImportWorker', {
      table: this.table,
      serviceVersion,
      failureQueue,
    });

    // The daily digest: every hour, the subscribers whose hour has come (docs/digest.md).
    this.digestJob = new DigestJob(this, 'DigestJob', {
      table: this.table,
      wecomSecret: this.wecomSecret,
      serviceVersion,
    });

    // Attachment files (receipt photos): a private bucket only the office area reaches.
    this.attachments = new AttachmentBucket(this, 'Attachments');

    this.workflows = new Map(
      WORKFLOWS.map((spec) => [
        spec.name,
        new Workflow(this, `${constructId(spec.name)}Workflow`, {
          name: spec.name,
          tasks: spec.tasks,
          table: this.table,
          serviceVersion,
        }),
      ]),
    );

    // Net change: the outbox worker starts the MRP runs confirmed sales orders ask for, and
    // a schedule starts a full run for every tenant each night.
    const mrp = this.workflows.get('mrp')!.stateMachine;
    mrp.grantStartExecution(this.outboxWorker.fn);
    this.outboxWorker.fn.addEnvironment(stateMachineArnVariable('mrp'), mrp.stateMachineArn);
    this.nightlyMrp = new NightlyMrp(this, 'NightlyMrp', { fn: this.outboxWorker.fn });

    // Issue 19, point 5: a role per area, with what the area's bundle does on the table and
    // the secrets it reads (roles.ts), plus what it starts or invokes. The WeCom callback's
    // role reaches only the callbacks' de-duplication records (dynamodb:LeadingKeys).
    const access: DataAccess = {
      table: this.table,
      secrets: {
        sessionSigning: this.sessionSigningKey,
        sessionPublic: this.sessionPublicKey,
        shareLinks: this.shareLinkSecret,
        wecom: this.wecomSecret,
      },
    };

    // One log group for all area functions. Lambda names each stream
    // `YYYY/MM/DD/<function name>[version]<id>`, so a function's logs stay findable.
    const routeLogs = functionLogGroup(this, 'RouteLogs');

    const deployed = deployedRoutes();
    const routeIds = new Set(deployed.map((r) => r.id));
    for (const spec of WORKFLOWS) {
      for (const routeId of spec.startedBy) {
        if (!routeIds.has(routeId)) {
          throw new Error(`workflow ${spec.name}: startedBy names no deployed route: ${routeId}`);
        }
      }
    }

    const areas = Object.keys(AREAS).map((area) => {
      const own = deployed.filter((r) => areaOfRoute(r) === area);
      const id = `${constructId(area)}Area`;
      const starts = WORKFLOWS.filter((w) => w.startedBy.some((r) => own.some((o) => o.id === r)));
      const invokesProcessor = own.some((r) => r.id === WECOM_CALLBACK_ROUTE);
      const startsImports = own.some((r) => r.id === IMPORT_ROUTE);
      const keepsFiles = own.some((r) => r.id.startsWith(`${ATTACHMENT_GROUP}.`));
      const { role, environment } = areaRole(this, `${id}Role`, {
        area,
        access,
        description: `Factory ERP area ${area}`,
        ...(area === WECOM_CALLBACK_AREA ? { leadingKeys: [WECOM_CALLBACK_KEYS] } : {}),
      });
      for (const workflow of starts.map((w) => this.workflows.get(w.name)!)) {
        workflow.stateMachine.grantStartExecution(role);
        environment[stateMachineArnVariable(workflow.name)] = workflow.stateMachine.stateMachineArn;
      }
      if (invokesProcessor) {
        // The callback acks WeCom at once and invokes the processor asynchronously.
        this.wecomProcessor.fn.grantInvoke(role);
        environment.WECOM_PROCESSOR_FUNCTION = this.wecomProcessor.fn.functionName;
      }
      if (startsImports) {
        // Imports are written by the worker, invoked asynchronously (a job per import).
        this.importWorker.fn.grantInvoke(role);
        environment.IMPORT_WORKER_FUNCTION = this.importWorker.fn.functionName;
      }
      if (keepsFiles) {
        this.attachments.grantFiles(role);
        environment.ATTACHMENT_BUCKET = this.attachments.bucket.bucketName;
      }
      if (own.some((r) => r.id === IMPORT_UPLOAD_ROUTE)) {
        // Issue 19: large factory files are uploaded (presigned POST), then imported.
        this.attachments.grantImportUploads(role);
        environment.ATTACHMENT_BUCKET = this.attachments.bucket.bucketName;
      }
      const prefixes = [...new Set(own.map((r) => pathPrefix(r.path)))].sort();
      // The OpenAPI route serves the generated document shipped beside the bundle
      // (functions/src/composition/apiDocument.ts) instead of building it from every contract.
      const servesApiDocument = own.some((r) => r.id === OPENAPI_ROUTE);
      const { fn } = new AreaFunction(this, id, {
        area,
        description: `${area}: ${prefixes.join(' ')}`,
        table: this.table,
        serviceVersion,
        role,
        environment,
        logGroup: routeLogs,
        ...(servesApiDocument ? { files: { 'docs/openapi.json': 'openapi.json' } } : {}),
      });
      return { area, id, fn, routes: own };
    });

    this.areaFunctions = new Map(areas.map(({ area, fn }) => [area, fn]));
    this.functions = new Map(areas.flatMap(({ fn, routes: own }) => own.map((r) => [r.id, fn])));

    this.httpApi = new Api(this, 'Api', { areas }).httpApi;

    // --- Issue 19: fixed egress, custom domain, edge limits, access logs. ---
    const egress = props.egress ?? egressMode(this.node);
    if (egress !== 'none') {
      this.egress = new Egress(this, 'Egress', {
        mode: egress,
        ...(this.node.tryGetContext('natInstanceType')
          ? { natInstanceType: this.node.tryGetContext('natInstanceType') as string }
          : {}),
      });
      for (const area of WECOM_CALLING_AREAS) this.egress.attach(this.areaFunctions.get(area)!);
      this.egress.attach(this.outboxWorker.fn);
    }
    const domain = props.domain ?? domainSettings(this.node);
    if (domain) this.domain = new ApiDomain(this, 'Domain', { ...domain, httpApi: this.httpApi });
    this.edgeLimits = new EdgeLimits(this, 'EdgeLimits', {
      httpApi: this.httpApi,
      deployed,
      areaFunctions: this.areaFunctions,
      reserveConcurrency: props.reserveConcurrency ?? reservedConcurrencyEnabled(this.node),
    });
    accessLogs(this, this.httpApi);
    const baseUrl = this.domain?.baseUrl ?? this.httpApi.apiEndpoint;

    new CfnOutput(this, 'ApiUrl', {
      description: 'Base URL of the API (routes start with /api): the custom domain when given',
      value: baseUrl,
    });
    new CfnOutput(this, 'WecomCallbackUrl', {
      description:
        "The WeCom app's 接收消息 URL (set it with the secret's token and EncodingAESKey)",
      value: `${baseUrl}/wecom/callback`,
    });
    new CfnOutput(this, 'WecomSecretArn', {
      description: 'Put the WeCom apps JSON here (see infra/README.md)',
      value: this.wecomSecret.secretArn,
    });
    new CfnOutput(this, 'AttachmentBucketName', {
      description: 'The private bucket of attachment files (receipt photos)',
      value: this.attachments.bucket.bucketName,
    });
    new CfnOutput(this, 'TableName', {
      description: 'The DynamoDB table',
      value: this.table.tableName,
    });
    for (const [name, workflow] of this.workflows) {
      new CfnOutput(this, `${constructId(name)}StateMachineArn`, {
        description: `The ${name} workflow's state machine`,
        value: workflow.stateMachine.stateMachineArn,
      });
    }

    // Last: the alarms cover every function created above (docs: infra/README.md, "Alarms").
    this.alarms = new Alarms(this, 'Alarms', {
      httpApi: this.httpApi,
      // Issue 19: log-line metrics, workflow failures, failed async work, the WeCom robot.
      errorLogGroups: [
        routeLogs,
        this.wecomProcessor.fn.logGroup,
        this.outboxWorker.fn.logGroup,
        this.importWorker.fn.logGroup,
        this.digestJob.fn.logGroup,
      ],
      wecomLogGroups: [routeLogs, this.outboxWorker.fn.logGroup],
      stateMachines: new Map([...this.workflows].map(([name, w]) => [name, w.stateMachine])),
      failureQueue,
      robot: { serviceVersion },
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      description: 'Subscribe the people on call: the composite alarm notifies this topic',
      value: this.alarms.topic.topicArn,
    });
    if (this.alarms.robot) {
      new CfnOutput(this, 'AlarmRobotSecretArn', {
        description: 'Put the WeCom group robot webhook here: {"webhookUrl":"https://qyapi…"}',
        value: this.alarms.robot.secret.secretArn,
      });
    }

    // Issue 19: logs kept >= 180 days; what the China regions lack, left out there.
    Aspects.of(this).add(new MinimumLogRetention());
    Aspects.of(this).add(new ChinaRegionSubstitutions());
  }
}
