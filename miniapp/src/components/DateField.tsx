import { Input, Picker, View } from '@tarojs/components';
import { IS_H5 } from '../platform/env';

/**
 * A date (YYYY-MM-DD): the native date picker in the mini-program; a text input in H5, where
 * the picker's sheet is clumsy with a mouse and in browser tests.
 */
export function DateField(props: {
  testId: string;
  value: string;
  onChange: (value: string) => void;
  invalid?: boolean;
}) {
  const className = `input${props.invalid ? ' input-error' : ''}`;
  if (IS_H5)
    return (
      <Input
        className={className}
        data-testid={props.testId}
        placeholder="YYYY-MM-DD"
        value={props.value}
        onInput={(e) => props.onChange(e.detail.value)}
      />
    );
  return (
    <Picker
      mode="date"
      value={props.value}
      onChange={(e) => props.onChange(String(e.detail.value))}
    >
      <View className={className} data-testid={props.testId}>
        {props.value || '请选择日期'}
      </View>
    </Picker>
  );
}
