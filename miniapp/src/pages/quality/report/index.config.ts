export default definePageConfig({
  navigationBarTitleText: '质量报表',
  enablePullDownRefresh: true,
});
