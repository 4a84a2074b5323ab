/**
 * A Secrets Manager secret's text. The SDK client is loaded on first use, so local runs (which
 * take their secrets from the environment) never load it.
 */
export async function readSecretString(
  region: string,
  secretId: string,
): Promise<string | undefined> {
  return (await readSecretVersion(region, secretId)).value;
}

/** A secret's current text and the id of that version. */
export async function readSecretVersion(
  region: string,
  secretId: string,
): Promise<{ value: string | undefined; versionId: string | undefined }> {
  const { SecretsManagerClient, GetSecretValueCommand } =
    await import('@aws-sdk/client-secrets-manager');
  const res = await new SecretsManagerClient({ region }).send(
    new GetSecretValueCommand({ SecretId: secretId }),
  );
  return { value: res.SecretString, versionId: res.VersionId };
}

/**
 * Writes a new current version of a secret. `token` (32 to 64 characters) makes the write
 * idempotent: a second write with the same token and the same text does nothing, with another
 * text it fails (`ResourceExistsException`), so of two containers racing to write the first
 * version of a generated secret exactly one wins. Answers false when another text won.
 */
export async function putSecretString(
  region: string,
  secretId: string,
  value: string,
  token: string,
): Promise<boolean> {
  const { SecretsManagerClient, PutSecretValueCommand } =
    await import('@aws-sdk/client-secrets-manager');
  try {
    await new SecretsManagerClient({ region }).send(
      new PutSecretValueCommand({
        SecretId: secretId,
        SecretString: value,
        ClientRequestToken: token,
      }),
    );
    return true;
  } catch (err) {
    if ((err as { name?: string }).name === 'ResourceExistsException') return false;
    throw err;
  }
}
