export default definePageConfig({ navigationBarTitleText: '齐套领料' });
