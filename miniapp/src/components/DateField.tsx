import { Input, Picker, Text, View } from '@tarojs/components';
import { useRef } from 'react';
import { IS_H5 } from '../platform/env';

/**
 * A date (YYYY-MM-DD) chosen from the phone's date picker, shown as YYYY-MM-DD in both builds.
 * The mini-program has Picker mode="date". Taro's H5 Picker draws its own wheel sheet, clumsy
 * on a phone browser; H5 lays the browser's own date input, transparent, over the shown value,
 * so a tap opens the system picker (showPicker where the browser does not open it on a tap)
 * and the value cannot be typed malformed. Chromium would show the date in its locale's form
 * (2026/12/31), hence the value drawn beside it.
 */
export function DateField(props: {
  testId: string;
  value: string;
  onChange: (value: string) => void;
  invalid?: boolean;
}) {
  const className = `input date-field${props.invalid ? ' input-error' : ''}`;
  const box = useRef<HTMLElement>(null);
  const shown = (
    <Text className={props.value ? '' : 'muted'} data-testid={`${props.testId}-value`}>
      {props.value || '请选择日期'}
    </Text>
  );
  if (IS_H5)
    return (
      <View
        className={className}
        data-testid={props.testId}
        ref={box}
        onClick={() => openPicker(box.current)}
      >
        {shown}
        <Input
          className="date-field-native"
          // Taro's H5 Input passes any type to the native <input>; its types list only its own.
          type={'date' as 'text'}
          value={props.value}
          onInput={(e) => props.onChange(e.detail.value)}
        />
      </View>
    );
  return (
    <Picker
      mode="date"
      value={props.value}
      onChange={(e) => props.onChange(String(e.detail.value))}
    >
      <View className={className} data-testid={props.testId}>
        {shown}
      </View>
    </Picker>
  );
}

/** Desktop browsers open a date input's picker only from its icon: open it from anywhere. */
function openPicker(box: HTMLElement | null) {
  const input = box?.querySelector('input') as (HTMLInputElement & { showPicker?(): void }) | null;
  try {
    input?.showPicker?.();
  } catch {
    // Not allowed outside a user gesture, or not a date input here: the tap itself opens it.
  }
}
