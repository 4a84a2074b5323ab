/** Which build this is; Taro inlines process.env.TARO_ENV at build time. */
export const TARO_ENV = process.env.TARO_ENV ?? 'unknown';
export const IS_H5 = TARO_ENV === 'h5';
export const IS_WEAPP = TARO_ENV === 'weapp';
