export default definePageConfig({
  navigationBarTitleText: '委外入库',
});
