import type { unmarshall } from '@aws-sdk/util-dynamodb';
import { assertSdkKeepsNumberText } from './client.js';

describe('the SDK the functions run with', () => {
  it('keeps numbers as their exact text with the installed SDK', () => {
    expect(() => assertSdkKeepsNumberText()).not.toThrow();
  });

  it('refuses an SDK that wraps numbers in objects instead (older than 3.693)', () => {
    // What an SDK without wrapNumbers functions does: the option is just "truthy".
    const older: typeof unmarshall = (item) =>
      Object.fromEntries(Object.entries(item).map(([k, v]) => [k, { value: v.N }]));
    expect(() => assertSdkKeepsNumberText(older)).toThrow(/too old/);
  });
});
