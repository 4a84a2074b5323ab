export default definePageConfig({ navigationBarTitleText: '计划输入' });
