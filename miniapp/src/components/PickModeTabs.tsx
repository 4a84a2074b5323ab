import { View } from '@tarojs/components';
import { replaceWith } from '../platform/nav';

const MODES = [
  { page: 'pick', label: '扫码领料' },
  { page: 'kitIssue', label: '齐套领料' },
] as const;

/** The issue modes of one task order (standard scan-to-pick, kit by sets): one tab each. */
export function PickModeTabs(props: { no: string; current: 'pick' | 'kitIssue' }) {
  return (
    <View className="tabs" data-testid="pick-modes">
      {MODES.map((m) => (
        <View
          key={m.page}
          className={`tab${props.current === m.page ? ' tab-active' : ''}`}
          data-testid={`pick-mode-${m.page}`}
          onClick={() =>
            props.current === m.page ? undefined : replaceWith(m.page, { no: props.no })
          }
        >
          {m.label}
        </View>
      ))}
    </View>
  );
}
