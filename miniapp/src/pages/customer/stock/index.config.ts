export default definePageConfig({
  navigationBarTitleText: '客供料台账',
  enablePullDownRefresh: true,
});
