export default definePageConfig({ navigationBarTitleText: '费用报销' });
