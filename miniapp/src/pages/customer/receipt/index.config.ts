export default definePageConfig({ navigationBarTitleText: '客供料入库' });
