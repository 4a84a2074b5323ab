import type { Role } from '@factory/shared';
import type { PageName } from '../platform/nav';

export type Tile = {
  id: string;
  title: string;
  hint: string;
  page: PageName;
  /** Query of the page opened (e.g. which step the task order list leads to). */
  params?: Record<string, string>;
};

/** Every role: everyone asks for leave, purchases and the like. */
const ALL_ROLES: readonly Role[] = [
  'sales',
  'planner',
  'warehouse',
  'supervisor',
  'worker',
  'qc',
  'cost',
  'manager',
  'admin',
  'engineer',
];

const TILES: (Tile & { roles: readonly Role[] })[] = [
  {
    id: 'order-new',
    title: '新建订单',
    hint: '录入销售订单',
    page: 'orderEdit',
    roles: ['sales', 'manager', 'admin'],
  },
  {
    id: 'orders',
    title: '我的订单',
    hint: '草稿、审批进度',
    page: 'orders',
    roles: ['sales', 'manager', 'admin'],
  },
  {
    id: 'approvals',
    title: '审批',
    hint: '待我审批的单据',
    page: 'approvals',
    // Who approves by the default rules (and typical custom ones); others have no inbox tile.
    roles: ['manager', 'admin', 'engineer', 'planner', 'supervisor', 'cost'],
  },
  {
    id: 'stock',
    title: '库存查询',
    hint: '按物料或仓库',
    page: 'stock',
    roles: ['sales', 'planner', 'warehouse', 'supervisor', 'manager', 'admin', 'cost', 'qc'],
  },
  {
    id: 'planning',
    title: '计划输入',
    hint: '预测、工作日历',
    page: 'planning',
    roles: ['planner', 'manager', 'admin'],
  },
  {
    id: 'task-orders',
    title: '生产任务单',
    hint: '进度、报工、入库',
    page: 'taskOrders',
    roles: ['worker', 'supervisor', 'warehouse', 'manager', 'admin'],
  },
  {
    id: 'pick',
    title: '扫码领料',
    hint: '按生产任务单扫码确认',
    page: 'taskOrders',
    params: { next: 'pick' },
    roles: ['warehouse', 'supervisor', 'admin'],
  },
  {
    id: 'merged-pick',
    title: '合并拣货',
    hint: '多张生产任务单一起拣',
    page: 'taskOrders',
    params: { mode: 'merge' },
    roles: ['warehouse', 'supervisor', 'admin'],
  },
  {
    id: 'delivery',
    title: '扫码发货',
    hint: '按客户订单扫码发货',
    page: 'deliveryPick',
    roles: ['warehouse', 'supervisor', 'manager', 'admin'],
  },
  {
    id: 'work-report',
    title: '报工',
    hint: '良品、报废、工时',
    page: 'taskOrders',
    params: { next: 'workReport' },
    roles: ['worker', 'supervisor'],
  },
  {
    id: 'po-new',
    title: '新建采购订单',
    hint: '供应商、价格、税额',
    page: 'poEdit',
    roles: ['planner', 'manager', 'admin'],
  },
  {
    id: 'purchase-orders',
    title: '采购订单',
    hint: '查询、审批进度、发给供应商',
    page: 'purchaseOrders',
    roles: ['planner', 'manager', 'admin', 'cost'],
  },
  {
    id: 'purchase-receipt',
    title: '采购收货',
    hint: '扫码按采购订单入库',
    page: 'purchaseReceipt',
    params: { kind: 'purchase' },
    roles: ['warehouse', 'supervisor', 'admin'],
  },
  {
    id: 'outsourcing',
    title: '委外订单',
    hint: '委外发料、入库，加工价格',
    page: 'osOrders',
    roles: ['warehouse', 'planner', 'manager', 'admin'],
  },
  {
    id: 'cs-receipt',
    title: '客供料入库',
    hint: '扫码收客户来料，零价值',
    page: 'csReceipt',
    roles: ['warehouse', 'supervisor', 'admin'],
  },
  {
    id: 'cs-stock',
    title: '客供料台账',
    hint: '按客户：收发退存、待客户供料',
    page: 'csStock',
    roles: ['warehouse', 'sales', 'planner', 'manager', 'admin'],
  },
  {
    id: 'inspections',
    title: '我的检验',
    hint: '待检、处置，扫码开检验单',
    page: 'inspections',
    roles: ['qc', 'manager', 'admin'],
  },
  {
    id: 'quality-report',
    title: '质量报表',
    hint: '合格率、缺陷排列、待检时长',
    page: 'qualityReport',
    roles: ['manager', 'qc', 'admin', 'cost'],
  },
  {
    id: 'cost-report',
    title: '成本计算单',
    hint: '月度核算、产品成本与毛利',
    page: 'costPeriod',
    roles: ['cost', 'manager', 'admin'],
  },
  {
    id: 'dashboard',
    title: '经营看板',
    hint: '接单发货、生产、缺料、质量、成本',
    page: 'dashboard',
    roles: ['manager', 'admin'],
  },
  {
    id: 'claims',
    title: '费用报销',
    hint: '报销单、票据照片、审批进度',
    page: 'claims',
    roles: ALL_ROLES,
  },
  {
    id: 'office-forms',
    title: '审批申请',
    hint: '请假、采购申请、通用申请',
    page: 'officeForms',
    roles: ALL_ROLES,
  },
];

/** What the home page offers a person: the tiles any of their roles may use. */
export function tilesFor(roles: readonly Role[]): Tile[] {
  return TILES.filter((t) => t.roles.some((r) => roles.includes(r))).map(
    ({ roles: _roles, ...tile }) => tile,
  );
}

export const ROLE_LABELS: Record<Role, string> = {
  sales: '销售',
  planner: '计划',
  warehouse: '仓管',
  supervisor: '车间主任',
  worker: '操作工',
  qc: '质检',
  cost: '成本会计',
  manager: '厂长',
  admin: '管理员',
  engineer: '工艺工程师',
};
