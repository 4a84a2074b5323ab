export default definePageConfig({ navigationBarTitleText: '工厂 ERP' });
