export default definePageConfig({ navigationBarTitleText: '审批申请' });
