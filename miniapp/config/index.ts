import { defineConfig } from '@tarojs/cli';

/**
 * Taro build configuration: one source tree, two targets.
 * - weapp: the WeCom mini-program (main package = login + home; one subpackage per area).
 * - h5: served by the local runtime at /app/ (same origin as /api), tested in Chromium.
 *   Its API base URL and simulator URL come from /app/config.json at run time.
 */
export default defineConfig<'webpack5'>(() => ({
  projectName: 'factory-erp-miniapp',
  date: '2026-11-25',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  // The local runtime builds H5 into a temporary folder and swaps it in (functions/local/miniapp.ts).
  outputRoot: process.env.MINIAPP_OUTPUT_ROOT ?? `dist/${process.env.TARO_ENV}`,
  plugins: [],
  // Inlined at build time (the mini-program has no `process`): the weapp's API base URL, from
  // the environment or miniapp/.env (Taro loads TARO_APP_* from there).
  defineConstants: {
    'process.env.TARO_APP_API_BASE_URL': JSON.stringify(process.env.TARO_APP_API_BASE_URL ?? ''),
  },
  copy: { patterns: [], options: {} },
  framework: 'react',
  compiler: { type: 'webpack5', prebundle: { enable: false } },
  cache: { enable: false },
  logger: { quiet: true, stats: false },
  mini: {
    postcss: {
      pxtransform: { enable: true, config: {} },
      cssModules: { enable: false },
    },
    optimizeMainPackage: { enable: true },
  },
  h5: {
    publicPath: '/app/',
    staticDirectory: 'static',
    router: { mode: 'hash' },
    output: {
      filename: 'js/[name].[contenthash:8].js',
      chunkFilename: 'js/[name].[contenthash:8].js',
    },
    miniCssExtractPluginOption: {
      ignoreOrder: true,
      filename: 'css/[name].[contenthash:8].css',
      chunkFilename: 'css/[name].[contenthash:8].css',
    },
    postcss: {
      autoprefixer: { enable: true, config: {} },
      cssModules: { enable: false },
    },
  },
}));
