import { Input, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';

export type PickerOption = { value: string; label: string; hint?: string };

/**
 * A searchable picker that works the same in the mini-program and in H5: type to search
 * (the page's search function calls a list route with q), tap an option to choose it.
 */
export function SearchPicker(props: {
  testId: string;
  placeholder: string;
  selected?: PickerOption;
  search: (q: string) => Promise<PickerOption[]>;
  onSelect: (option: PickerOption) => void;
  invalid?: boolean;
}) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<PickerOption[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const { search } = props;

  useEffect(() => {
    if (!open) return undefined;
    const mine = ++seq.current;
    // Searching from the first keystroke (or the focus): "nothing found" is said only of an
    // answer, never while the debounced search has not yet been sent.
    setLoading(true);
    const timer = setTimeout(() => {
      search(text.trim())
        .then((found) => {
          if (mine === seq.current) setOptions(found);
        })
        .catch(() => {
          if (mine === seq.current) setOptions([]);
        })
        .finally(() => {
          if (mine === seq.current) setLoading(false);
        });
    }, 200);
    return () => clearTimeout(timer);
  }, [open, text, search]);

  const shown = open ? text : props.selected ? `${props.selected.label}` : '';
  return (
    <View data-testid={props.testId}>
      <Input
        className={`input${props.invalid ? ' input-error' : ''}`}
        data-testid={`${props.testId}-input`}
        placeholder={props.placeholder}
        value={shown}
        onFocus={() => {
          setText('');
          setOpen(true);
        }}
        onInput={(e) => {
          setText(e.detail.value);
          setOpen(true);
        }}
      />
      {open ? (
        <View className="options" data-testid={`${props.testId}-options`}>
          {options.map((o) => (
            <View
              key={o.value}
              className="option"
              data-testid={`${props.testId}-option-${o.value}`}
              onClick={() => {
                props.onSelect(o);
                setOpen(false);
                setText('');
              }}
            >
              <View>{o.label}</View>
              {o.hint ? <View className="muted">{o.hint}</View> : null}
            </View>
          ))}
          {options.length === 0 ? (
            <View className="option muted" data-testid={`${props.testId}-status`}>
              {loading ? '搜索中…' : '没有匹配的结果'}
            </View>
          ) : null}
          <View
            className="option muted"
            data-testid={`${props.testId}-close`}
            onClick={() => setOpen(false)}
          >
            收起
          </View>
        </View>
      ) : null}
    </View>
  );
}
