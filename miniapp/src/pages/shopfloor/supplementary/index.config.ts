export default definePageConfig({ navigationBarTitleText: '补料申请' });
