export default definePageConfig({
  navigationBarTitleText: '我的检验',
  enablePullDownRefresh: true,
});
