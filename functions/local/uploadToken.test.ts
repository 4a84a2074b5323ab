import { signDownload, signPolicy, verifyDownload, verifyPolicy } from './uploadToken.js';

const SECRET = 'local-test-secret';
const policy = {
  key: 't/wwtest01/abcdefghijklmnop',
  contentType: 'image/png',
  maxBytes: 100,
  exp: 1_000,
};

describe('upload policy', () => {
  it('verifies a policy it signed until its expiry', () => {
    const signed = signPolicy(SECRET, policy);
    expect(verifyPolicy(SECRET, signed.policy, signed.signature, 1_000)).toEqual({
      ok: true,
      policy,
    });
    expect(verifyPolicy(SECRET, signed.policy, signed.signature, 1_001)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses a policy changed by the sender, signed with another key, or missing', () => {
    const signed = signPolicy(SECRET, policy);
    const bigger = signPolicy(SECRET, { ...policy, maxBytes: 10_000 }).policy;
    expect(verifyPolicy(SECRET, bigger, signed.signature, 0)).toEqual({
      ok: false,
      reason: 'forged',
    });
    const other = signPolicy('another-key', policy);
    expect(verifyPolicy(SECRET, other.policy, other.signature, 0)).toEqual({
      ok: false,
      reason: 'forged',
    });
    expect(verifyPolicy(SECRET, undefined, signed.signature, 0)).toEqual({
      ok: false,
      reason: 'forged',
    });
    expect(verifyPolicy(SECRET, signed.policy, 'x', 0)).toEqual({ ok: false, reason: 'forged' });
  });
});

describe('download links', () => {
  const grant = { key: policy.key, contentType: 'image/png', fileName: '发票.png', exp: 5_000 };

  it('holds for what it names until it expires', () => {
    const sig = signDownload(SECRET, grant);
    expect(verifyDownload(SECRET, grant, sig, 5_000)).toBe('ok');
    expect(verifyDownload(SECRET, grant, sig, 5_001)).toBe('expired');
  });

  it('names one file only, served one way', () => {
    const sig = signDownload(SECRET, grant);
    expect(verifyDownload(SECRET, { ...grant, key: 't/wwtest02/abcdefghijklmnop' }, sig, 0)).toBe(
      'forged',
    );
    expect(verifyDownload(SECRET, { ...grant, contentType: 'text/html' }, sig, 0)).toBe('forged');
    expect(verifyDownload(SECRET, { ...grant, exp: 9_999 }, sig, 0)).toBe('forged');
  });
});
