export default definePageConfig({
  navigationBarTitleText: '委外订单',
  enablePullDownRefresh: true,
});
