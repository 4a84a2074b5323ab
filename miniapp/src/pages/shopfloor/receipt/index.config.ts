export default definePageConfig({ navigationBarTitleText: '完工入库' });
