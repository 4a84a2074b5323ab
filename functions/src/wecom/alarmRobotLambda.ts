import { readSecretString } from '../adapters/aws/secrets.js';
import { log } from '../telemetry/log.js';
import { postAlarms, type SnsEvent } from './alarmRobot.js';

let secret: Promise<string | undefined> | undefined;

/**
 * The alarm robot Lambda (infra/src/constructs/operations.ts): subscribed to the alarm topic,
 * posts each notification to the WeCom group robot whose webhook is in ALARM_ROBOT_SECRET_ARN.
 * The secret is read once per container; a failed read is tried again on the next event.
 */
export const handler = (event: SnsEvent) =>
  postAlarms(
    {
      readSecret: () => {
        secret ??= readSecretString(
          process.env.AWS_REGION ?? '',
          process.env.ALARM_ROBOT_SECRET_ARN ?? '',
        ).catch((err: unknown) => {
          secret = undefined;
          throw err;
        });
        return secret;
      },
      fetch: (...args) => fetch(...args),
      warn: (message, fields) => log.warn(message, fields),
    },
    event,
  );
