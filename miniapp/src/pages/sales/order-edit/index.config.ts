export default definePageConfig({ navigationBarTitleText: '销售订单' });
