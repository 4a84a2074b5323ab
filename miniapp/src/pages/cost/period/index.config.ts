export default definePageConfig({
  navigationBarTitleText: '成本计算单',
  enablePullDownRefresh: true,
});
