import Taro from '@tarojs/taro';

/** Key/value storage: wx storage in the mini-program, localStorage in H5 (both via Taro). */
export function getItem<T>(key: string): T | undefined {
  try {
    const value: unknown = Taro.getStorageSync(key);
    return value === '' || value === null || value === undefined ? undefined : (value as T);
  } catch {
    return undefined;
  }
}

export function setItem(key: string, value: unknown): void {
  Taro.setStorageSync(key, value);
}

export function removeItem(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    // nothing stored
  }
}
