export default definePageConfig({ navigationBarTitleText: '生产任务单' });
