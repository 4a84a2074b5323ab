export default definePageConfig({
  navigationBarTitleText: '产品成本趋势',
});
