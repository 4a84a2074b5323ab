import Taro from '@tarojs/taro';

/** Navigation and feedback: the only way pages move around or pop a message. */
export const PAGES = {
  login: '/pages/login/index/index',
  home: '/pages/home/index/index',
  orderEdit: '/pages/sales/order-edit/index',
  orders: '/pages/sales/orders/index',
  orderDetail: '/pages/sales/order-detail/index',
  approvals: '/pages/approvals/inbox/index',
  poEdit: '/pages/purchasing/po-edit/index',
  purchaseOrders: '/pages/purchasing/pos/index',
  poDetail: '/pages/purchasing/po-detail/index',
  stock: '/pages/stock/inquiry/index',
  planning: '/pages/planning/inputs/index',
  taskOrders: '/pages/shopfloor/tasks/index',
  taskOrder: '/pages/shopfloor/task/index',
  pick: '/pages/shopfloor/pick/index',
  kitIssue: '/pages/shopfloor/kit/index',
  mergedPick: '/pages/shopfloor/merged/index',
  workReport: '/pages/shopfloor/report/index',
  productionReceipt: '/pages/shopfloor/receipt/index',
  /** The same page, receiving against a purchase order (kind=purchase). */
  purchaseReceipt: '/pages/shopfloor/receipt/index',
  taskReturn: '/pages/shopfloor/return/index',
  supplementary: '/pages/shopfloor/supplementary/index',
  deliveryPick: '/pages/delivery/pick/index',
  inspections: '/pages/quality/inspections/index',
  inspection: '/pages/quality/inspection/index',
  qualityReport: '/pages/quality/report/index',
  osOrders: '/pages/outsourcing/orders/index',
  osOrder: '/pages/outsourcing/order/index',
  osSend: '/pages/outsourcing/send/index',
  osReceipt: '/pages/outsourcing/receipt/index',
  csReceipt: '/pages/customer/receipt/index',
  csStock: '/pages/customer/stock/index',
  costPeriod: '/pages/cost/period/index',
  costProduct: '/pages/cost/product/index',
  costOrder: '/pages/cost/order/index',
  dashboard: '/pages/dashboard/index/index',
  dashboardList: '/pages/dashboard/list/index',
  officeForms: '/pages/office/forms/index',
  claimEdit: '/pages/office/claim-edit/index',
  claims: '/pages/office/claims/index',
  claimDetail: '/pages/office/claim-detail/index',
} as const;

export type PageName = keyof typeof PAGES;

function url(page: PageName, params?: Record<string, string>): string {
  const q = Object.entries(params ?? {})
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return q ? `${PAGES[page]}?${q}` : PAGES[page];
}

export function goTo(page: PageName, params?: Record<string, string>): void {
  void Taro.navigateTo({ url: url(page, params) });
}

export function replaceWith(page: PageName, params?: Record<string, string>): void {
  void Taro.redirectTo({ url: url(page, params) });
}

/** Start over at a page (after login / logout). */
export function restartAt(page: PageName): void {
  void Taro.reLaunch({ url: url(page) });
}

export function goBack(): void {
  void Taro.navigateBack();
}

export function toast(title: string, icon: 'success' | 'none' = 'none'): void {
  void Taro.showToast({ title, icon, duration: 2000 });
}

/**
 * Asks before an action that cannot be taken back (驳回, 取消订单): a WeCom / browser modal
 * dialog; resolves true only when the user confirmed.
 */
export async function confirmAction(options: {
  title: string;
  content: string;
  /** At most 4 characters (WeCom's limit). */
  confirmText: string;
}): Promise<boolean> {
  const res = await Taro.showModal({
    title: options.title,
    content: options.content,
    confirmText: options.confirmText,
    confirmColor: '#e54d42',
    cancelText: '返回',
  });
  return res.confirm;
}

export function setTitle(title: string): void {
  void Taro.setNavigationBarTitle({ title });
}

/** The current page's query parameters. */
export const usePageParams = (): Record<string, string | undefined> => Taro.useRouter().params;
export const usePageShow = Taro.useDidShow;
export const usePullDownRefresh = Taro.usePullDownRefresh;
export const stopPullDownRefresh = (): void => Taro.stopPullDownRefresh();

/** Copies a text (a share link) to the clipboard; WeCom and H5 both show their own notice. */
export function copyText(data: string): void {
  void Taro.setClipboardData({ data }).catch(() => undefined);
}
