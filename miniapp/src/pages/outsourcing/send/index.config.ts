export default definePageConfig({
  navigationBarTitleText: '委外发料',
});
