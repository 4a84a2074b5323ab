export default definePageConfig({ navigationBarTitleText: '合并拣货' });
