import Taro from '@tarojs/taro';
import { IS_WEAPP } from './env';

/**
 * SEAM (a later issue): scan a barcode with the phone camera. The mini-program uses
 * wx.scanCode; H5 (browser, tests) has no camera API here and asks to type the code.
 */
export async function scanBarcode(): Promise<string | undefined> {
  if (!IS_WEAPP) return undefined;
  const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['barCode'] });
  return res.result;
}

export const canScan = (): boolean => IS_WEAPP;
