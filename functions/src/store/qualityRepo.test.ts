import { AppError } from '@factory/shared';
import { defectRecord, inspectionPlanRecord, qualityRepo } from './qualityRepo.js';

const repo = qualityRepo({ db: undefined as never, tableName: 'T' }, 'ww1');
const defect = { code: 'DIM', name: '尺寸超差', category: '尺寸', active: true, version: 3 };
const plan = {
  item: 'MOTOR',
  receipts: ['purchase' as const, 'production' as const],
  sampling: { rule: 'fixed' as const, count: '5' },
  defects: ['DIM'],
  version: 2,
};

describe('qualityRepo', () => {
  it('stores defects and plans in their tenant partitions and reads them back', () => {
    const d = defectRecord.item('ww1', defect);
    expect(d).toMatchObject({ pk: 'T#ww1#DEFECT', sk: 'DIM', type: 'defect', active: true });
    expect(defectRecord.read(d)).toEqual(defect);
    const p = inspectionPlanRecord.item('ww1', plan);
    expect(p).toMatchObject({ pk: 'T#ww1#QPLAN', sk: 'MOTOR', receipts: plan.receipts });
    expect(inspectionPlanRecord.read(p)).toEqual(plan);
  });

  it('a plan is written only beside the unchanged, active defects it names', () => {
    const check = repo.defectUnchanged(defect);
    expect(check.ConditionCheck).toMatchObject({
      Key: { pk: 'T#ww1#DEFECT', sk: 'DIM' },
      ExpressionAttributeValues: { ':v': 3, ':true': true },
    });
    const err = check.onConditionFailed!(undefined);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('resource.versionConflict');
  });

  it('a first plan needs a free key (409 exists), a later one the version read (409 conflict)', () => {
    const fresh = repo.putPlan(plan, undefined);
    expect(fresh.Put!.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect((fresh.onConditionFailed!(undefined) as AppError).code).toBe('resource.exists');
    const later = repo.putPlan(plan, 1);
    expect((later.onConditionFailed!(undefined) as AppError).code).toBe('resource.versionConflict');
    const del = repo.deletePlan('MOTOR', 2);
    expect(del.Delete!.ExpressionAttributeValues).toEqual({ ':expected': 2 });
  });
});
