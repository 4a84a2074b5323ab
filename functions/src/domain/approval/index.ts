export {
  defaultApprovalRules,
  stepApplies,
  stepsNeeded,
  ruleFor,
  ruleForForm,
  SALES_ORDER_MANAGER_THRESHOLD_FEN,
  type RuleSubject,
} from './rules.js';
export {
  startApproval,
  currentStep,
  canDecide,
  isInvolved,
  decide,
  cancelApproval,
  alreadyDecided,
  reasonRequired,
  submitterMayDecide,
  cardTaskId,
  stepOfCardTaskId,
  cardKeys,
  cardLabel,
  type Actor,
  type StartInput,
  type Decision,
  type DecisionOutcome,
} from './machine.js';
export { decisionNoticeText, reasonNeededText, DOC_LABEL } from './notice.js';
