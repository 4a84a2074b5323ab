export default definePageConfig({ navigationBarTitleText: '按套发料' });
