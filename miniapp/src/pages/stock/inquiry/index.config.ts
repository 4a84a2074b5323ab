export default definePageConfig({ navigationBarTitleText: '库存查询' });
