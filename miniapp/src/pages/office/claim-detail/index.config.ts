export default definePageConfig({
  navigationBarTitleText: '报销单详情',
  enablePullDownRefresh: true,
});
