export default definePageConfig({
  navigationBarTitleText: '检验单',
});
