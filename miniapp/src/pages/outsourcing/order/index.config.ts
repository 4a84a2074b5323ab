export default definePageConfig({
  navigationBarTitleText: '委外订单详情',
});
