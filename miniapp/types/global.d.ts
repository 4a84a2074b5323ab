/// <reference types="@tarojs/taro" />

declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | undefined;
    /** weapp: the API's base URL, fixed at build time. */
    TARO_APP_API_BASE_URL?: string;
  }
}
