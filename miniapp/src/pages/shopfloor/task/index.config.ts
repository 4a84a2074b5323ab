export default definePageConfig({ navigationBarTitleText: '任务单详情' });
