export default definePageConfig({ navigationBarTitleText: '采购订单' });
