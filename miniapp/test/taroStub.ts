/**
 * A small stand-in for @tarojs/taro in unit tests (jest maps the module here):
 * @tarojs/test-utils-react does not work with Taro 4. Tests replace `request` as needed.
 */
type RequestOptions = {
  url: string;
  method?: string;
  header?: Record<string, string>;
  data?: unknown;
  timeout?: number;
};
type RequestResult = { statusCode: number; data: unknown; header?: Record<string, string> };

const storage = new Map<string, unknown>();

const Taro = {
  request: async (_options: RequestOptions): Promise<RequestResult> => {
    throw new Error('Taro.request is not stubbed in this test');
  },
  getStorageSync: (key: string): unknown => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown): void => {
    storage.set(key, value);
  },
  removeStorageSync: (key: string): void => {
    storage.delete(key);
  },
  navigateTo: async () => undefined,
  redirectTo: async () => undefined,
  reLaunch: async () => undefined,
  navigateBack: async () => undefined,
  showToast: async () => undefined,
  showModal: async (_options: Record<string, unknown>) => ({ confirm: true, cancel: false }),
  setNavigationBarTitle: async () => undefined,
  stopPullDownRefresh: () => undefined,
  scanCode: async () => ({ result: '' }),
  useRouter: () => ({ params: {} as Record<string, string | undefined> }),
  useDidShow: (_fn: () => void) => undefined,
  usePullDownRefresh: (_fn: () => void) => undefined,
};

export type { RequestOptions, RequestResult };
export default Taro;
