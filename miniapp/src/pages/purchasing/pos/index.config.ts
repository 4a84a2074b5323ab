export default definePageConfig({
  navigationBarTitleText: '采购订单',
  enablePullDownRefresh: true,
});
