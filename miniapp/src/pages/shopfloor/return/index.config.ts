export default definePageConfig({ navigationBarTitleText: '退料' });
