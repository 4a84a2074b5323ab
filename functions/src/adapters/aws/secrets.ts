/**
 * A Secrets Manager secret's text. The SDK client is loaded on first use, so local runs (which
 * take their secrets from the environment) never load it.
 */
export async function readSecretString(
  region: string,
  secretId: string,
): Promise<string | undefined> {
  const { SecretsManagerClient, GetSecretValueCommand } =
    await import('@aws-sdk/client-secrets-manager');
  const res = await new SecretsManagerClient({ region }).send(
    new GetSecretValueCommand({ SecretId: secretId }),
  );
  return res.SecretString;
}
