/** Main package: login and home. Each business area is its own subpackage. */
export default defineAppConfig({
  pages: ['pages/home/index/index', 'pages/login/index/index'],
  subPackages: [
    {
      root: 'pages/sales',
      pages: ['order-edit/index', 'orders/index', 'order-detail/index'],
    },
    {
      root: 'pages/purchasing',
      pages: ['po-edit/index', 'pos/index', 'po-detail/index'],
    },
    {
      root: 'pages/approvals',
      pages: ['inbox/index'],
    },
    {
      root: 'pages/planning',
      pages: ['inputs/index'],
    },
    {
      root: 'pages/stock',
      pages: ['inquiry/index'],
    },
    {
      root: 'pages/delivery',
      pages: ['pick/index'],
    },
    {
      root: 'pages/quality',
      pages: ['inspections/index', 'inspection/index', 'report/index'],
    },
    {
      root: 'pages/outsourcing',
      pages: ['orders/index', 'order/index', 'send/index', 'receipt/index'],
    },
    {
      root: 'pages/customer',
      pages: ['receipt/index', 'stock/index'],
    },
    {
      root: 'pages/cost',
      pages: ['period/index', 'product/index', 'order/index'],
    },
    {
      root: 'pages/dashboard',
      pages: ['index/index', 'list/index'],
    },
    {
      root: 'pages/office',
      pages: ['claim-edit/index', 'claims/index', 'claim-detail/index', 'forms/index'],
    },
    {
      root: 'pages/shopfloor',
      pages: [
        'tasks/index',
        'task/index',
        'pick/index',
        'kit/index',
        'merged/index',
        'report/index',
        'receipt/index',
        'return/index',
        'supplementary/index',
      ],
    },
  ],
  // H5: no sliding page transitions (instant pages; steady screenshots in the browser tests).
  animation: false,
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f6feb',
    navigationBarTitleText: '工厂 ERP',
    navigationBarTextStyle: 'white',
  },
});
