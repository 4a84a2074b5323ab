import {
  AppError,
  type CostingSettings,
  type CostingSettingsInput,
  type Session,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { type CostPeriod, periodBounds } from '../../domain/costing/index.js';
import { costingRepo } from '../../store/costingRepo.js';
import { completing, type CommitHooks } from '../hooks.js';

/** The tenant's period `YYYY-MM`: its first and last day, by its closing day (if any). */
export async function boundsOf(deps: Deps, tenant: string, period: string): Promise<CostPeriod> {
  const settings = await costingRepo(deps, tenant).getSettings();
  return periodBounds(period, settings?.closingDay ?? undefined);
}

export async function getCostingSettings(deps: Deps, s: Session): Promise<CostingSettings> {
  return (await costingRepo(deps, s.tenant).getSettings()) ?? { closingDay: null };
}

/**
 * The closing day, set before the first period is costed: every period's bounds follow from
 * it, and a costed period's report (and the next one's opening) would no longer match them.
 */
export async function putCostingSettings(
  deps: Deps,
  s: Session,
  input: CostingSettingsInput,
  hooks: CommitHooks<CostingSettings> = {},
): Promise<CostingSettings> {
  const repo = costingRepo(deps, s.tenant);
  const costed = (await repo.periods()).filter((p) => p.costedRunId !== undefined);
  if (costed.length) {
    throw new AppError(
      'costing.invalidState',
      `已有期间核算过（${costed.map((p) => p.period).join('、')}），结账日不能再修改`,
      { periods: costed.map((p) => p.period) },
    );
  }
  const settings: CostingSettings = {
    closingDay: input.closingDay,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: s.user,
  };
  await deps.unitOfWork.commit(completing(hooks, settings, [repo.putSettings(settings)]));
  return settings;
}
