import { AppError } from '@factory/shared';

const LABEL = { delivery: '发货单', customerReturn: '销售退货单' } as const;

/**
 * 404 resource.notFound for the area's own documents, named in zh-CN here (not in the shared
 * labels, which every area's bundle carries).
 */
export function missing(entity: keyof typeof LABEL, id: string): AppError {
  return new AppError('resource.notFound', `${LABEL[entity]}不存在：${id}`, { entity, id });
}
