export default definePageConfig({
  navigationBarTitleText: '订单成本',
});
