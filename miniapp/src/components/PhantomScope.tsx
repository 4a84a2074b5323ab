import { View } from '@tarojs/components';

/**
 * 领料范围: the whole order (整单) or, skip-level (跨级), only the components under one phantom
 * sub-assembly. Test ids `<testId>-scope`, `<testId>-scope-all`, `<testId>-scope-<phantom>`.
 */
export function PhantomScope(props: {
  testId: string;
  phantoms: readonly string[];
  value?: string;
  onChange: (phantom: string | undefined) => void;
}) {
  if (!props.phantoms.length) return null;
  return (
    <View className="card" data-testid={`${props.testId}-scope`}>
      <View className="label">领料范围</View>
      <View className="tabs">
        {[undefined, ...props.phantoms].map((p) => (
          <View
            key={p ?? ''}
            className={`tab${props.value === p ? ' tab-active' : ''}`}
            data-testid={`${props.testId}-scope-${p ?? 'all'}`}
            onClick={() => props.onChange(p)}
          >
            {p ? `跨级：虚拟件 ${p}` : '整单'}
          </View>
        ))}
      </View>
    </View>
  );
}
