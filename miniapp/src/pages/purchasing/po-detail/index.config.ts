export default definePageConfig({
  navigationBarTitleText: '采购订单详情',
  enablePullDownRefresh: true,
});
